"""The bank schema of a `spans` exercise: a text, a label set, the tagged spans."""
from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, model_validator

from ..labeling import LabeledSchema, _Strict, resolve_reference_from

MAX_TEXT = 5000
MAX_SPANS = 500


def spans_on_exercise_text(reference: list[dict[str, Any]], facts: dict[str, Any],
                           data: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of the exported text moved onto the exercise's text, which is the same text stripped."""
    exported_text, text = facts.get("text"), data.get("text")
    if not isinstance(exported_text, str) or not isinstance(text, str):
        return reference
    if exported_text.strip() != text.strip():
        raise ValueError("reference_from: 내보내기의 본문(data.text)이 문항의 text와 다릅니다")
    shift = len(exported_text) - len(exported_text.lstrip())
    return [{**span, "start": span["start"] - shift, "end": span["end"] - shift} for span in reference]


class Span(_Strict):
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    label: str


class SpansSchema(LabeledSchema):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    reference: list[Span] = Field(default_factory=list)

    model_config = {**LabeledSchema.model_config, "str_strip_whitespace": False}

    @model_validator(mode="before")
    @classmethod
    def _locate_by_text(cls, data: Any, info: ValidationInfo) -> Any:
        data = resolve_reference_from(data, info, "spans", onto_exercise=spans_on_exercise_text)
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            return data
        text = data["text"].strip()
        data = {**data, "text": text}
        reference = data.get("reference")
        if not isinstance(reference, list):
            return data
        located = []
        for i, span in enumerate(reference):
            if isinstance(span, dict) and "text" in span and "start" not in span:
                needle = str(span["text"])
                occurrence = span.get("occurrence", 1)
                if not isinstance(occurrence, int) or occurrence < 1:
                    raise ValueError(f"reference.{i}.occurrence: 1 이상의 정수여야 합니다")
                start = -1
                for _n in range(occurrence):
                    start = text.find(needle, start + 1)
                    if start < 0:
                        raise ValueError(f"reference.{i}.text: 본문에 '{needle}'가 {occurrence}번째로 나오지 않습니다")
                located.append({"start": start, "end": start + len(needle), "label": span.get("label")})
            else:
                located.append(span)
        return {**data, "reference": located}

    @model_validator(mode="after")
    def _spans_fit(self) -> SpansSchema:
        length = len(self.text)
        for i, span in enumerate(self.reference):
            if span.label not in self.label_names():
                raise ValueError(f"reference.{i}.label: 라벨 '{span.label}'가 labels에 없습니다")
            if not span.start < span.end <= length:
                raise ValueError(f"reference.{i}: 범위 [{span.start}, {span.end})가 "
                                 f"본문(길이 {length}) 안에 있지 않습니다")
        return self
