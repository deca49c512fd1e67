"""Score a `polygon` exercise: polygons paired by IoU, CVAT-style accuracy (docs/scoring.md).

Self-crossing polygons are repaired with shapely's make_valid (both lobes of a bow-tie kept).
"""
from __future__ import annotations

from typing import Any

from ..geometry import polygon_iou
from ..matching import EPSILON
from ..score import Score
from . import items, score_shapes, settings

__all__ = ["score", "score_polygon"]


def score(payload: dict[str, Any], response: dict[str, Any] | None) -> Score:
    """Reference polygons ``payload["reference"]`` against ``response["shapes"]``."""
    references = list(payload.get("reference") or [])
    candidates = items(response, "shapes")
    floor = float(settings(payload)["iou_threshold"]) - 2 * EPSILON  # pairs under it are never paired
    iou = polygon_iou([r["points"] for r in references], [c["points"] for c in candidates], floor)
    return score_shapes(payload, references, candidates, iou)


score_polygon = score
