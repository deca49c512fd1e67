"""What candidates overlook in one inspection (검수) exercise, from the scorer's stored detail.

The detail (exam_prep/questions/inspect/scoring.py) holds, per submitted label, its status:
``caught`` (rejected with the planted reason), ``wrong_reason`` (rejected, another reason),
``missed`` (a planted error approved: unnoticed), ``false_alarm`` (a right label rejected) or
``approved_ok``; and per planted missed object whether a drawn box found it. Tallied here:

- per label with a planted error: the share of attempts that left it unnoticed, and that rejected
  it for another reason;
- per right label: the share of attempts that rejected it (a correct label rejected);
- per missed object: the share of attempts that did not draw it;
- the share of attempts with the right verdict.

An inspection never answered counts as every planted error unnoticed, as its zero points say.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..models import QuestionVersion
from ..questions import registry
from ..questions.labeling import public_image
from . import heat
from .labeling import StoredItem, stored_items
from .statistics import mean


@dataclass
class LabelRow:
    number: int              # the label's number in the submission (1-based)
    name: str                # its label title, or the text of a span
    planted: str | None      # the planted error's reason, or None for a right label
    unnoticed: float = 0.0   # planted: share of attempts that approved it
    wrong_reason: float = 0.0
    rejected: float = 0.0    # right label: share of attempts that rejected it


@dataclass
class MissedObjectRow:
    number: int
    name: str
    unnoticed: float


@dataclass
class InspectionFigures:
    attempts: int = 0
    mean_score: float | None = None
    verdict_right: float | None = None
    labels: list[LabelRow] = field(default_factory=list)
    missed_objects: list[MissedObjectRow] = field(default_factory=list)
    image: dict[str, Any] | None = None
    heat: list[heat.HeatShape] = field(default_factory=list)


def _name(model: Any, shape: dict[str, Any], titles: dict[str, str]) -> str:
    label = titles.get(shape.get("label"), shape.get("label") or "")
    if model.text is not None and "start" in shape:
        return f"{model.text[shape['start']:shape['end']]} ({label})"
    return str(label)


def _tally(items: list[StoredItem]) -> tuple[Counter, Counter, Counter]:
    statuses: Counter[tuple[int, str]] = Counter()
    found: Counter[int] = Counter()
    verdicts: Counter[bool] = Counter()
    for item in items:
        for label in item.detail.get("labels", []):
            statuses[(label["label"], label["status"])] += 1
        for obj in item.detail.get("missed_objects", []):
            found[obj["index"]] += bool(obj.get("found"))
        verdicts[bool(item.detail.get("verdict_ok"))] += 1
    return statuses, found, verdicts


def _heat(model: Any, figures: InspectionFigures, missed_shapes: list[dict[str, Any]]) -> None:
    if model.image is None or model.skeleton is not None:
        return  # spans have no picture; keypoint instances are not drawn as shapes
    figures.image = public_image(model.image)
    for row, shape in zip(figures.labels, model.submitted, strict=True):
        if heat.drawable(shape):
            share = row.unnoticed if row.planted else row.rejected
            figures.heat.append(heat.shape_mark(row.number, shape, share, row.name,
                                                "planted" if row.planted else "clean"))
    for row, shape in zip(figures.missed_objects, missed_shapes, strict=True):
        figures.heat.append(heat.shape_mark(row.number, shape, row.unnoticed, row.name, "missed_object"))
    figures.heat = heat.stack_labels(figures.heat)


def analyse(version: QuestionVersion) -> InspectionFigures:
    model = registry.model_of(version)
    items = list(stored_items(version.id))
    n = len(items)
    statuses, found, verdicts = _tally(items)
    titles = {label.name: label.title for label in model.labels}
    planted = {e.label: e.reason for e in model.errors if e.label is not None}
    missed_shapes = [e.missed.model_dump(mode="json", exclude_none=True) for e in model.errors if e.missed is not None]

    def share(count: int) -> float:
        return count / n if n else 0.0

    figures = InspectionFigures(attempts=n, mean_score=mean([i.share for i in items]),
                                verdict_right=share(verdicts[True]) if n else None)
    for number, shape in enumerate(model.submitted, start=1):
        figures.labels.append(LabelRow(
            number=number, name=_name(model, shape, titles), planted=planted.get(number),
            unnoticed=share(statuses[(number, "missed")]), wrong_reason=share(statuses[(number, "wrong_reason")]),
            rejected=share(statuses[(number, "false_alarm")])))
    for index, shape in enumerate(missed_shapes):
        figures.missed_objects.append(MissedObjectRow(
            number=index + 1, name=_name(model, shape, titles), unnoticed=1 - share(found[index]) if n else 0.0))
    _heat(model, figures, missed_shapes)
    return figures
