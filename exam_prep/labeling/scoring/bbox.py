"""Score a `bbox` exercise: boxes paired by IoU, CVAT-style accuracy (docs/scoring.md)."""
from __future__ import annotations

from typing import Any

from ..geometry import box_iou
from ..score import Score
from . import items, score_shapes

__all__ = ["score", "score_bbox"]


def score(payload: dict[str, Any], response: dict[str, Any] | None) -> Score:
    """Reference boxes ``payload["reference"]`` against ``response["shapes"]``."""
    references = list(payload.get("reference") or [])
    candidates = items(response, "shapes")
    iou = box_iou([r["box"] for r in references], [c["box"] for c in candidates])
    return score_shapes(payload, references, candidates, iou)


score_bbox = score
