"""COCO's Object Keypoint Similarity, as pycocotools computes it (``COCOeval.computeOks``).

For one reference point with a position (COCO v > 0: visible or occluded with an estimated
position) and the candidate's point at distance d::

    similarity = exp(−d² / (2 · (s² + ε) · k²)),   k = 2σ

with s² the object's area (the annotation's ``area``), σ the point's sigma and ε numpy's machine
epsilon (``np.spacing(1)``), exactly as pycocotools; OKS is the mean over the reference's points
with v > 0. pycocotools' detections always carry every point; here a candidate may leave a point
out, and a labeled reference point left out scores 0. A reference with no labeled point (which
pycocotools measures against a box around the object) has no OKS here: the bank refuses it
where the convention needs one (keypoints/schema.py).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

EPSILON = float(np.spacing(1))


def similarity(d2: Any, area: Any, sigma: Any) -> Any:
    """exp(−d² / (2 (s² + ε) (2σ)²)), elementwise on numbers or NumPy arrays."""
    return np.exp(-np.asarray(d2, dtype=float) / (2 * (np.asarray(area, dtype=float) + EPSILON)
                                                  * (2 * np.asarray(sigma, dtype=float)) ** 2))


def position(point: Any) -> tuple[float, float] | None:
    """(x, y) of a placed point ([x, y] or [x, y, v]), None for "hidden", None or anything else."""
    if isinstance(point, Sequence) and not isinstance(point, str) and len(point) in (2, 3):
        x, y = point[0], point[1]
        if all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)):
            return float(x), float(y)
    return None


def coco_oks(reference: Sequence[Any], candidate: Sequence[Any], sigmas: Sequence[float], area: float) -> float:
    """COCO OKS of one instance pair: the mean similarity over the reference points with a
    position (COCO v > 0: [x, y] or [x, y, 1]; "hidden" is v = 0). ``reference`` and ``candidate``
    hold one entry per skeleton point; a labeled point the candidate did not place scores 0.
    ``area`` is s². No labeled point gives 0.0."""
    total = 0.0
    count = 0
    for ref, cand, sigma in zip(reference, candidate, sigmas, strict=True):
        ref_xy = position(ref)
        if ref_xy is None:
            continue
        count += 1
        cand_xy = position(cand)
        if cand_xy is not None:
            d2 = (ref_xy[0] - cand_xy[0]) ** 2 + (ref_xy[1] - cand_xy[1]) ** 2
            total += float(similarity(d2, area, sigma))
    return total / count if count else 0.0
