"""`spans`: tag every named entity of a text (offsets in code points, end exclusive)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from ...labeling.score import Score
from ..fields import integer, object_with
from ..labeling import (
    LabelingType,
    form_json,
    form_text,
    labels_from_editor,
    public_labels,
    response_label,
    response_list,
    scoring_from_editor,
    with_optional,
)
from . import review, scoring
from .schema import MAX_SPANS, Span, SpansSchema

__all__ = ["Span", "Spans", "SpansSchema"]


class Spans(LabelingType[SpansSchema]):
    name = "spans"
    label = "개체명 태깅"
    schema = SpansSchema
    template = "questions/spans.html"
    review_template = "review/labeling/spans.html"
    script = "js/questions/spans.js"
    kits = {"spans": "questions/kits/spans.html"}
    editor_template = "instructor/editor/labeling/spans.html"
    editor_script = "js/instructor/labeling-spans.js"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        keys: dict[str, Any] = {"text": form_text(form, "text")}
        with_optional(keys, guide=form_text(form, "guide"))
        keys["labels"] = labels_from_editor(form, with_attributes=False)
        with_optional(keys, scoring=scoring_from_editor(form, ()))
        keys["reference"] = form_json(form, "reference", [])
        return keys

    def public(self, model: SpansSchema, option_order: list[int] | None) -> dict[str, Any]:
        return {"question": model.question, "guide": model.guide, "text": model.text,
                "labels": public_labels(model.labels)}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: SpansSchema) -> Any:
        names = model.label_names()
        length = len(model.text)
        spans = []
        for span in response_list(raw, "spans", limit=MAX_SPANS):
            object_with(span, {"start", "end", "label"}, message=_("태그는 {start, end, label} 형식이어야 합니다"))
            start = integer(span["start"], "start", 0, length - 1)
            end = integer(span["end"], "end", start + 1, length)
            spans.append({"start": start, "end": end, "label": response_label(span["label"], names)})
        return {"spans": sorted(spans, key=lambda s: (s["start"], s["end"], s["label"]))}

    def score(self, model: SpansSchema, response: Any) -> Score:
        return scoring.score(model, response)

    def answer(self, model: SpansSchema) -> dict[str, Any]:
        return {"spans": [span.model_dump(mode="json") for span in model.reference]}

    def review_figure(self, model: SpansSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.figure(item)
