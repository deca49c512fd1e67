"""`classify`: one or more images, a label set, single- or multi-label."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from ...labeling.score import Score
from ..base import ResponseError
from ..fields import bounded_list, object_with, one_of
from ..labeling import (
    LabelingType,
    form_json,
    form_text,
    labels_from_editor,
    public_image,
    public_labels,
    scoring_from_editor,
    with_optional,
)
from . import review, scoring
from .schema import ClassifySchema

__all__ = ["Classify", "ClassifySchema"]


class Classify(LabelingType[ClassifySchema]):
    name = "classify"
    label = "이미지 분류"
    schema = ClassifySchema
    template = "questions/classify.html"
    review_template = "review/labeling/classify.html"
    script = "js/questions/classify.js"
    editor_template = "instructor/editor/labeling/classify.html"
    editor_script = "js/instructor/labeling-classify.js"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        keys: dict[str, Any] = {"images": form_json(form, "images", [])}
        with_optional(keys, guide=form_text(form, "guide"))
        keys["multi_label"] = form.get("multi_label") == "true"
        keys["labels"] = labels_from_editor(form, with_attributes=False)
        with_optional(keys, scoring=scoring_from_editor(form, ()))
        keys["reference"] = form_json(form, "reference", [])
        return keys

    def public(self, model: ClassifySchema, option_order: list[int] | None) -> dict[str, Any]:
        return {"question": model.question, "guide": model.guide,
                "images": [public_image(i) for i in model.images],
                "labels": public_labels(model.labels), "multi_label": model.multi_label}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: ClassifySchema) -> Any:
        shape = _('응답은 {"labels": [[...], ...]} 형식이어야 합니다')
        per_image = object_with(raw, {"labels"}, message=shape)["labels"]
        if not isinstance(per_image, list) or len(per_image) != len(model.images):
            raise ResponseError(_("이미지마다 라벨 목록이 하나씩 있어야 합니다"))
        names = model.label_names()
        parsed = []
        for labels in per_image:
            chosen = [one_of(name, names, _("라벨은 이 문항의 라벨 중에서 골라야 합니다"))
                      for name in bounded_list(labels, "labels", len(names))]
            if len(set(chosen)) != len(chosen) or (not model.multi_label and len(chosen) > 1):
                raise ResponseError(_("이 문항은 이미지마다 라벨을 하나만 고릅니다"))
            parsed.append(sorted(chosen))
        return {"labels": parsed}

    def score(self, model: ClassifySchema, response: Any) -> Score:
        return scoring.score(model, response)

    def answer(self, model: ClassifySchema) -> dict[str, Any]:
        return {"labels": [list(labels) for labels in model.reference]}

    def review_figure(self, model: ClassifySchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.figure(item)
