"""The progress page's pure parts: the chart's geometry, the readiness rule, strengths per domain
and labeling type, and the mistakes read from scoring details (figures worked out by hand)."""
from __future__ import annotations

from datetime import datetime

import pytest

from exam_prep.progress import chart
from exam_prep.progress.mistakes import mistakes, most_common
from exam_prep.progress.service import (
    CLOSE,
    DOWN,
    FLAT,
    NOT_YET,
    READY,
    SINGLE,
    UP,
    DomainStrength,
    ExamScore,
    ItemRow,
    TypeStrength,
    WeakArea,
    domain_strengths,
    readiness,
    trend_of,
    type_strengths,
    weak_domains,
    weakest_area,
)

# --- chart ------------------------------------------------------------------------------------


def test_the_y_axis_runs_from_100_at_the_top_to_0_at_the_bottom() -> None:
    # plot: top 40, height 300 - 40 - 60 = 200 user units
    assert chart.y_of(100) == 40.0
    assert chart.y_of(0) == 240.0
    assert chart.y_of(60) == 120.0  # 40 + 200 x 0.4
    assert chart.y_of(72.5) == 95.0  # 40 + 200 x 0.275
    assert chart.y_of(33.3) == 173.4  # 40 + 200 x 0.667
    assert chart.y_of(130) == 40.0 and chart.y_of(-5) == 240.0  # clamped to the plot


def test_attempts_spread_evenly_oldest_left_a_single_one_in_the_middle() -> None:
    # plot: left 70, width 420 - 70 - 30 = 320
    assert [chart.x_of(i, 3) for i in range(3)] == [70.0, 230.0, 390.0]
    assert [chart.x_of(i, 5) for i in range(5)] == [70.0, 150.0, 230.0, 310.0, 390.0]
    assert [chart.x_of(i, 9) for i in range(9)] == [70.0, 110.0, 150.0, 190.0, 230.0, 270.0, 310.0, 350.0, 390.0]
    assert [chart.x_of(i, 4) for i in range(4)] == [70.0, 176.7, 283.3, 390.0]  # 320 / 3 apart, to 0.1
    assert chart.x_of(0, 1) == 230.0


def test_score_chart_points_line_ticks_and_pass_lines() -> None:
    drawn = chart.score_chart([(1, 100.0, True), (2, 25.0, False), (3, 50.0, False)], [60, 60, 60])
    assert [(p.number, p.x, p.y, p.passed) for p in drawn.points] == [
        (1, 70.0, 40.0, True), (2, 230.0, 190.0, False), (3, 390.0, 140.0, False)]
    assert drawn.polyline == "70,40 230,190 390,140"
    assert [(t.value, t.y) for t in drawn.ticks] == [
        (0, 240.0), (20, 200.0), (40, 160.0), (60, 120.0), (80, 80.0), (100, 40.0)]
    assert [(line.total, line.y) for line in drawn.pass_lines] == [(60.0, 120.0)]  # one line for one rule
    two_rules = chart.score_chart([(1, 70.0, True), (2, 65.0, False)], [70, 60])
    assert [line.total for line in two_rules.pass_lines] == [60.0, 70.0]
    assert (drawn.left, drawn.right, drawn.top, drawn.bottom) == (70.0, 390.0, 40.0, 240.0)


# --- readiness ----------------------------------------------------------------------------------


def scores(*passed: bool) -> list[ExamScore]:
    return [ExamScore(n, n, "2급", datetime(2026, 1, n), 70.0 if p else 40.0, p, 60.0)
            for n, p in enumerate(passed, start=1)]


@pytest.mark.parametrize(("history", "attempts", "passed", "status"), [
    ((True, False, True), 3, 2, READY),  # two of the last three, the latest among them
    ((True, True, True), 3, 3, READY),
    ((True, True, False), 3, 2, CLOSE),  # the latest failed
    ((False, False, True), 3, 1, CLOSE),
    ((True, True), 2, 2, CLOSE),  # not three yet
    ((True,), 1, 1, CLOSE),
    ((False, False, False), 3, 0, NOT_YET),
    ((False,), 1, 0, NOT_YET),
    ((False, False, True, True, True), 3, 3, READY),  # only the last three count
    ((True, True, True, False, False, False), 3, 0, NOT_YET),
])
def test_readiness_counts_the_last_three_mock_exams(history, attempts, passed, status) -> None:
    weak = WeakArea("domain", "algorithms", 40.0)
    result = readiness(scores(*history), weak)
    assert (result.attempts, result.passed, result.status, result.weakest) == (attempts, passed, status, weak)


