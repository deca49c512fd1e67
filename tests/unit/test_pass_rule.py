"""The pass rule: total at or above `pass.total` and no section under `pass.section_min`."""
from __future__ import annotations

from exam_prep.exams.rules import summarize

RULES = {"pass": {"total": 60, "section_min": 40},
         "sections": [{"title": "이론", "count": 5}, {"title": "실기", "count": 5}]}


def items(theory_right: int, practice_right: int) -> list[tuple[int, float, float, bool]]:
    return ([(0, 1.0 if i < theory_right else 0.0, 1.0, True) for i in range(5)]
            + [(1, 1.0 if i < practice_right else 0.0, 1.0, True) for i in range(5)])


def test_pass_at_exactly_the_total() -> None:
    summary = summarize(RULES, items(3, 3))
    assert summary.percent == 60.0 and summary.passed


def test_fail_below_the_total() -> None:
    summary = summarize(RULES, items(3, 2))
    assert summary.percent == 50.0 and not summary.passed


def test_section_under_minimum_fails_despite_total() -> None:
    summary = summarize(RULES, items(5, 1))  # 60% overall, but 20% in one section (과락)
    assert summary.percent == 60.0
    assert not summary.passed
    assert [s.passed_minimum for s in summary.sections] == [True, False]


def test_section_exactly_at_minimum_passes() -> None:
    summary = summarize(RULES, items(5, 2))
    assert summary.sections[1].percent == 40.0 and summary.passed


def test_rule_comes_from_the_exam_definition() -> None:
    strict = {**RULES, "pass": {"total": 80, "section_min": 40}}
    assert not summarize(strict, items(4, 3)).passed
    assert summarize(strict, items(4, 4)).passed


def test_unrounded_percent_decides() -> None:
    rules = {"pass": {"total": 60, "section_min": 0}, "sections": [{"title": "s", "count": 3}]}
    # 1.799 of 3 points = 59.97%, displayed as 60.0 but not a pass.
    summary = summarize(rules, [(0, 1.0, 1.0, True), (0, 0.799, 1.0, True), (0, 0.0, 1.0, False)])
    assert summary.percent == 60.0 and not summary.passed
    assert summary.sections[0].answered == 2
