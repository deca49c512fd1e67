"""The pass rule and the result summary: pure functions over item scores.

One rule makes every figure of a result (the total, each section, each syllabus domain, each
item), so that the figures on a page agree with each other:

1. an item's points are its scorer's points rounded half up to two decimals (partial credit of
   labeling and inspection items included);
2. the points of a group of items (section, domain, whole exam) are the exact sum of those, and
   its maximum the sum of the items' maximum points;
3. its percent is points / maximum x 100 rounded half up to one decimal;
4. the pass rule compares those percents: the figure shown is the figure that decides.

The Korean statement of it is under the tables of templates/review/result.html.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

POINTS_STEP = Decimal("0.01")
PERCENT_STEP = Decimal("0.1")


@dataclass(frozen=True)
class SectionResult:
    title: str
    points: float
    max_points: float
    percent: float
    passed_minimum: bool
    answered: int
    count: int


@dataclass(frozen=True)
class Summary:
    points: float
    max_points: float
    percent: float
    passed: bool
    sections: list[SectionResult]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _points(value: float | None) -> Decimal:
    # repr() is the float's shortest decimal form: 0.125 rounds up to 0.13, as a person would.
    return Decimal(repr(float(value or 0.0))).quantize(POINTS_STEP, ROUND_HALF_UP)


def percent(points: float, max_points: float) -> float:
    """points / max_points x 100, rounded half up to one decimal (rule 3)."""
    if not max_points:
        return 0.0
    exact = Decimal(repr(float(points))) * 100 / Decimal(repr(float(max_points)))
    return float(exact.quantize(PERCENT_STEP, ROUND_HALF_UP))


def points_text(value: float | None) -> str:
    """Points as a page shows them: up to two decimals, without trailing zeros (1.8, 11, 10.97)."""
    if value is None:
        return ""
    text = f"{_points(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Tally:
    points: float
    max_points: float
    percent: float


def tally(scores: Iterable[tuple[float | None, float | None]]) -> Tally:
    """Points, maximum and percent of a group of items, from their (points, max points) (rule 2)."""
    points = max_points = Decimal(0)
    for item_score, item_max in scores:
        points += _points(item_score)
        max_points += _points(item_max)
    return Tally(float(points), float(max_points), percent(float(points), float(max_points)))


def summarize(rules: dict[str, Any], items: list[tuple[int, float, float, bool]]) -> Summary:
    """``items`` are (section index, points, max points, answered) for every item.

    Passing needs the total percent at or above ``pass.total`` and every section at or above
    ``pass.section_min`` (the Korean CBT rule of 과락), both taken from the exam definition, and
    compares the percents as shown (rule 4).
    """
    rule = rules.get("pass", {})
    total_needed = float(rule.get("total", 60))
    section_needed = float(rule.get("section_min", 40))
    sections = []
    for index, section in enumerate(rules["sections"]):
        mine = [i for i in items if i[0] == index]
        group = tally((i[1], i[2]) for i in mine)
        sections.append(SectionResult(
            title=section["title"], points=group.points, max_points=group.max_points, percent=group.percent,
            passed_minimum=group.percent >= section_needed, answered=sum(1 for i in mine if i[3]),
            count=len(mine),
        ))
    total = tally((i[1], i[2]) for i in items)
    passed = total.percent >= total_needed and all(s.passed_minimum for s in sections)
    return Summary(total.points, total.max_points, total.percent, passed, sections)
