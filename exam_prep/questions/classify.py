"""`classify`: one or more images, a label set, single- or multi-label."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..labeling import review
from .base import QuestionSchema, ResponseError
from .labeling_common import (
    ImageInfo,
    LabeledSchema,
    LabelingType,
    public_image,
    public_labels,
    resolve_image,
    stored_payload,
)
from .response_fields import bounded_list, object_with, one_of


class ClassifySchema(LabeledSchema):
    images: list[ImageInfo] = Field(min_length=1, max_length=12)
    multi_label: bool = False
    reference: list[list[str]]

    @field_validator("images", mode="before")
    @classmethod
    def _images(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return value
        return [resolve_image(v, info) for v in value]

    @field_validator("reference", mode="before")
    @classmethod
    def _one_label_may_be_a_string(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [[v] if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _one_answer_per_image(self) -> ClassifySchema:
        if len(self.reference) != len(self.images):
            raise ValueError(f"reference: 이미지가 {len(self.images)}개이므로 정답도 {len(self.images)}개여야 합니다")
        for i, labels in enumerate(self.reference):
            unknown = [label for label in labels if label not in self.label_names()]
            if unknown:
                raise ValueError(f"reference.{i}: 레이블 {', '.join(unknown)}가 labels에 없습니다")
            if not self.multi_label and len(labels) != 1:
                raise ValueError(f"reference.{i}: 단일 레이블 문제는 이미지마다 정답이 하나여야 합니다")
            if len(set(labels)) != len(labels):
                raise ValueError(f"reference.{i}: 같은 레이블이 두 번 있습니다")
        return self


class Classify(LabelingType):
    name = "classify"
    label = "이미지 분류"
    schema = ClassifySchema
    template = "questions/classify.html"
    review_template = "review/labeling/classify.html"
    script = "js/questions/classify.js"

    def review_figure(self, model: QuestionSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.classify_figure(item)

    def public(self, model: QuestionSchema, option_order: list[int] | None) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"question": payload["question"], "guide": payload.get("guide", ""),
                "images": [public_image(i) for i in model.images],
                "labels": public_labels(model.labels), "multi_label": payload["multi_label"]}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: QuestionSchema) -> Any:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        shape = _('응답은 {"labels": [[...], ...]} 형식이어야 합니다')
        per_image = object_with(raw, {"labels"}, message=shape)["labels"]
        if not isinstance(per_image, list) or len(per_image) != len(payload["images"]):
            raise ResponseError(_("이미지마다 레이블 목록이 하나씩 있어야 합니다"))
        names = model.label_names()
        parsed = []
        for labels in per_image:
            chosen = [one_of(name, names, _("레이블은 이 문항의 레이블 중에서 골라야 합니다"))
                      for name in bounded_list(labels, "labels", len(names))]
            if len(set(chosen)) != len(chosen) or (not payload["multi_label"] and len(chosen) > 1):
                raise ResponseError(_("이 문항은 이미지마다 레이블을 하나만 고릅니다"))
            parsed.append(sorted(chosen))
        return {"labels": parsed}

    def answer(self, model: QuestionSchema) -> dict[str, Any]:
        payload = stored_payload(model)  # not yet typed all the way (issue 9)
        return {"labels": payload["reference"]}
