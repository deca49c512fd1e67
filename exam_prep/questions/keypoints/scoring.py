"""Score a `keypoints` exercise with OKS (Object Keypoint Similarity, COCO), see docs/scoring.md.

Per point, COCO's similarity is ``exp(-d² / (2 s² k²))`` with d the distance between the
reference and the candidate point, ``s² `` the object's area and ``k = 2σ`` the point's
falloff constant (σ per skeleton point). COCO's OKS averages it over the points that are
*visible* in the reference only (:func:`coco_oks`), so marking a hidden joint is neither
rewarded nor punished. An exercise teaches the labeling rule too, so the instance OKS used
here (:func:`point_scores`) averages over **all** skeleton points:

=====================  ==========================  ==========  ======================
reference              candidate                   similarity  status
=====================  ==========================  ==========  ======================
visible [x, y]         placed [x, y]               COCO's      "ok" (>= 0.5) / "off"
visible [x, y]         "hidden" or null            0           "missing"
hidden                 "hidden"                    1           "hidden_ok"
hidden                 placed [x, y]               0           "guessed_hidden"
hidden                 null (not placed)           0           "missed_hidden_mark"
=====================  ==========================  ==========  ======================

Instances are paired one-to-one by this OKS with :func:`exam_prep.labeling.matching.match`
(threshold ``iou_threshold``, default 0.5), only within the same instance label.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from ...labeling.geometry import points_bbox_area
from ...labeling.matching import match
from ...labeling.score import Score
from ...labeling.shapes import listed, rate, unpaired
from .schema import HIDDEN, KeypointsSchema

__all__ = ["HIDDEN", "OK_SIMILARITY", "Instance", "coco_oks", "instance_area", "oks_matrix",
           "point_scores", "score"]

OK_SIMILARITY = 0.5  # a placed point under this similarity is flagged "off"

# Candidate point states
_NULL, _HIDDEN, _PLACED = 0, 1, 2


def _placed(point: Any) -> bool:
    return isinstance(point, Sequence) and not isinstance(point, str) and len(point) == 2 and all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in point
    )


def _state(point: Any) -> int:
    if _placed(point):
        return _PLACED
    return _HIDDEN if point == HIDDEN else _NULL


def coco_oks(reference: Sequence[Any], candidate: Sequence[Any], sigmas: Sequence[float], area: float) -> float:
    """Plain COCO OKS of one instance pair: mean over the reference's *visible* points.

    ``reference`` and ``candidate`` hold one entry per skeleton point: ``[x, y]`` or
    ``"hidden"``/None. A visible reference point the candidate did not place scores 0.
    ``area`` is s² (COCO adds machine epsilon, as here). No visible point gives 0.0.
    """
    total = 0.0
    visible = 0
    for ref, cand, sigma in zip(reference, candidate, sigmas, strict=True):
        if not _placed(ref):
            continue
        visible += 1
        if _placed(cand):
            d2 = (ref[0] - cand[0]) ** 2 + (ref[1] - cand[1]) ** 2
            k2 = (2 * sigma) ** 2
            total += math.exp(-d2 / (2 * (area + np.spacing(1)) * k2))
    return total / visible if visible else 0.0


class Instance(NamedTuple):
    """An instance as scoring compares it: its label, one entry per skeleton point ([x, y],
    "hidden" or None) and, for a reference, its area s² if the bank gives one."""

    label: Any
    points: Sequence[Any]
    area: float | None = None


def instance_area(reference: Instance) -> float:
    """s² of a reference instance: its ``area`` if given, else the bounding-box area of its
    visible points; at least 1 (a lone visible point has a zero-area box)."""
    area = reference.area
    if area is None:
        area = points_bbox_area(p for p in reference.points if _placed(p))
    return max(1.0, float(area))


def _arrays(instances: list[Instance], count: int) -> tuple[np.ndarray, np.ndarray]:
    """(n, P, 2) coordinates (NaN where not placed) and (n, P) states of some instances."""
    xy = np.full((len(instances), count, 2), np.nan)
    state = np.zeros((len(instances), count), dtype=int)
    for n, instance in enumerate(instances):
        points = list(instance.points or [])
        points += [None] * (count - len(points))
        for p, point in enumerate(points[:count]):
            state[n, p] = _state(point)
            if state[n, p] == _PLACED:
                xy[n, p] = point
    return xy, state


def point_scores(references: list[Instance], candidates: list[Instance], sigmas: Sequence[float]) -> np.ndarray:
    """(N, M, P) per-point similarity of every reference instance with every candidate one,
    by the extended rule in the module docstring (hidden reference points count)."""
    count = len(sigmas)
    ref_xy, ref_state = _arrays(references, count)
    cand_xy, cand_state = _arrays(candidates, count)
    ref_visible = ref_state == _PLACED  # a reference point is visible or hidden ("hidden"/null)
    area = np.array([instance_area(r) for r in references]).reshape(-1, 1, 1)
    k2 = (2 * np.asarray(sigmas, dtype=float)) ** 2
    d2 = ((ref_xy[:, None] - cand_xy[None, :]) ** 2).sum(axis=-1)  # NaN unless both placed
    with np.errstate(invalid="ignore"):
        similarity = np.exp(-d2 / (2 * area * k2[None, None, :]))
    both_placed = ref_visible[:, None, :] & (cand_state[None, :, :] == _PLACED)
    hidden_ok = ~ref_visible[:, None, :] & (cand_state[None, :, :] == _HIDDEN)
    return np.where(both_placed, np.nan_to_num(similarity, nan=0.0), np.where(hidden_ok, 1.0, 0.0))


def oks_matrix(references: list[Instance], candidates: list[Instance], sigmas: Sequence[float]) -> np.ndarray:
    """(N, M) instance OKS (mean over all skeleton points)."""
    if not references or not candidates:
        return np.zeros((len(references), len(candidates)))
    return point_scores(references, candidates, sigmas).mean(axis=2)


def _status(ref_point: Any, cand_point: Any, similarity: float) -> str:
    ref_visible, cand = _placed(ref_point), _state(cand_point)
    if ref_visible:
        if cand != _PLACED:
            return "missing"
        return "ok" if similarity >= OK_SIMILARITY else "off"
    return {_HIDDEN: "hidden_ok", _PLACED: "guessed_hidden", _NULL: "missed_hidden_mark"}[cand]


def score(model: KeypointsSchema, response: dict[str, Any] | None) -> Score:
    """The reference instances against ``response["instances"]`` (None or empty: none placed)."""
    count = len(model.skeleton.points)
    sigmas = np.asarray(model.skeleton.sigmas, dtype=float)  # one per point (the schema checks)
    references = [Instance(r.label, r.points, r.area) for r in model.reference]
    candidates = [Instance(c.get("label"), c.get("points") or []) for c in listed(response, "instances")]

    scores = point_scores(references, candidates, sigmas) if references and candidates else np.zeros(
        (len(references), len(candidates), count))
    oks = scores.mean(axis=2) if count else np.zeros((len(references), len(candidates)))
    for r, ref in enumerate(references):  # pair only instances of the same label
        for c, cand in enumerate(candidates):
            if ref.label is not None and cand.label is not None and ref.label != cand.label:
                oks[r, c] = np.nan
    pairs = match(oks, float(model.scoring.iou_threshold))

    instances = []
    for r, c, value in pairs:
        ref_points = list(references[r].points) + [None] * count
        cand_points = list(candidates[c].points) + [None] * count
        instances.append({
            "ref": r,
            "cand": c,
            "oks": value,
            "points": [
                {"status": _status(ref_points[p], cand_points[p], float(scores[r, c, p])),
                 "similarity": float(scores[r, c, p])}
                for p in range(count)
            ],
        })
    missed, extra = unpaired(pairs, len(references), len(candidates))

    both_empty = not references and not candidates
    fraction = min(1.0, rate(sum(v for _, _, v in pairs), max(len(references), len(candidates)), both_empty))
    perfect = not missed and not extra
    points = fraction if model.scoring.partial_credit else (1.0 if perfect else 0.0)
    return Score(points=float(points), max_points=1.0,
                 detail={"instances": instances, "missed": missed, "extra": extra})

