"""Score a `polygon` exercise: polygons paired by IoU, CVAT-style accuracy (docs/scoring.md).

Self-crossing polygons are repaired with shapely's make_valid (both lobes of a bow-tie kept).
"""
from __future__ import annotations

from typing import Any

from ...labeling.geometry import polygon_iou
from ...labeling.matching import EPSILON
from ...labeling.score import Score
from ...labeling.shapes import Tagged, listed, score_shapes
from .schema import PolygonSchema


def score(model: PolygonSchema, response: dict[str, Any] | None) -> Score:
    """The reference polygons against ``response["shapes"]`` (None or empty: nothing drawn)."""
    candidates = listed(response, "shapes")
    floor = float(model.scoring.iou_threshold) - 2 * EPSILON  # pairs under it are never paired
    iou = polygon_iou([r.points for r in model.reference], [c["points"] for c in candidates], floor)
    return score_shapes(model.scoring, model.label_attributes(),
                        [Tagged(r.label, r.attributes) for r in model.reference],
                        [Tagged(c.get("label"), c.get("attributes") or {}) for c in candidates], iou)