def test_no_finished_exam_has_no_readiness() -> None:
    assert readiness([], None) is None


def test_the_weakest_area_is_the_lowest_figure_under_100_a_domain_first_on_a_tie() -> None:
    domains = [DomainStrength("algorithms", "인공지능 알고리즘", 1, 4, 25.0),
               DomainStrength("bigdata", "빅데이터", 4, 4, 100.0)]
    types = [TypeStrength("bbox", 4, 25.0, [25.0], SINGLE, None, 0),
             TypeStrength("ocr", 2, 100.0, [100.0], SINGLE, None, 0)]
    assert weakest_area(domains, types) == WeakArea("domain", "algorithms", 25.0)
    types[0] = TypeStrength("bbox", 4, 12.5, [12.5], SINGLE, None, 0)
    assert weakest_area(domains, types) == WeakArea("type", "bbox", 12.5)
    perfect = [DomainStrength("bigdata", "빅데이터", 4, 4, 100.0)]
    assert weakest_area(perfect, types[1:]) is None


# --- strengths ------------------------------------------------------------------------------


def row(attempt: int, domain: str, points: float, detail: dict | None = None, type_: str = "single") -> ItemRow:
    return ItemRow(attempt, type_, domain, points, 1.0, detail)


def test_domain_strengths_are_the_share_answered_right_weakest_first() -> None:
    rows = [row(1, "basics", 1), row(1, "basics", 0), row(2, "basics", 1),  # 2 of 3
            row(1, "algorithms", 0), row(2, "algorithms", 0), row(2, "algorithms", 1), row(2, "algorithms", 0),
            ItemRow(2, "multiple", "algorithms", 0.5, 1.0, None)]  # partial credit is not right: 1 of 5
    found = domain_strengths(rows, {"basics": "기초", "algorithms": "인공지능 알고리즘"})
    assert found == [DomainStrength("algorithms", "인공지능 알고리즘", 1, 5, 20.0),
                     DomainStrength("basics", "기초", 2, 3, 66.7)]


@pytest.mark.parametrize(("series", "trend"), [
    ([50.0], SINGLE), ([40.0, 60.0], UP), ([60.0, 40.0], DOWN), ([50.0, 53.0], FLAT),
    ([20.0, 40.0, 35.0], UP),  # 35 against the mean 30 of the earlier ones: +5
    ([60.0, 40.0, 46.0], FLAT),  # 46 against 50: -4
])
def test_trend_compares_the_latest_attempt_with_the_earlier_ones(series, trend) -> None:
    assert trend_of(series) == trend


LOOSE_AND_MISSED = {"pairs": [{"status": "matched", "loose": True, "attributes": []}], "missed": [0, 1], "extra": []}
TWO_LOOSE = {"pairs": [{"status": "matched", "loose": True, "attributes": []},
                       {"status": "wrong_label", "loose": True, "attributes": []}], "missed": [], "extra": [2]}


def test_type_strengths_mean_score_trend_and_commonest_mistake() -> None:
    rows = [row(1, "labeling", 0.5, LOOSE_AND_MISSED, "bbox"), row(1, "labeling", 0.25, TWO_LOOSE, "bbox"),
            row(2, "labeling", 1.0, None, "bbox"), row(2, "labeling", 0.5, TWO_LOOSE, "bbox"),
            row(2, "labeling", 0.0, {"pairs": [], "missed": [0], "extra": []}, "polygon")]
    found = type_strengths(rows, [1, 2])
    # polygon: 0 / 1; bbox: attempt 1 (0.5 + 0.25) / 2 = 37.5, attempt 2 (1 + 0.5) / 2 = 75,
    # all 2.25 / 4 = 56.25 → 56.3; loose: 1 + 2 + 2 = 5 against missed 2, wrong label 2, extra 2.
    assert found == [TypeStrength("polygon", 1, 0.0, [0.0], SINGLE, "missed", 1),
                     TypeStrength("bbox", 4, 56.3, [37.5, 75.0], UP, "loose", 5)]


