"""Scorers of the labeling exercises, one module per type (formulas: docs/scoring.md).

Each module exposes ``score(payload, response) -> Score`` (also as ``score_<type>``): pure
functions of the validated bank question (a dict, reference inline) and the candidate's parsed
response (None or empty = nothing drawn). ``points`` is in [0, 1], ``max_points`` 1, and
``detail`` a JSON-able dict in the shapes docs/labeling.md lists.

This package module holds what these scorers share: the scoring defaults. (bbox, polygon and
ocr have moved into their type's package: exam_prep/questions/<type>/scoring.py.)
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..score import Score
from ..shapes import listed as items
from ..shapes import rate

__all__ = [
    "DEFAULTS", "TYPES", "get", "items", "rate", "settings",
]

TYPES = ("inspect",)

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
