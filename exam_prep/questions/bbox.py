"""`bbox`: box every instance of every label on an image; scored like CVAT's quality control."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import Field, model_validator

from ..labeling import review
from .base import QuestionSchema, ResponseError
from .labeling_common import (
    LabeledSchema,
    LabelingType,
    OnImage,
    _Strict,
    check_attributes,
    check_box_in_image,
    check_reference_label,
    public_image,
    public_labels,
    response_attributes,
    response_box,
    response_label,
    response_list,
    stored_payload,
)


class BoxShape(_Strict):
    label: str
    box: list[float] = Field(min_length=4, max_length=4)
    attributes: dict[str, bool] = Field(default_factory=dict)


class BBoxSchema(OnImage, LabeledSchema):
    exercise_type = "bbox"
    reference: list[BoxShape] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shapes_fit(self) -> BBoxSchema:
        for i, shape in enumerate(self.reference):
            where = f"reference.{i}"
            check_reference_label(where, shape.label, self)
            check_box_in_image(where, shape.box, self.image)
            check_attributes(where, shape.label, shape.attributes, self)
        return self


class ShapeType(LabelingType):
    """What bbox and polygon share: the public view and checking of drawn shapes."""

    geometry_key: str  # "box" or "points"
    missing_geometry: str  # the message when a shape lacks it

    def public(self, model: QuestionSchema, option_order: list[int] | None) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"question": payload["question"], "guide": payload.get("guide", ""),
                "image": public_image(payload["image"]), "labels": public_labels(payload["labels"])}

    @staticmethod
    def parse_geometry(raw: Any, image: dict[str, Any]) -> Any:
        raise NotImplementedError

    def parse_shape(self, raw: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
        other = "points" if self.geometry_key == "box" else "box"
        if self.geometry_key not in raw or other in raw:
            raise ResponseError(str(self.missing_geometry))
        return {self.geometry_key: self.parse_geometry(raw[self.geometry_key], image)}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: QuestionSchema) -> Any:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        labels = {label["name"]: label.get("attributes", []) for label in payload["labels"]}
        shapes = []
        for item in response_list(raw, "shapes"):
            if not isinstance(item, dict) or not {"label"} <= set(item) <= {"label", "box", "points", "attributes"}:
                raise ResponseError(_("도형은 {label, %(key)s, attributes} 형식이어야 합니다", key=self.geometry_key))
            label = response_label(item["label"], set(labels))
            shape = {"label": label, **self.parse_shape(item, payload["image"])}
            shape["attributes"] = response_attributes(item.get("attributes"), labels[label])
            shapes.append(shape)
        return {"shapes": shapes}

    def answer(self, model: QuestionSchema) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"shapes": payload["reference"]}


class BBox(ShapeType):
    name = "bbox"
    label = "바운딩 박스"
    schema = BBoxSchema
    geometry_key = "box"
    missing_geometry = _l("상자에는 box가 있어야 합니다")
    parse_geometry = staticmethod(response_box)
    template = "questions/bbox.html"
    review_template = "review/labeling/bbox.html"
    script = "js/questions/bbox.js"

    def review_figure(self, model: QuestionSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.shapes_figure(item, "shapes")