# --- mistakes -------------------------------------------------------------------------------


def test_mistakes_of_drawn_shapes_and_ocr() -> None:
    assert mistakes(TWO_LOOSE) == {"loose": 2, "wrong_label": 1, "extra": 1}
    assert mistakes({"pairs": [{"status": "matched", "loose": False, "attributes": ["occluded"]}],
                     "missed": [], "extra": []}) == {"attributes": 1}
    ocr = {"pairs": [{"status": "matched", "loose": False, "text_ok": False, "cer": 0.5},
                     {"status": "matched", "loose": True, "text_ok": True, "cer": 0}],
           "missed": [1], "extra": [], "matched": 2, "wrong_label": 0}
    assert mistakes(ocr) == {"misread": 1, "loose": 1, "missed": 1}
    assert mistakes(None) == {} and mistakes({}) == {}


def test_mistakes_of_keypoints_count_hidden_joints_guessed() -> None:
    detail = {"instances": [{"ref": 0, "cand": 0, "oks": 0.6, "points": [
        {"status": "ok", "similarity": 0.9}, {"status": "guessed_hidden", "similarity": 0.0},
        {"status": "guessed_hidden", "similarity": 0.0}, {"status": "off", "similarity": 0.2},
        {"status": "missing", "similarity": 0.0}, {"status": "hidden_ok", "similarity": 1.0},
        {"status": "not_scored", "similarity": None}]}], "missed": [1], "extra": []}
    assert mistakes(detail) == {"guessed_hidden": 2, "missed": 2, "loose": 1}
    assert most_common([detail]) == ("missed", 2)  # a tie: the order of KINDS
    assert most_common([detail, {"instances": [{"points": [{"status": "guessed_hidden"}]}]}]) == ("guessed_hidden", 3)


def test_mistakes_of_spans_count_a_near_miss_once() -> None:
    # reference 0 found, 1 with other boundaries, 2 with another label, 3 left out; candidate 3 extra
    detail = {"true_positive": [{"ref": 0, "cand": 0}], "false_positive": [1, 2, 3], "false_negative": [1, 2, 3],
              "partial": [{"ref": 1, "cand": 1}], "type_errors": [{"ref": 2, "cand": 2}]}
    assert mistakes(detail) == {"loose": 1, "wrong_label": 1, "missed": 1, "extra": 1}


def test_mistakes_of_classify_and_inspection() -> None:
    classify = {"images": [{"jaccard": 0.0, "missing": ["cat"], "extra": ["dog"]},
                           {"jaccard": 0.5, "missing": ["car"], "extra": []},
                           {"jaccard": 1.0, "missing": [], "extra": []}]}
    assert mistakes(classify) == {"wrong_label": 1, "missed": 1}
    inspection = {"labels": [{"label": 1, "status": "caught"}, {"label": 2, "status": "wrong_reason"},
                             {"label": 3, "status": "missed"}, {"label": 4, "status": "false_alarm"},
                             {"label": 5, "status": "approved_ok"}],
                  "missed_objects": [{"index": 0, "found": False}, {"index": 1, "found": True}],
                  "stray_boxes": [0], "verdict_ok": False}
    assert mistakes(inspection) == {"wrong_label": 1, "missed": 2, "extra": 2, "verdict": 1}


def test_the_commonest_mistake_ties_go_to_the_order_of_kinds() -> None:
    assert most_common([{"pairs": [], "missed": [0], "extra": [1]}]) == ("missed", 1)
    assert most_common([{"pairs": [], "missed": [], "extra": [0]}, {"pairs": [], "missed": [], "extra": [0]},
                        {"pairs": [], "missed": [0], "extra": []}]) == ("extra", 2)
    assert most_common([None, {}]) is None


def test_weak_domains_of_a_result_are_those_under_the_pass_total() -> None:
    domains = [{"domain": "a", "percent": 20.0}, {"domain": "b", "percent": 59.9}, {"domain": "c", "percent": 60.0}]
    assert [d["domain"] for d in weak_domains(domains, 60)] == ["a", "b"]
    assert [d["domain"] for d in weak_domains(domains, 100, limit=2)] == ["a", "b"]
    assert weak_domains(domains, 10) == []


# --- seeded attempts, read back by the service -----------------------------------------------


