"""The classical item statistics, as pure functions on plain numbers (no database, no Flask).

One observation is one finished attempt that contains the item: its score on the item as a share
of the item's maximum (``item``, 0..1; partial credit counts as it was scored) and the share right
on the rest of that attempt (``rest``: the attempt's points without this item over its maximum
without this item), so the item does not correlate with itself.

- facility (난이도 지수, Moodle's "facility index"): the mean of ``item``, i.e. the share right
  (for partial-credit items the mean points over the maximum);
- upper–lower discrimination D: the attempts are ranked by ``rest`` (highest first; ties by the
  order given); the upper and lower groups are the top and bottom ``round(27 % × n)`` attempts
  (at least 1); D = facility in the upper group − facility in the lower group (−1..1);
- corrected point-biserial r: Pearson's correlation of ``item`` with ``rest`` (for a right/wrong
  item this is the point-biserial correlation; "corrected" because ``rest`` leaves the item out).
  None when either side does not vary (everyone right, or every rest score the same).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

GROUP_SHARE = 0.27


class Observation(NamedTuple):
    item: float  # share of the item's points earned, 0..1
    rest: float  # share right on the rest of the attempt, 0..1
    key: object = None  # what the caller needs back for the groups (e.g. the response)


def group_size(n: int) -> int:
    """round(27 % × n), half up, at least 1 (n ≥ 2); 0 for n < 2."""
    if n < 2:
        return 0
    return max(1, min(n // 2, math.floor(GROUP_SHARE * n + 0.5)))


def upper_lower(observations: Sequence[Observation]) -> tuple[list[Observation], list[Observation]]:
    """The upper and lower 27 % of the observations by their rest score (stable for ties)."""
    ranked = sorted(observations, key=lambda o: -o.rest)
    size = group_size(len(ranked))
    if size == 0:
        return [], []
    return ranked[:size], ranked[-size:]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def facility(observations: Sequence[Observation]) -> float | None:
    return mean([o.item for o in observations])


def discrimination(observations: Sequence[Observation]) -> float | None:
    """Facility of the upper group minus facility of the lower group; None under 2 observations."""
    upper, lower = upper_lower(observations)
    if not upper:
        return None
    return facility(upper) - facility(lower)  # type: ignore[operator]


def point_biserial(observations: Sequence[Observation]) -> float | None:
    """Pearson's r of item score and rest score; None when either does not vary."""
    n = len(observations)
    if n < 2:
        return None
    mx = sum(o.item for o in observations) / n
    my = sum(o.rest for o in observations) / n
    sxy = sum((o.item - mx) * (o.rest - my) for o in observations)
    sxx = sum((o.item - mx) ** 2 for o in observations)
    syy = sum((o.rest - my) ** 2 for o in observations)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)
