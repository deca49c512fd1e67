"""Score a `bbox` exercise: boxes paired by IoU, CVAT-style accuracy (docs/scoring.md)."""
from __future__ import annotations

from typing import Any

from ...labeling.geometry import box_iou
from ...labeling.score import Score
from ...labeling.shapes import Tagged, listed, score_shapes
from .schema import BBoxSchema


def score(model: BBoxSchema, response: dict[str, Any] | None) -> Score:
    """The reference boxes against ``response["shapes"]`` (None or empty: nothing drawn)."""
    candidates = listed(response, "shapes")
    iou = box_iou([r.box for r in model.reference], [c["box"] for c in candidates])
    return score_shapes(model.scoring, model.label_attributes(),
                        [Tagged(r.label, r.attributes) for r in model.reference],
                        [Tagged(c.get("label"), c.get("attributes") or {}) for c in candidates], iou)