def seed(user_id: int, exam: str | None, day: int, percent: float, passed: bool,
         items: list[tuple[str, float, dict | None]], *, mode: str = "exam", status: str = "finished") -> None:
    """One attempt of ``user_id`` finished on 2026-01-<day>, its items (question id, points, detail)."""
    from sqlalchemy import select

    from exam_prep.extensions import db
    from exam_prep.models import Attempt, AttemptItem, QuestionVersion

    level = {"level2": 2, "practice": 2, "level1": 1, None: 2}[exam]
    attempt = Attempt(user_id=user_id, exam_id=exam, mode=mode, status=status,
                      started_at=datetime(2026, 1, day, 9), deadline=datetime(2026, 1, day, 10),
                      finished_at=datetime(2026, 1, day, 9, 30) if status == "finished" else None,
                      rules={"title": f"{exam} 모의고사", "level": level, "pass": {"total": 60, "section_min": 40},
                             "sections": [{"title": "전체"}]},
                      percent=percent, passed=passed)
    db.session.add(attempt)
    db.session.flush()
    for position, (question_id, points, detail) in enumerate(items, start=1):
        version = db.session.scalar(select(QuestionVersion).where(QuestionVersion.question_id == question_id))
        db.session.add(AttemptItem(attempt_id=attempt.id, position=position, section=0, question_version_id=version.id,
                                   type=version.type, points=points, max_points=1.0, detail=detail))
    db.session.commit()


def test_strengths_and_readiness_of_seeded_attempts(app) -> None:
    from exam_prep.accounts import create_user
    from exam_prep.progress.service import level_progress

    loose_and_missed = {"pairs": [{"status": "matched", "loose": True, "attributes": []}], "missed": [1], "extra": []}
    loose = {"pairs": [{"status": "matched", "loose": True, "attributes": []}], "missed": [], "extra": []}
    with app.app_context():
        me, other = create_user("수험생", "비밀번호입니다1").id, create_user("다른사람", "비밀번호입니다1").id
        seed(me, "level2", 1, 50.0, False, [("t2-basics-1", 1.0, None), ("t2-label-1", 0.0, None)])
        seed(me, "practice", 2, 40.0, False, [("t2-prac-bbox", 0.4, loose_and_missed)])
        seed(me, "level2", 3, 100.0, True, [("t2-basics-1", 1.0, None), ("t2-label-1", 1.0, None)])
        seed(me, "practice", 4, 80.0, True, [("t2-prac-bbox", 0.8, loose)])
        # None of these count on the level 2 page:
        seed(me, None, 5, 0.0, False, [("t2-basics-1", 0.0, None)], mode="practice")  # a practice set
        seed(me, "level2", 6, 0.0, False, [("t2-basics-1", 0.0, None)], status="open")  # not finished
        seed(me, "level1", 7, 0.0, False, [("t1-quality-1", 0.0, None)])  # another level
        seed(other, "level2", 8, 0.0, False, [("t2-basics-1", 0.0, None)])  # another candidate

        page = level_progress(me, 2)
        assert level_progress(me, None).level == 1  # the level of the latest finished mock exam
    assert page.levels == [2, 1]
    assert [(s.number, s.percent, s.passed) for s in page.scores] == [
        (1, 50.0, False), (2, 40.0, False), (3, 100.0, True), (4, 80.0, True)]
    # Four attempts: x 70, 70 + 320/3, ...; y 40 + 200 x (100 - score) / 100.
    assert page.chart.polyline == "70,140 176.7,160 283.3,40 390,80"
    # basics: right both times (2 / 2); labeling theory: wrong, then right (1 / 2).
    assert [(d.domain, d.right, d.count, d.percent) for d in page.domains] == [
        ("labeling", 1, 2, 50.0), ("basics", 2, 2, 100.0)]
    # bbox: 0.4 then 0.8 → mean 60, 40 → 80 up; loose boxes twice, one object missed once.
    assert page.types == [TypeStrength("bbox", 2, 60.0, [40.0, 80.0], UP, "loose", 2)]
    # The last three: failed, passed, passed (the latest) → ready; the weakest area: labeling (50).
    assert page.readiness == readiness(page.scores, WeakArea("domain", "labeling", 50.0))
    assert (page.readiness.attempts, page.readiness.passed, page.readiness.status) == (3, 2, READY)
