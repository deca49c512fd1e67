"""Score a `keypoints` exercise with OKS (Object Keypoint Similarity, COCO), see docs/scoring.md.

A point's similarity is COCO's ``exp(-d² / (2 (s² + ε) k²))``, ``k = 2σ`` (exam_prep/labeling/oks.py,
the same numbers as pycocotools' ``COCOeval.computeOks``). Reference points have COCO's three
states: visible ``[x, y]`` (v=2), occluded with an estimated position ``[x, y, 1]`` (v=1) and
not labeled ``"hidden"`` (v=0); a candidate point is one of these or None (not placed). The
exercise's ``occluded`` option says what its guide teaches, and so which points count:

``estimate`` — COCO's OKS: the mean over the reference points with a position (v > 0), an
occluded one at its estimated position; a point the reference does not label (v=0) is left out
(status "not_scored", similarity None), as pycocotools leaves it out.

``skip`` (the default, "가려진 관절은 추측하지 마세요") — the mean over **all** skeleton points,
so that marking an occluded joint instead of guessing it is scored too:

=====================  ==========================  ==========  ======================
reference              candidate                   similarity  status
=====================  ==========================  ==========  ======================
visible [x, y]         placed (v=2 or v=1)         COCO's      "ok" (>= 0.5) / "off"
visible [x, y]         "hidden" or None            0           "missing"
[x, y, 1] or hidden    "hidden"                    1           "hidden_ok"
[x, y, 1] or hidden    placed (v=2 or v=1)         0           "guessed_hidden"
[x, y, 1] or hidden    None (not placed)           0           "missed_hidden_mark"
=====================  ==========================  ==========  ======================

With ``estimate`` a labeled reference point the candidate leaves unplaced is "missing", or
"occluded_not_estimated" when the reference has it occluded. A placed point whose visibility
(보임 / 가려짐) differs from the reference's keeps its similarity (COCO does not score a
detection's v) and its detail carries ``"visibility_wrong": true`` for the review.

Instances are paired one-to-one by this OKS with :func:`exam_prep.labeling.matching.match`
(threshold ``iou_threshold``, default 0.5), only within the same instance label.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from ...labeling import oks as coco
from ...labeling.geometry import points_bbox_area
from ...labeling.matching import match
from ...labeling.score import Score
from ...labeling.shapes import listed, rate, unpaired
from .schema import HIDDEN, KeypointsSchema, visibility

__all__ = ["HIDDEN", "OK_SIMILARITY", "Instance", "coco_oks", "instance_area", "oks_matrix",
           "point_scores", "score"]

OK_SIMILARITY = 0.5  # a placed point under this similarity is flagged "off"

# A candidate point that is not placed: marked hidden, or left empty
_NULL, _HIDDEN = 0, -1


def _state(point: Any) -> int:
    """A candidate point's state: its COCO v (2 or 1) when placed, else _HIDDEN or _NULL."""
    if coco.position(point) is not None:
        return visibility(point) or 2  # [x, y, <other>] from old data: placed
    return _HIDDEN if point == HIDDEN else _NULL


def coco_oks(reference: Sequence[Any], candidate: Sequence[Any], sigmas: Sequence[float], area: float) -> float:
    """Plain COCO OKS of one instance pair: mean over the reference's labeled points (v > 0).

    ``reference`` and ``candidate`` hold one entry per skeleton point: ``[x, y]``, ``[x, y, 1]``
    or ``"hidden"``/None. A labeled reference point the candidate did not place scores 0.
    ``area`` is s² (COCO adds machine epsilon, as here). No labeled point gives 0.0.
    """
    return coco.coco_oks(reference, candidate, sigmas, area)


class Instance(NamedTuple):
    """An instance as scoring compares it: its label, one entry per skeleton point ([x, y],
    [x, y, 1], "hidden" or None) and, for a reference, its area s² if the bank gives one."""

    label: Any
    points: Sequence[Any]
    area: float | None = None


def instance_area(reference: Instance) -> float:
    """s² of a reference instance: its ``area`` if given, else the bounding-box area of its
    labeled points (visible or occluded); at least 1 (a lone point has a zero-area box)."""
    area = reference.area
    if area is None:
        area = points_bbox_area(xy for xy in map(coco.position, reference.points) if xy is not None)
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
            if state[n, p] > 0:
                xy[n, p] = coco.position(point)
    return xy, state


