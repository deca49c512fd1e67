"""`ocr`: draw a box or polygon around each text region and type what it says."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from pydantic import Field, model_validator

from ..labeling import review
from .base import QuestionSchema, ResponseError
from .labeling_common import (
    LabelingType,
    OnImage,
    Scoring,
    _Strict,
    check_box_in_image,
    check_polygon_in_image,
    public_image,
    response_box,
    response_list,
    response_points,
    stored_payload,
)
from .response_fields import clean_text

MAX_TEXT = 500


class Normalize(_Strict):
    case: bool = False
    spaces: bool = False
    punctuation: bool = False


class Region(_Strict):
    box: list[float] | None = None
    points: list[list[float]] | None = None
    text: str = Field(min_length=1)

    model_config = {**_Strict.model_config, "str_strip_whitespace": False}

    @model_validator(mode="after")
    def _one_shape(self) -> Region:
        if (self.box is None) == (self.points is None):
            raise ValueError("box: 영역에는 box 또는 points 중 하나만 있어야 합니다")
        if self.box is not None and len(self.box) != 4:
            raise ValueError("box: [x, y, 너비, 높이] 네 숫자여야 합니다")
        return self


class OcrSchema(OnImage, QuestionSchema):
    exercise_type = "ocr"
    guide: str = ""
    normalize: Normalize = Field(default_factory=Normalize)
    scoring: Scoring = Field(default_factory=Scoring)
    reference_from: dict[str, Any] | None = None
    reference: list[Region] = Field(default_factory=list)

    @model_validator(mode="after")
    def _regions_fit(self) -> OcrSchema:
        for i, region in enumerate(self.reference):
            if region.box is not None:
                check_box_in_image(f"reference.{i}", region.box, self.image)
            else:
                check_polygon_in_image(f"reference.{i}", region.points or [], self.image)
        return self


class Ocr(LabelingType):
    name = "ocr"
    label = "문자 인식(OCR)"
    schema = OcrSchema
    template = "questions/ocr.html"
    review_template = "review/labeling/ocr.html"
    script = "js/questions/ocr.js"

    def review_figure(self, model: QuestionSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.shapes_figure(item, "regions")

    def public(self, model: QuestionSchema, option_order: list[int] | None) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"question": payload["question"], "guide": payload.get("guide", ""),
                "image": public_image(payload["image"])}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: QuestionSchema) -> Any:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        regions = []
        for item in response_list(raw, "regions", limit=100):
            if not isinstance(item, dict) or "text" not in item or not ({"box", "points"} & set(item)) \
                    or not set(item) <= {"box", "points", "text"} or {"box", "points"} <= set(item):
                raise ResponseError(_("영역은 {box 또는 points, text} 형식이어야 합니다"))
            region: dict[str, Any] = {"text": clean_text(item["text"], "text", MAX_TEXT)}
            if "box" in item:
                region["box"] = response_box(item["box"], payload["image"])
            else:
                region["points"] = response_points(item["points"], payload["image"])
            regions.append(region)
        return {"regions": regions}


    def answer(self, model: QuestionSchema) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"regions": [{k: v for k, v in r.items() if v is not None} for r in payload["reference"]]}
