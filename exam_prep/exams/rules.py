"""The pass rule and the result summary: pure functions over item scores."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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


def percent(points: float, max_points: float) -> float:
    """Unrounded: the pass rule compares exact values; pages round for display."""
    return 100.0 * points / max_points if max_points else 0.0


def summarize(rules: dict[str, Any], items: list[tuple[int, float, float, bool]]) -> Summary:
    """``items`` are (section index, points, max points, answered) for every item.

    Passing needs the total percent at or above ``pass.total`` and every section at or above
    ``pass.section_min`` (the Korean CBT rule of 과락), both taken from the exam definition.
    """
    rule = rules.get("pass", {})
    total_needed = float(rule.get("total", 60))
    section_needed = float(rule.get("section_min", 40))
    sections = []
    for index, section in enumerate(rules["sections"]):
        mine = [i for i in items if i[0] == index]
        pts = sum(i[1] for i in mine)
        mx = sum(i[2] for i in mine)
        pct = percent(pts, mx)
        sections.append(SectionResult(
            title=section["title"], points=round(pts, 3), max_points=mx, percent=round(pct, 1),
            passed_minimum=pct >= section_needed, answered=sum(1 for i in mine if i[3]), count=len(mine),
        ))
    points = sum(i[1] for i in items)
    max_points = sum(i[2] for i in items)
    total = percent(points, max_points)
    passed = total >= total_needed and all(s.passed_minimum for s in sections)
    return Summary(round(points, 3), max_points, round(total, 1), passed, sections)
