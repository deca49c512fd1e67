"""Scorers of the labeling exercises, one module per type (formulas: docs/scoring.md).

Each module exposes ``score(payload, response) -> Score`` (also as ``score_<type>``): pure
functions of the validated bank question (a dict, reference inline) and the candidate's parsed
response (None or empty = nothing drawn). ``points`` is in [0, 1], ``max_points`` 1, and
``detail`` a JSON-able dict in the shapes docs/labeling.md lists.

This package module holds what the types share: the scoring defaults and the shape scoring of
bbox and polygon (pairing by IoU, CVAT-style accuracy).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from exam_prep.questions.base import Score

from ..matching import match

__all__ = [
    "DEFAULTS", "TYPES", "declared_attributes", "differing_attributes", "get", "items", "rate", "score_shapes",
    "settings",
]

TYPES = ("bbox", "polygon", "keypoints", "classify", "spans", "ocr", "inspect")

DEFAULTS: dict[str, Any] = {
    "iou_threshold": 0.5,   # a pair counts when IoU (or OKS) >= this, inclusive
    "partial_credit": True,  # false: 1 point only for a perfect item, else 0
    "attribute_cost": 0.5,  # bbox/polygon: share of a match lost when its attributes differ
    "loose_iou": 0.8,       # bbox/polygon/ocr: a pair under this IoU is flagged "loose"
    "cer_max": 0.0,         # ocr: a region is read right when CER <= this
}


def get(type_name: str) -> Callable[[dict, dict | None], Score]:
    """The ``score`` function of a labeling type by name (KeyError for an unknown type)."""
    if type_name not in TYPES:
        raise KeyError(type_name)
    return importlib.import_module(f"{__name__}.{type_name}").score


def settings(payload: dict[str, Any]) -> dict[str, Any]:
    """The item's ``scoring`` mapping over the defaults (the key may be absent or null)."""
    given = payload.get("scoring") or {}
    merged = dict(DEFAULTS)
    merged.update({k: v for k, v in given.items() if v is not None})
    return merged


def rate(numerator: float, denominator: float, both_empty: bool) -> float:
    """numerator / denominator; with a zero denominator 1.0 when both sides are empty, else 0.0."""
    if denominator:
        return float(numerator) / float(denominator)
    return 1.0 if both_empty else 0.0


def items(response: dict[str, Any] | None, key: str) -> list:
    """The list under ``key`` of a response; None, {} or a missing key = nothing drawn."""
    if not response:
        return []
    return list(response.get(key) or [])


def declared_attributes(payload: dict[str, Any]) -> dict[str, list[str]]:
    """Label name -> the boolean attributes that label declares (``labels[].attributes``)."""
    out: dict[str, list[str]] = {}
    for label in payload.get("labels") or []:
        if isinstance(label, str):
            out[label] = []
            continue
        names = []
        for attribute in label.get("attributes") or []:
            names.append(attribute["name"] if isinstance(attribute, dict) else str(attribute))
        out[label["name"]] = names
    return out


def differing_attributes(declared: Sequence[str], ref: dict[str, Any], cand: dict[str, Any]) -> list[str]:
    """Declared attributes whose truth differs between two shapes (a missing one is false)."""
    ref_values = ref.get("attributes") or {}
    cand_values = cand.get("attributes") or {}
    return [a for a in declared if bool(ref_values.get(a, False)) != bool(cand_values.get(a, False))]


def score_shapes(payload: dict[str, Any], references: list[dict], candidates: list[dict], iou: np.ndarray) -> Score:
    """bbox / polygon: pair by IoU, then CVAT-style accuracy (docs/scoring.md).

    ``iou`` is the (len(references), len(candidates)) IoU matrix. Labels are ignored for
    pairing; a pair with the same label is "matched", with another label "wrong_label".
    """
    opts = settings(payload)
    declared = declared_attributes(payload)
    pairs = match(iou, float(opts["iou_threshold"]))
    detail_pairs = []
    matched = wrong_label = attribute_errors = 0
    for r, c, value in pairs:
        ref, cand = references[r], candidates[c]
        same = ref.get("label") == cand.get("label")
        differing = differing_attributes(declared.get(ref.get("label"), []), ref, cand) if same else []
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
            "loose": value < float(opts["loose_iou"]),
            "attributes": differing,
        })
    paired_refs = {r for r, _, _ in pairs}
    paired_cands = {c for _, c, _ in pairs}
    missed = [i for i in range(len(references)) if i not in paired_refs]
    extra = [j for j in range(len(candidates)) if j not in paired_cands]
    both_empty = not references and not candidates
    total = matched + wrong_label + len(missed) + len(extra)
    effective = matched - float(opts["attribute_cost"]) * attribute_errors
    accuracy = min(1.0, max(0.0, rate(effective, total, both_empty)))
    perfect = wrong_label == 0 and not missed and not extra and attribute_errors == 0
    points = accuracy if opts["partial_credit"] else (1.0 if perfect else 0.0)
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