def point_scores(references: list[Instance], candidates: list[Instance], sigmas: Sequence[float],
                 occluded: str = "skip") -> np.ndarray:
    """(N, M, P) per-point similarity of every reference instance with every candidate one, by
    the rules in the module docstring; NaN where a point does not count (``estimate``, v = 0)."""
    count = len(sigmas)
    ref_xy, ref_state = _arrays(references, count)
    cand_xy, cand_state = _arrays(candidates, count)
    # The reference points scored by position: v > 0 with estimate, v = 2 with skip.
    by_position = ref_state > 0 if occluded == "estimate" else ref_state == 2
    area = np.array([instance_area(r) for r in references]).reshape(-1, 1, 1)
    d2 = ((ref_xy[:, None] - cand_xy[None, :]) ** 2).sum(axis=-1)  # NaN unless both placed
    with np.errstate(invalid="ignore"):
        similarity = coco.similarity(d2, area, np.asarray(sigmas, dtype=float)[None, None, :])
    cand_placed = cand_state[None, :, :] > 0
    both_placed = by_position[:, None, :] & cand_placed
    scored = np.where(both_placed, np.nan_to_num(similarity, nan=0.0), 0.0)
    if occluded == "estimate":
        return np.where(by_position[:, None, :], scored, np.nan)
    hidden_ok = ~by_position[:, None, :] & (cand_state[None, :, :] == _HIDDEN)
    return np.where(hidden_ok, 1.0, scored)


def _mean(scores: np.ndarray) -> np.ndarray:
    """Instance OKS from per-point scores: the mean over the points that count (not NaN)."""
    counted = (~np.isnan(scores)).sum(axis=-1)
    return np.where(counted > 0, np.nansum(scores, axis=-1) / np.maximum(counted, 1), 0.0)


def oks_matrix(references: list[Instance], candidates: list[Instance], sigmas: Sequence[float],
               occluded: str = "skip") -> np.ndarray:
    """(N, M) instance OKS: with ``estimate`` COCO's (labeled points), with ``skip`` the mean
    over all skeleton points."""
    if not references or not candidates:
        return np.zeros((len(references), len(candidates)))
    return _mean(point_scores(references, candidates, sigmas, occluded))


def _status(ref_point: Any, cand_point: Any, similarity: float, occluded: str) -> dict[str, Any]:
    ref, cand = _state(ref_point), _state(cand_point)
    by_position = ref > 0 if occluded == "estimate" else ref == 2
    if not by_position and occluded == "estimate":
        return {"status": "not_scored", "similarity": None}
    info: dict[str, Any] = {"similarity": similarity}
    if not by_position:
        info["status"] = {_HIDDEN: "hidden_ok", _NULL: "missed_hidden_mark"}.get(cand, "guessed_hidden")
    elif cand <= 0:
        info["status"] = "occluded_not_estimated" if ref == 1 else "missing"
    else:
        info["status"] = "ok" if similarity >= OK_SIMILARITY else "off"
        if cand != ref:
            info["visibility_wrong"] = True
    return {"status": info.pop("status"), **info}


def score(model: KeypointsSchema, response: dict[str, Any] | None) -> Score:
    """The reference instances against ``response["instances"]`` (None or empty: none placed)."""
    count = len(model.skeleton.points)
    sigmas = np.asarray(model.skeleton.sigmas, dtype=float)  # one per point (the schema checks)
    occluded = model.occluded
    references = [Instance(r.label, r.points, r.area) for r in model.reference]
    candidates = [Instance(c.get("label"), c.get("points") or []) for c in listed(response, "instances")]

    scores = point_scores(references, candidates, sigmas, occluded) if references and candidates else np.zeros(
        (len(references), len(candidates), count))
    oks = _mean(scores) if count else np.zeros((len(references), len(candidates)))
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
            "points": [_status(ref_points[p], cand_points[p], float(scores[r, c, p]), occluded)
                       for p in range(count)],
        })
    missed, extra = unpaired(pairs, len(references), len(candidates))

    both_empty = not references and not candidates
    fraction = min(1.0, rate(sum(v for _, _, v in pairs), max(len(references), len(candidates)), both_empty))
    perfect = not missed and not extra
    points = fraction if model.scoring.partial_credit else (1.0 if perfect else 0.0)
    return Score(points=float(points), max_points=1.0,
                 detail={"instances": instances, "missed": missed, "extra": extra})
