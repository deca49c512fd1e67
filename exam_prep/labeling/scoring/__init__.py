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
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np

from .. import shapes
from ..score import Score
from ..shapes import Tagged, rate
from ..shapes import listed as items

__all__ = [
    "DEFAULTS", "TYPES", "declared_attributes", "get", "items", "rate", "score_shapes", "settings",
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


def score_shapes(payload: dict[str, Any], references: list[dict], candidates: list[dict], iou: np.ndarray) -> Score:
    """bbox / polygon: :func:`exam_prep.labeling.shapes.score_shapes` with the item's settings."""
    rules = SimpleNamespace(**settings(payload))
    return shapes.score_shapes(rules, declared_attributes(payload), [_tagged(r) for r in references],
                               [_tagged(c) for c in candidates], iou)


def _tagged(shape: dict[str, Any]) -> Tagged:
    return Tagged(shape.get("label"), shape.get("attributes") or {})


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
