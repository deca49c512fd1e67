"""`inspect` (검수, Level 1): judge someone else's labels against the guide.

The exercise shows a labeler's submission (boxes, polygons, a keypoint skeleton, text spans or
OCR regions) with the guide excerpt that applies. The candidate approves each label or rejects it
with a reason, draws a box around any object the labeler missed, and gives a verdict for the
item: approve, or send back. The reference is the list of planted errors and the right verdict.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from ...labeling.score import Score
from ..base import ResponseError
from ..fields import bounded_list, integer, object_with, one_of
from ..labeling import (
    LabelingType,
    form_json,
    form_text,
    public_image,
    public_labels,
    response_box,
    scoring_from_editor,
    tidy_labels,
    with_optional,
)
from . import review, scoring
from .schema import DECISIONS, DEFAULT_REASONS, IMAGE_TASKS, MAX_MISSED, InspectSchema

__all__ = ["Inspect", "InspectSchema"]


class Inspect(LabelingType[InspectSchema]):
    name = "inspect"
    label = "검수"
    schema = InspectSchema
    template = "questions/inspect.html"
    review_template = "review/labeling/inspect.html"
    script = "js/questions/inspect.js"
    # An image task and a text task have different tools and help.
    kits = {"inspect-image": "questions/kits/inspect.html", "inspect-spans": "questions/kits/inspect.html"}
    editor_template = "instructor/editor/labeling/inspect.html"
    editor_script = "js/instructor/labeling-inspect.js"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        """The task and its material as copied from the exercise it starts from (hidden JSON
        fields kept by the editor's script), the labels to inspect, the planted errors."""
        keys: dict[str, Any] = {"task": form_text(form, "task")}
        with_optional(keys, image=form_text(form, "image"), text=form_text(form, "text"),
                      guide=form_text(form, "guide"))
        keys["labels"] = tidy_labels(form_json(form, "labels", []))
        with_optional(keys, skeleton=form_json(form, "skeleton"))
        keys["submitted"] = form_json(form, "submitted", [])
        getlist = getattr(form, "getlist", None)
        reasons = [r for r in (getlist("reasons") if getlist else []) if r]
        if reasons == DEFAULT_REASONS.get(keys["task"]):
            reasons = []  # the task's defaults, written as nothing (as the shipped bank does)
        return with_optional(keys, reasons=reasons, errors=form_json(form, "errors", []),
                             scoring=scoring_from_editor(form, ("iou_threshold",)))

    def public(self, model: InspectSchema, option_order: list[int] | None) -> dict[str, Any]:
        view: dict[str, Any] = {
            "question": model.question, "guide": model.guide, "task": model.task,
            "labels": public_labels(model.labels), "reasons": list(model.reasons),
            "submitted": [dict(label) for label in model.submitted],
        }
        if model.image is not None:
            view["image"] = public_image(model.image)
        if model.text:
            view["text"] = model.text
        if model.skeleton is not None:
            view["skeleton"] = {"points": [{"name": p.name, "title": p.title} for p in model.skeleton.points],
                                "edges": [list(edge) for edge in model.skeleton.edges]}
        return view

    def parse_response(self, raw: Any, option_order: list[int] | None, model: InspectSchema) -> Any:
        raw = object_with(raw, (), {"judgements", "missed", "verdict"},
                          message=_('응답은 {"judgements": [...], "missed": [...], "verdict": ...} 형식이어야 합니다'))
        count = len(model.submitted)
        judgements: dict[int, dict[str, Any]] = {}
        for entry in bounded_list(raw.get("judgements", []), "judgements", count):
            object_with(entry, {"label", "decision"}, {"reason"},
                        message=_("판정은 {label, decision, reason} 형식이어야 합니다"))
            label = integer(entry["label"], "label", 1, count)
            if label in judgements:
                raise ResponseError(_("%(n)s번 라벨의 판정이 두 번 있습니다", n=label))
            decision = one_of(entry["decision"], DECISIONS, _("decision은 approve 또는 reject여야 합니다"))
            judgements[label] = {"label": label, "decision": decision}
            if decision == "reject":
                judgements[label]["reason"] = one_of(entry.get("reason"), model.reasons,
                                                     _("반려할 때는 이 문항의 반려 이유 중 하나를 골라야 합니다"))
            elif entry.get("reason") is not None:
                raise ResponseError(_("반려 이유는 반려할 때만 고릅니다"))
        missed = bounded_list(raw.get("missed", []), "missed", MAX_MISSED)
        if missed and model.task not in IMAGE_TASKS:
            raise ResponseError(_("이 문항에서는 누락 객체를 그릴 수 없습니다"))
        shape = _('누락 객체는 {"box": [x, y, 너비, 높이]} 형식이어야 합니다')
        boxes = [{"box": response_box(object_with(entry, {"box"}, message=shape)["box"], model.image)}
                 for entry in missed]
        verdict = raw.get("verdict")
        if verdict is not None:
            one_of(verdict, DECISIONS, _("verdict는 approve 또는 reject여야 합니다"))
        return {"judgements": [judgements[k] for k in sorted(judgements)], "missed": boxes, "verdict": verdict}

    def score(self, model: InspectSchema, response: Any) -> Score:
        return scoring.score(model, response)

    def answer(self, model: InspectSchema) -> dict[str, Any]:
        return {"errors": [error.model_dump(mode="json", exclude_none=True) for error in model.errors],
                "verdict": model.verdict}

    def full_marks_response(self, model: InspectSchema) -> dict[str, Any]:
        """Every planted error rejected with its reason, every missed object drawn, the verdict."""
        judgements = [{"label": e.label, "decision": "reject", "reason": e.reason}
                      for e in model.errors if e.label is not None]
        missed = [{"box": list(e.missed.box)} for e in model.errors if e.missed is not None]
        return {"judgements": judgements, "missed": missed, "verdict": model.verdict}

    def review_figure(self, model: InspectSchema, item: dict[str, Any]) -> dict[str, Any] | None:
        return review.figure(item)
