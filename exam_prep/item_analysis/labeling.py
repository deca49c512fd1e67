"""What candidates get wrong in one labeling exercise, from the scorer's stored detail.

Every finished, scored item of the version is read once (its response, detail and points, as
plain rows), and the detail the type's scorer stored is tallied: nothing is scored again, so the
figures agree with the points candidates were given. Which tally applies is read from the shape
of that detail (docs/labeling.md), not from a list of type names:

- ``pairs`` (drawn shapes and text regions): per reference object the share of attempts that
  missed it (no drawn shape paired with it at the item's IoU threshold), that gave it another
  label (label confusion: reference label → label given), and among the found ones the share
  drawn loose (paired at IoU below the item's ``loose_iou``, 0.8 unless the item says otherwise);
  for text regions the share misread and the distribution of CER;
- ``instances`` (keypoints): the mean OKS similarity of every skeleton point (a reference
  instance nobody placed counts 0 for each of its points) and the share of each point's states;
- ``images`` (classify): per image the share exactly right, the mean Jaccard, the labels most
  often left out or added;
- ``true_positive`` (spans): per reference span the share missed, found with other boundaries,
  or tagged with another label (label confusion).

An item never answered keeps the detail of an empty response (every reference missed), as its
zero points say.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from .. import questions
from ..extensions import db
from ..models import FINISHED_MOCK_EXAM, Attempt, AttemptItem, QuestionVersion
from ..questions import registry
from ..questions.labeling import public_image
from . import heat
from .statistics import mean

CER_BUCKETS = ((0.0, "0"), (0.1, "≤ 0.1"), (0.25, "≤ 0.25"), (0.5, "≤ 0.5"), (float("inf"), "> 0.5"))


@dataclass(frozen=True)
class StoredItem:
    response: Any
    detail: dict[str, Any]
    share: float  # points / max points


def stored_items(version_id: int) -> Iterator[StoredItem]:
    rows = db.session.execute(
        select(AttemptItem.response, AttemptItem.detail, AttemptItem.points, AttemptItem.max_points)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(AttemptItem.question_version_id == version_id, FINISHED_MOCK_EXAM,
               AttemptItem.points.is_not(None))
        .order_by(AttemptItem.id).execution_options(yield_per=500))
    for row in rows:
        yield StoredItem(row.response, row.detail or {},
                         float(row.points / row.max_points) if row.max_points else 0.0)


@dataclass
class ObjectRow:
    """One reference object (shape, region, span, image) and how often it went wrong."""

    index: int          # 1-based, as the review numbers them
    name: str           # label title, text, or image number
    label: str = ""     # the reference's label title (shapes, spans, keypoint instances)
    missed: float = 0.0
    wrong_label: float = 0.0
    loose: float | None = None      # share of the times it was found
    misread: float | None = None    # text regions: share of the times it was found
    partial: float | None = None    # spans: found with other boundaries
    jaccard: float | None = None    # classify: mean Jaccard of the image
    left_out: list[tuple[str, float]] = field(default_factory=list)  # classify: labels not chosen, share
    added: list[tuple[str, float]] = field(default_factory=list)     # classify: labels chosen wrongly, share


@dataclass
class LabelingFigures:
    kind: str                        # "shapes" | "keypoints" | "classify" | "spans" | "other"
    attempts: int = 0
    mean_score: float | None = None
    image: dict[str, Any] | None = None
    heat: list[heat.HeatShape] = field(default_factory=list)
    objects: list[ObjectRow] = field(default_factory=list)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)
    loose_pairs: int = 0
    matched_pairs: int = 0
    loose_iou: float | None = None
    cer: list[tuple[str, int]] = field(default_factory=list)
    joints: list[dict[str, Any]] = field(default_factory=list)
    by_label: list[tuple[str, int, float]] = field(default_factory=list)  # label, objects, mean missed share


def _titles(model: Any) -> dict[str, str]:
    return {label.name: label.title for label in getattr(model, "labels", [])}


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def _cand_label(response: Any, key: str, index: int) -> Any:
    listed = (response or {}).get(key) or [] if isinstance(response, dict) else []
    return listed[index].get("label") if index < len(listed) and isinstance(listed[index], dict) else None


def _shapes(model: Any, items: list[StoredItem], figures: LabelingFigures) -> None:
    answer = questions.get(model.type).answer(model)
    (key, references), = answer.items()
    titles = _titles(model)
    n = len(items)
    missed, wrong, found, loose, misread = Counter(), Counter(), Counter(), Counter(), Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    cers: list[float] = []
    for item in items:
        missed.update(item.detail.get("missed", []))
        for pair in item.detail.get("pairs", []):
            r = pair["ref"]
            found[r] += 1
            if pair.get("status") == "wrong_label":
                wrong[r] += 1
                given = _cand_label(item.response, key, pair["cand"])
                confusions[(titles.get(references[r].get("label"), references[r].get("label")),
                            titles.get(given, given or "?"))] += 1
            elif pair.get("loose"):
                loose[r] += 1
            if "cer" in pair:
                cers.append(float(pair["cer"]))
                misread[r] += not pair.get("text_ok", True)
    figures.matched_pairs = sum(found.values()) - sum(wrong.values())
    figures.loose_pairs = sum(loose.values())
    figures.loose_iou = float(model.scoring.loose_iou)
    figures.confusions = [(a, b, c) for (a, b), c in confusions.most_common()]
    figures.cer = _cer_buckets(cers) if cers else []
    for r, ref in enumerate(references):
        label = titles.get(ref.get("label"), ref.get("label") or "")
        figures.objects.append(ObjectRow(
            index=r + 1, name=ref.get("text") or label, label=label if ref.get("label") else "",
            missed=_share(missed[r], n), wrong_label=_share(wrong[r], n),
            loose=_share(loose[r], found[r] - wrong[r]) if found[r] - wrong[r] else None,
            misread=_share(misread[r], found[r]) if cers and found[r] else None))
    figures.heat = heat.stack_labels([
        heat.shape_mark(r + 1, ref, row.missed, row.name)
        for r, (ref, row) in enumerate(zip(references, figures.objects, strict=True)) if heat.drawable(ref)])


def _cer_buckets(values: list[float]) -> list[tuple[str, int]]:
    counts = Counter()
    for value in values:
        counts[next(name for bound, name in CER_BUCKETS if value <= bound + 1e-9)] += 1
    return [(name, counts[name]) for _, name in CER_BUCKETS]


def _keypoints(model: Any, items: list[StoredItem], figures: LabelingFigures) -> None:
    skeleton = model.skeleton.points
    references = model.reference
    totals = [[0.0] * len(skeleton) for _ in references]
    states: list[Counter[str]] = [Counter() for _ in skeleton]
    missed = Counter()
    for item in items:
        missed.update(item.detail.get("missed", []))
        for instance in item.detail.get("instances", []):
            for p, point in enumerate(instance.get("points", [])[:len(skeleton)]):
                totals[instance["ref"]][p] += float(point.get("similarity", 0.0))
                states[p][point.get("status", "")] += 1
    n = len(items)
    for p, point in enumerate(skeleton):
        oks = mean([totals[r][p] / n for r in range(len(references))]) if n and references else None
        figures.joints.append({"index": p + 1, "name": point.title, "oks": oks,
                               "states": {k: _share(v, n * len(references)) for k, v in states[p].items()}})
    for r, ref in enumerate(references):
        title = _titles(model).get(ref.label, ref.label)
        figures.objects.append(ObjectRow(index=r + 1, name=title, label=title, missed=_share(missed[r], n)))
        figures.heat.extend(heat.joint_marks(ref.points, [totals[r][p] / n if n else 0.0 for p in range(len(skeleton))],
                                             [j["name"] for j in figures.joints]))


def _classify(model: Any, items: list[StoredItem], figures: LabelingFigures) -> None:
    titles = _titles(model)
    n = len(items)
    for i, reference in enumerate(model.reference):
        exact = jaccard = 0.0
        left_out, added = Counter(), Counter()
        confusions: Counter[tuple[str, str]] = Counter()
        for item in items:
            images = item.detail.get("images", [])
            image = images[i] if i < len(images) else {"jaccard": 0.0, "missing": list(reference), "extra": []}
            jaccard += float(image.get("jaccard", 0.0))
            exact += not image.get("missing") and not image.get("extra")
            left_out.update(image.get("missing", []))
            added.update(image.get("extra", []))
            if not model.multi_label and image.get("missing") and image.get("extra"):
                confusions[(titles.get(image["missing"][0], image["missing"][0]),
                            titles.get(image["extra"][0], image["extra"][0]))] += 1
        figures.objects.append(ObjectRow(
            index=i + 1, name=", ".join(titles.get(label, label) for label in reference),
            missed=1 - _share(int(exact), n), jaccard=jaccard / n if n else None,
            left_out=[(titles.get(k, k), _share(v, n)) for k, v in left_out.most_common(3)],
            added=[(titles.get(k, k), _share(v, n)) for k, v in added.most_common(3)]))
        figures.confusions.extend((a, b, c) for (a, b), c in confusions.most_common())


def _spans(model: Any, items: list[StoredItem], figures: LabelingFigures) -> None:
    titles = _titles(model)
    n = len(items)
    missed, partial, typed = Counter(), Counter(), Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for item in items:
        missed.update(item.detail.get("false_negative", []))
        partial.update(p["ref"] for p in item.detail.get("partial", []))
        for error in item.detail.get("type_errors", []):
            typed[error["ref"]] += 1
            ref_label = model.reference[error["ref"]].label
            given = _cand_label(item.response, "spans", error["cand"])
            confusions[(titles.get(ref_label, ref_label), titles.get(given, given or "?"))] += 1
    for r, span in enumerate(model.reference):
        figures.objects.append(ObjectRow(
            index=r + 1, name=model.text[span.start:span.end], label=titles.get(span.label, span.label),
            missed=_share(missed[r], n), wrong_label=_share(typed[r], n),
            partial=_share(partial[r], n)))
    figures.confusions = [(a, b, c) for (a, b), c in confusions.most_common()]


TALLIES = (("pairs", "shapes", _shapes), ("instances", "keypoints", _keypoints),
           ("images", "classify", _classify), ("true_positive", "spans", _spans))


def _kind(details: Iterable[dict[str, Any]]) -> tuple[str, Any] | None:
    for detail in details:
        for key, kind, tally in TALLIES:
            if key in detail:
                return kind, tally
    return None


def analyse(version: QuestionVersion) -> LabelingFigures:
    model = registry.model_of(version)
    items = list(stored_items(version.id))
    found = _kind(item.detail for item in items[:1])
    figures = LabelingFigures(kind=found[0] if found else "other", attempts=len(items),
                              mean_score=mean([item.share for item in items]))
    image = getattr(model, "image", None)
    figures.image = public_image(image) if image is not None else None
    if found and items:
        found[1](model, items, figures)
        figures.by_label = missed_by_label(figures.objects)
    return figures


def missed_by_label(objects: list[ObjectRow]) -> list[tuple[str, int, float]]:
    """(label, reference objects with it, their mean missed share), most missed first: which kind
    of object (or entity type) candidates miss."""
    shares: dict[str, list[float]] = {}
    for row in objects:
        if row.label:
            shares.setdefault(row.label, []).append(row.missed)
    return sorted(((label, len(values), sum(values) / len(values)) for label, values in shares.items()),
                  key=lambda entry: (-entry[2], entry[0]))
