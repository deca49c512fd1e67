"""What the scoring of drawn shapes shares (bbox, polygon, ocr): pairing by IoU, CVAT-style
accuracy, attribute comparison, rates (formulas: docs/scoring.md).

The inputs are small and typed: a shape's label and attributes (:class:`Tagged`), the IoU
matrix, and the item's scoring rules (:class:`Rules`, which the types' pydantic ``Scoring``
model fulfils). Nothing here knows a question type or a bank payload.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol

import numpy as np

from .matching import match
from .score import Score


class Rules(Protocol):
    """The scoring options shape scoring reads (an item's ``scoring`` mapping)."""

    iou_threshold: float
    partial_credit: bool
    attribute_cost: float
    loose_iou: float


class Tagged(NamedTuple):
    """What pairing compares besides geometry: a shape's label and its boolean attributes."""

    label: Any
    attributes: Mapping[str, bool]


def rate(numerator: float, denominator: float, both_empty: bool) -> float:
    """numerator / denominator; with a zero denominator 1.0 when both sides are empty, else 0.0."""
    if denominator:
        return float(numerator) / float(denominator)
    return 1.0 if both_empty else 0.0


def listed(response: Mapping[str, Any] | None, key: str) -> list:
    """The list under ``key`` of a response; None, {} or a missing key = nothing drawn."""
    if not response:
        return []
    return list(response.get(key) or [])


def differing_attributes(declared: Sequence[str], ref: Tagged, cand: Tagged) -> list[str]:
    """Declared attributes whose truth differs between two shapes (a missing one is false)."""
    return [a for a in declared
            if bool(ref.attributes.get(a, False)) != bool(cand.attributes.get(a, False))]


def unpaired(pairs: list[tuple[int, int, float]], references: int, candidates: int) -> tuple[list[int], list[int]]:
    """(missed reference indices, extra candidate indices) of a pairing."""
    paired_refs = {r for r, _, _ in pairs}
    paired_cands = {c for _, c, _ in pairs}
    return ([i for i in range(references) if i not in paired_refs],
            [j for j in range(candidates) if j not in paired_cands])


def score_shapes(rules: Rules, declared: Mapping[str, Sequence[str]], references: list[Tagged],
                 candidates: list[Tagged], iou: np.ndarray) -> Score:
    """bbox / polygon: pair by IoU, then CVAT-style accuracy (docs/scoring.md).

    ``iou`` is the (len(references), len(candidates)) IoU matrix; ``declared`` maps a label to
    the attributes it declares. Labels are ignored for pairing; a pair with the same label is
    "matched", with another label "wrong_label".
    """
    pairs = match(iou, float(rules.iou_threshold))
    detail_pairs = []
    matched = wrong_label = attribute_errors = 0
    for r, c, value in pairs:
        ref, cand = references[r], candidates[c]
        same = ref.label == cand.label
        differing = differing_attributes(declared.get(ref.label, []), ref, cand) if same else []
        if same:
            matched += 1
            attribute_errors += bool(differing)
        else:
            wrong_label += 1
        detail_pairs.append({
            "ref": r,
            "cand": c,
            "iou": value,
            "status": "matched" if same else "wrong_label",
            "loose": value < float(rules.loose_iou),
            "attributes": differing,
        })
    missed, extra = unpaired(pairs, len(references), len(candidates))
    both_empty = not references and not candidates
    total = matched + wrong_label + len(missed) + len(extra)
    effective = matched - float(rules.attribute_cost) * attribute_errors
    accuracy = min(1.0, max(0.0, rate(effective, total, both_empty)))
    perfect = wrong_label == 0 and not missed and not extra and attribute_errors == 0
    points = accuracy if rules.partial_credit else (1.0 if perfect else 0.0)
    detail = {
        "pairs": detail_pairs,
        "missed": missed,
        "extra": extra,
        "matched": matched,
        "wrong_label": wrong_label,
        "precision": rate(matched, len(candidates), both_empty),
        "recall": rate(matched, len(references), both_empty),
        "mean_iou": float(np.mean([p[2] for p in pairs])) if pairs else 0.0,
        "accuracy": accuracy,
    }
    return Score(points=float(points), max_points=1.0, detail=detail)
