"""Optimal one-to-one pairing of reference and candidate shapes (or keypoint instances).

Not greedy. A greedy matcher takes the best-overlapping pair first and can thereby leave another
reference without any partner it could have had; here the pairing is solved as an assignment
problem (Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``) with a two-level goal:

1. as many pairs with IoU >= threshold (inclusive) as possible, then
2. among those pairings, the largest total IoU.

Both levels are one weight per pair: ``w = eligible * (K + 1 + iou)`` with ``K = min(N, M)``,
maximised. One more eligible pair adds at least K + 1, more than the IoU sum of any pairing can
(at most K), so the count always wins; ties in count are broken by total IoU. Ineligible pairs
weigh 0, so an IoU under the threshold never tips the choice between eligible pairings; they are
dropped from the result. The same works for any similarity in [0, 1], e.g. an OKS matrix.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["EPSILON", "match"]

# Tolerance on the threshold for floating-point rounding: an IoU of 0.49999999999999994 that is
# 0.5 on paper still counts at threshold 0.5.
EPSILON = 1e-9


def match(iou: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs ``(ref_index, cand_index, iou)`` with ``iou >= threshold``, sorted by ref index.

    ``iou`` is an (N, M) matrix, rows = references, columns = candidates; empty and rectangular
    matrices are fine. Each row and each column is used at most once. Entries below the
    threshold (including negative or NaN ones) are never paired.
    """
    matrix = np.asarray(iou, dtype=float)
    if matrix.ndim != 2 or matrix.size == 0:
        return []
    matrix = np.nan_to_num(matrix, nan=-np.inf)
    eligible = matrix >= threshold - EPSILON
    if not eligible.any():
        return []
    k = min(matrix.shape)
    weight = np.where(eligible, (k + 1) + np.clip(matrix, 0.0, 1.0), 0.0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(r), int(c), float(matrix[r, c])) for r, c in zip(rows, cols, strict=True) if eligible[r, c]]
