"""The pure parts of item analysis: the statistics, option flags, the heat steps, CSV cells."""
from __future__ import annotations

import csv
import io
import math

import pytest

from exam_prep.item_analysis import cohort, heat, items, statistics
from exam_prep.item_analysis.labeling import _cer_buckets
from exam_prep.item_analysis.statistics import Observation


def obs(pairs: list[tuple[float, float]]) -> list[Observation]:
    return [Observation(item, rest, key=n) for n, (item, rest) in enumerate(pairs)]


@pytest.mark.parametrize(("n", "size"), [(0, 0), (1, 0), (2, 1), (5, 1), (6, 2), (8, 2), (10, 3), (20, 5), (100, 27)])
def test_group_size_is_27_percent_rounded(n: int, size: int) -> None:
    # 5 × 0.27 = 1.35 → 1; 6 × 0.27 = 1.62 → 2; 10 × 0.27 = 2.7 → 3; 20 × 0.27 = 5.4 → 5.
    assert statistics.group_size(n) == size


def test_partial_credit_item_by_hand() -> None:
    # Five attempts of a partial-credit item (share of its point) and their rest scores:
    #   item 1.0 0.5 0.5 0.25 0.0, rest 0.9 0.8 0.5 0.4 0.1.
    # facility = 2.25 / 5 = 0.45; groups of 1: upper rest 0.9 (1.0), lower rest 0.1 (0.0): D = 1.0.
    # r: x̄ = 0.45, ȳ = 0.54; dx = .55 .05 .05 −.2 −.45; dy = .36 .26 −.04 −.14 −.44;
    # Sxy = .198 + .013 − .002 + .028 + .198 = .435; Sxx = .3025 + .0025 + .0025 + .04 + .2025 = .55;
    # Syy = .1296 + .0676 + .0016 + .0196 + .1936 = .412; r = .435 / √(.55 · .412) = .435 / .47603 = 0.91381.
    data = obs([(1.0, 0.9), (0.5, 0.8), (0.5, 0.5), (0.25, 0.4), (0.0, 0.1)])
    assert statistics.facility(data) == pytest.approx(0.45)
    assert statistics.discrimination(data) == pytest.approx(1.0)
    assert statistics.point_biserial(data) == pytest.approx(0.435 / math.sqrt(0.55 * 0.412))
    assert statistics.point_biserial(data) == pytest.approx(0.91381, abs=1e-5)


def test_ties_keep_the_given_order_and_no_variation_gives_none() -> None:
    data = obs([(1.0, 0.5), (0.0, 0.5), (1.0, 0.5), (0.0, 0.5)])
    upper, lower = statistics.upper_lower(data)
    assert [o.key for o in upper] == [0] and [o.key for o in lower] == [3]
    assert statistics.point_biserial(data) is None  # every rest score the same
    assert statistics.point_biserial(obs([(1.0, 0.2), (1.0, 0.9)])) is None  # everyone right
    assert statistics.discrimination(obs([(1.0, 0.5)])) is None
    assert statistics.facility([]) is None


def option(number: int, key: bool, upper: int) -> items.OptionFigures:
    return items.OptionFigures(number=number, text="", is_key=key, picked=0, share=0.0, upper=upper, lower=0)


def test_key_rejected_when_the_upper_group_prefers_a_distractor() -> None:
    assert items.key_rejected([option(1, True, 1), option(2, False, 2)])
    assert not items.key_rejected([option(1, True, 2), option(2, False, 2)])
    # Multiple answer: a key option the strong group picks less than some distractor.
    assert items.key_rejected([option(1, True, 3), option(2, True, 0), option(3, False, 1)])


def test_chosen_reads_stored_choice_responses() -> None:
    assert items.chosen({"choice": 2}) == [2]
    assert items.chosen({"choices": [1, 3]}) == [1, 3]
    assert items.chosen(None) == [] and items.chosen({"value": True}) == []


@pytest.mark.parametrize(("value", "safe"), [
    ("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"),
    ("가나다", "가나다"), ("a=b", "a=b"), (-2, -2), (75.0, 75.0), ("", ""),
])
def test_cells_that_look_like_formulas_get_a_quote(value: object, safe: object) -> None:
    assert cohort.safe_cell(value) == safe


def test_csv_text_has_a_bom_and_quotes_formulas() -> None:
    text = cohort.csv_text(["아이디", "점수"], [["=HYPERLINK(\"x\")", 50.0], ["홍길동", ""]])
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [["아이디", "점수"], ["'=HYPERLINK(\"x\")", "50.0"],
                                                       ["홍길동", ""]]


@pytest.mark.parametrize(("bad", "level"), [(0.0, 0), (0.19, 0), (0.2, 1), (0.4, 2), (0.79, 3), (0.8, 4), (1.0, 4)])
def test_heat_steps_of_twenty_percent(bad: float, level: int) -> None:
    assert heat.HeatShape(index=1, name="", value=bad, bad=bad).level == level


def test_heat_marks_boxes_polygons_and_points() -> None:
    box = heat.shape_mark(1, {"label": "coin", "box": [10, 20, 30, 40]}, 0.5)
    assert (box.box, box.centre, box.percent, box.level) == ([10, 20, 30, 40], (25.0, 40.0), 50, 2)
    polygon = heat.shape_mark(2, {"points": [[0, 0], [6, 0], [0, 3]]}, 1.0)
    assert (polygon.points, polygon.centre) == ("0,0 6,0 0,3", (2.0, 1.0))
    joints = heat.joint_marks([[1, 2], "hidden"], [0.25, 1.0], ["코", "귀"])
    assert [(j.index, j.point, j.percent, j.level) for j in joints] == [(1, (1.0, 2.0), 25, 3)]
    assert not heat.drawable({"label": "p", "points": [[1, 2], "hidden"]})


def test_cer_buckets() -> None:
    assert _cer_buckets([0.0, 0.0, 0.1, 0.2, 0.5, 0.75]) == [
        ("0", 2), ("≤ 0.1", 1), ("≤ 0.25", 1), ("≤ 0.5", 1), ("> 0.5", 1)]


def test_labels_of_shapes_on_the_same_spot_go_on_separate_lines() -> None:
    same = [heat.shape_mark(n, {"box": [20, 30, 50, 60]}, 0.5) for n in (1, 2)]
    other = heat.shape_mark(3, {"box": [0, 0, 10, 10]}, 0.5)
    assert [s.line for s in heat.stack_labels([*same, other])] == [0, 1, 0]
