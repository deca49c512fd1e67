"""The bank schema of a `classify` exercise: images, a label set, the right labels per image."""
from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..labeling import ImageInfo, LabeledSchema, resolve_image


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
                raise ValueError(f"reference.{i}: 라벨 {', '.join(unknown)}가 labels에 없습니다")
            if not self.multi_label and len(labels) != 1:
                raise ValueError(f"reference.{i}: 단일 라벨 문제는 이미지마다 정답이 하나여야 합니다")
            if len(set(labels)) != len(labels):
                raise ValueError(f"reference.{i}: 같은 라벨이 두 번 있습니다")
        return self
