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


def test_the_percent_shown_decides() -> None:
    """One rule for every figure: items to two decimals, sums exact, percent to one decimal,
    and the pass rule compares that percent (a page never shows 60.0점 beside 불합격)."""
    rules = {"pass": {"total": 60, "section_min": 0}, "sections": [{"title": "s", "count": 3}]}
    # 1.799 of 3 points: the item's 0.799 counts as 0.80, so 1.8 of 3 = 60.0, a pass.
    summary = summarize(rules, [(0, 1.0, 1.0, True), (0, 0.799, 1.0, True), (0, 0.0, 1.0, False)])
    assert summary.points == 1.8 and summary.percent == 60.0 and summary.passed
    assert summary.sections[0].answered == 2
    # 1.798 of 3: 0.80 again.  1.794 of 3: 0.79, 1.79 / 3 = 59.666… shown as 59.7, not a pass.
    below = summarize(rules, [(0, 1.0, 1.0, True), (0, 0.794, 1.0, True), (0, 0.0, 1.0, False)])
    assert below.points == 1.79 and below.percent == 59.7 and not below.passed


def test_sections_and_total_add_up_with_partial_points() -> None:
    rules = {"pass": {"total": 60, "section_min": 40},
             "sections": [{"title": "이론", "count": 2}, {"title": "실기", "count": 3}]}
    summary = summarize(rules, [(0, 1.0, 1.0, True), (0, 0.0, 1.0, True),
                                (1, 0.333, 1.0, True), (1, 0.666, 1.0, True), (1, 0.125, 1.0, True)])
    theory, practice = summary.sections
    assert (practice.points, practice.percent) == (1.13, 37.7)  # 0.33 + 0.67 + 0.13
    assert summary.points == theory.points + practice.points == 2.13
    assert summary.percent == 42.6  # 2.13 / 5
