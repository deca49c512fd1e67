"""Item analysis on small seeded cohorts, checked against figures computed by hand.

Every attempt is made the way a candidate makes it (register, start, save through the API,
submit); only the questions an attempt draws are pinned, so the hand computation knows them.
"""
from __future__ import annotations

import math
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from exam_prep import questions
from exam_prep.accounts import create_or_promote_instructor
from exam_prep.extensions import db
from exam_prep.models import AttemptItem, ExamDefinition, QuestionVersion
from exam_prep.questions import registry
from tests.conftest import CSRF_META, PASSWORD, Candidate, forget_attempt_layouts
from tests.web.test_inspection_flow import start_level1

INSTRUCTOR = "분석강사"
# An exam of all six level-2 theory questions of the fixture bank, so each attempt has six items.
THEORY6 = "theory6"
I1, I2, I3, I4, I5, I6 = ("t2-basics-1", "t2-label-2", "t2-basics-2", "t2-basics-3", "t2-label-1", "t2-label-3")
ORDER = [I1, I2, I3, I4, I5, I6]


def add_theory6_exam(app: Flask) -> None:
    with app.app_context():
        db.session.add(ExamDefinition(id=THEORY6, title="이론 6문항", level=2, position=9, definition={
            "id": THEORY6, "title": "이론 6문항", "level": 2, "minutes": 10, "shuffle_options": True,
            "pass": {"total": 60, "section_min": 40},
            "sections": [{"title": "이론", "count": 6, "level": 2, "types": ["single", "multiple", "ox", "short"]}],
        }))
        db.session.commit()


def current_version(app: Flask, question_id: str) -> QuestionVersion:
    with app.app_context():
        version = db.session.scalars(select(QuestionVersion).where(
            QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True))).one()
        db.session.expunge(version)
        return version


def pin(app: Flask, attempt_id: int, question_ids: list[str]) -> None:
    """The attempt's items become these questions, in order, options shown in reverse bank order."""
    with app.app_context():
        items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
                                   .order_by(AttemptItem.position)).all()
        assert len(items) == len(question_ids)
        for item, question_id in zip(items, question_ids, strict=True):
            version = db.session.scalars(select(QuestionVersion).where(
                QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True))).one()
            item.question_version_id, item.type = version.id, version.type
            order = questions.get(version.type).option_order(registry.model_of(version), False, None)
            item.option_order = list(reversed(order)) if order else None
        db.session.commit()
    forget_attempt_layouts(app)


def take(app: Flask, name: str, exam: str, answers: dict[str, Any], order: list[str]) -> Candidate:
    """A new candidate answers ``answers`` (question id → response; a missing id: left unanswered)."""
    user = Candidate(app.test_client(), name).register()
    state = user.start(exam)
    pin(app, state["id"], order)
    for position, question_id in enumerate(order, start=1):
        if question_id in answers:
            saved = user.save(state["id"], position, answers[question_id], seq=1)
            assert saved.status_code == 200, saved.get_json()
    user.submit(state["id"])
    return user


def sign_in(app: Flask, username: str = INSTRUCTOR, instructor: bool = True) -> FlaskClient:
    client = app.test_client()
    if instructor:
        with app.app_context():
            create_or_promote_instructor(username, PASSWORD)
    token = CSRF_META.search(client.get("/help").get_data(as_text=True)).group(1)
    response = client.post("/auth/login", data={"csrf_token": token, "username": username, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


# --- the theory cohort ------------------------------------------------------------------

# Item scores (1 right, 0 wrong) of eight candidates on the six items, and their totals:
#
#          I1 I2 I3 I4 I5 I6  total
#     c1    0  0  0  0  1  1    2
#     c2    1  0  1  0  1  1    4
#     c3    0  1  0  0  0  0    1
#     c4    0  1  0  0  0  0    1
#     c5    0  1  0  0  1  0    2     (c5 leaves I1 unanswered)
#     c6    1  0  1  1  0  0    3
#     c7    1  0  1  1  1  0    4
#     c8    1  0  1  1  0  0    3
SCORES = {
    "c1": [0, 0, 0, 0, 1, 1], "c2": [1, 0, 1, 0, 1, 1], "c3": [0, 1, 0, 0, 0, 0], "c4": [0, 1, 0, 0, 0, 0],
    "c5": [0, 1, 0, 0, 1, 0], "c6": [1, 0, 1, 1, 0, 0], "c7": [1, 0, 1, 1, 1, 0], "c8": [1, 0, 1, 1, 0, 0],
}
# The option each candidate picks in I1 (key 1 of 4) and I2 (key 2 of 3), in the bank's numbering.
PICKS = {"c1": (2, 1), "c2": (1, 3), "c3": (2, 2), "c4": (3, 2), "c5": (None, 2), "c6": (1, 1), "c7": (1, 3),
         "c8": (1, 3)}
RIGHT = {I3: {"choices": [1, 3]}, I4: {"value": True}, I5: {"text": "IoU"}, I6: {"value": False}}
WRONG = {I3: {"choices": [2]}, I4: {"value": False}, I5: {"text": "틀린 답"}, I6: {"value": True}}


def theory_answers(name: str) -> dict[str, Any]:
    scores = SCORES[name]
    answers: dict[str, Any] = {}
    pick1, pick2 = PICKS[name]
    if pick1 is not None:
        answers[I1] = {"choice": pick1}
    answers[I2] = {"choice": pick2}
    for question_id, right in zip([I3, I4, I5, I6], scores[2:], strict=True):
        answers[question_id] = RIGHT[question_id] if right else WRONG[question_id]
    return answers


@pytest.fixture
def theory_cohort(app: Flask) -> Flask:
    add_theory6_exam(app)
    for name in SCORES:
        take(app, name, THEORY6, theory_answers(name), ORDER)
    return app


def figures_on(page: str, question_id: str) -> dict[str, str]:
    row = re.search(rf'<tr id="v-\d+">((?:(?!</tr>).)*?{re.escape(question_id)}.*?)</tr>', page, flags=re.DOTALL)
    assert row, question_id
    cells = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row.group(1), flags=re.DOTALL)
    return {label: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", value)).strip() for label, value in cells}


def test_facility_and_discrimination_match_the_hand_computation(theory_cohort: Flask) -> None:
    from exam_prep.item_analysis import items

    with theory_cohort.app_context():
        analysis = {f.version.question_id: f for f in items.analyse().items}
    # Eight attempts each: every version is shown (threshold 5).
    assert {q: f.attempts for q, f in analysis.items()} == dict.fromkeys(ORDER, 8)

    # I1: right c2 c6 c7 c8 → facility 4/8 = 0.5.
    # Rest score (total − I1): c1 2, c2 3, c3 1, c4 1, c5 2, c6 2, c7 3, c8 2.
    # Groups of round(0.27 × 8) = round(2.16) = 2: upper c2, c7 (rest 3; the next is 2),
    # lower c3, c4 (rest 1; the next is 2). D = 2/2 − 0/2 = 1.0.
    # r: x = 0 1 0 0 0 1 1 1 (mean 0.5), y = 2 3 1 1 2 2 3 2 (mean 2); y − 2 = 0 1 −1 −1 0 0 1 0;
    # Sxy = 0.5·1 (c2) + (−0.5)(−1) (c3) + (−0.5)(−1) (c4) + 0.5·1 (c7) = 2; Sxx = 8 · 0.25 = 2;
    # Syy = 1 + 1 + 1 + 1 = 4; r = 2 / √(2 · 4) = 0.7071. (Rest shares are y/5: r is the same.)
    first = analysis[I1]
    assert first.facility == pytest.approx(0.5)
    assert first.group_size == 2
    assert first.discrimination == pytest.approx(1.0)
    assert first.point_biserial == pytest.approx(2 / math.sqrt(8))
    assert first.flags == []

    # I2: right c3 c4 c5 → facility 3/8 = 0.375.
    # Rest (total − I2): c1 2, c2 4, c3 0, c4 0, c5 1, c6 3, c7 4, c8 3.
    # Upper c2, c7 (4; next 3), both wrong; lower c3, c4 (0; next 1), both right: D = 0 − 1 = −1.0.
    # r: Σxy = 1 (c5 only: c3, c4 have rest 0), n·x̄·ȳ = 8 · 0.375 · 2.125 = 6.375 → Sxy = −5.375;
    # Sxx = 8 · 0.375 · 0.625 = 1.875; Σy² = 4+16+0+0+1+9+16+9 = 55, Syy = 55 − 8 · 2.125² = 18.875;
    # r = −5.375 / √(1.875 · 18.875) = −5.375 / 5.94900 = −0.90351.
    second = analysis[I2]
    assert second.facility == pytest.approx(0.375)
    assert second.discrimination == pytest.approx(-1.0)
    assert second.point_biserial == pytest.approx(-5.375 / math.sqrt(1.875 * 18.875))
    assert second.point_biserial == pytest.approx(-0.90351, abs=1e-5)
    # The strong candidates (c2, c7) both picked distractor 3, none the key 2.
    assert second.flags == ["negative", "key_rejected"]


def test_options_are_counted_in_the_bank_numbering(theory_cohort: Flask) -> None:
    from exam_prep.item_analysis import items

    with theory_cohort.app_context():
        analysis = {f.version.question_id: f for f in items.analyse().items}
    # I1 (shown in reverse order 4 3 2 1): option 1 by c2 c6 c7 c8, 2 by c1 c3, 3 by c4, none 4;
    # c5 did not answer. Upper group c2 c7: option 1 twice; lower group c3 c4: option 2 once, 3 once.
    first = analysis[I1]
    assert [(o.number, o.is_key, o.picked, o.upper, o.lower) for o in first.options] == [
        (1, True, 4, 2, 0), (2, False, 2, 0, 1), (3, False, 1, 0, 1), (4, False, 0, 0, 0)]
    assert [o.share for o in first.options] == [0.5, 0.25, 0.125, 0.0]
    assert first.unanswered == 1
    # I2 (key 2): option 1 by c1 c6, 2 by c3 c4 c5, 3 by c2 c7 c8; upper c2 c7 → 3, 3; lower c3 c4 → 2, 2.
    assert [(o.number, o.is_key, o.picked, o.upper, o.lower) for o in analysis[I2].options] == [
        (1, False, 2, 0, 0), (2, True, 3, 0, 2), (3, False, 3, 2, 0)]
    # Not a choice question: no options.
    assert analysis[I4].options is None


def test_the_analysis_pages_show_the_figures(theory_cohort: Flask) -> None:
    client = sign_in(theory_cohort)
    page = client.get("/instructor/analysis").get_data(as_text=True)
    assert "응시가 5회 이상인 문항만" in page
    first = figures_on(page, I1)
    assert (first["응시"], first["정답률"], first["변별도(D)"], first["상관계수(r)"]) == ("8", "50%", "1.00", "0.71")
    second = figures_on(page, I2)
    assert (second["정답률"], second["변별도(D)"], second["상관계수(r)"]) == ("38%", "-1.00", "-0.90")
    assert "변별도 음수" in second["살펴볼 점"] and "상위 집단이 오답을 더 고름" in second["살펴볼 점"]
    assert figures_on(page, I1)["살펴볼 점"] == ""

    flagged = client.get("/instructor/analysis?flagged=1").get_data(as_text=True)
    assert I2 in flagged and I1 not in flagged
    assert I2 not in client.get("/instructor/analysis?type=ox").get_data(as_text=True)

    version = current_version(theory_cohort, I2)
    detail = client.get(f"/instructor/analysis/{version.id}").get_data(as_text=True)
    assert re.search(r'id="facility">38%<', detail) and re.search(r'id="discrimination">-1.00<', detail)
    option3 = re.search(r'<tr class="" data-option="3">(.*?)</tr>', detail, flags=re.DOTALL).group(1)
    assert re.search(r'class="picked">3 \(38%\)<', option3) and re.search(r'class="upper">2<', option3)
    assert "상위 집단이 정답보다 다른 보기를 더 많이 골랐습니다" in detail
    assert "보이지 않음으로 표시한다" in detail  # the key's text, in Korean as the bank has it


def test_frequent_wrong_answers_of_ox_and_short_questions(theory_cohort: Flask) -> None:
    from exam_prep.item_analysis import items

    with theory_cohort.app_context():
        wrong = {q: items.frequent_wrong_answers(db.session.get(QuestionVersion, current_version(theory_cohort, q).id))
                 for q in (I1, I4, I5)}
    assert wrong[I4] == [("X", 5)]          # c1 c2 c3 c4 c5 answered X to a true statement
    assert wrong[I5] == [("틀린 답", 4)]    # c3 c4 c6 c8
    assert wrong[I1] == []                  # a choice question has its option table instead
    client = sign_in(theory_cohort)
    page = client.get(f"/instructor/analysis/{current_version(theory_cohort, I5).id}").get_data(as_text=True)
    assert re.search(r'<td class="mono">틀린 답</td><td>4</td>', page)


def test_under_the_threshold_a_question_is_only_counted(app: Flask) -> None:
    add_theory6_exam(app)
    for name in ("c1", "c2", "c3", "c4"):  # four attempts: under 5
        take(app, name, THEORY6, theory_answers(name), ORDER)
    client = sign_in(app)
    page = client.get("/instructor/analysis").get_data(as_text=True)
    assert "응시가 아직 5회 미만인 문항(버전)이 6개 더 있습니다" in page
    assert I1 not in page
    version = current_version(app, I1)
    detail = client.get(f"/instructor/analysis/{version.id}").get_data(as_text=True)
    assert "끝난 응시가 4회뿐입니다" in detail


def test_bad_filters_are_refused_in_korean(app: Flask) -> None:
    client = sign_in(app)
    for url in ("/instructor/analysis?level=7", "/instructor/analysis?type=nope"):
        response = client.get(url)
        assert response.status_code == 400 and "요청" in response.get_data(as_text=True)
    assert client.get("/instructor/analysis/999999").status_code == 404


# --- a labeling exercise ------------------------------------------------------------------

PRACTICE = ["t2-prac-bbox", "t2-prac-polygon", "t2-prac-keypoints", "t2-prac-classify", "t2-prac-spans",
            "t2-prac-ocr"]
# t2-prac-bbox: reference 1 = square [20, 30, 50, 60], reference 2 = circle [110, 40, 60, 60].
SQUARE = [20, 30, 50, 60]
BBOX_ANSWERS: dict[str, Any] = {
    "p1": {"shapes": [{"label": "square", "box": SQUARE}]},                # square found, tight
    "p2": {"shapes": [{"label": "square", "box": [15, 25, 60, 70]}]},      # IoU 3000/4200 = 0.71: loose
    "p3": {"shapes": [{"label": "circle", "box": SQUARE}]},                # square given the label 원
    "p4": {"shapes": []},                                                   # nothing drawn
    "p5": None,                                                             # never answered
}


@pytest.fixture
def labeling_cohort(app: Flask) -> Flask:
    for name, response in BBOX_ANSWERS.items():
        take(app, name, "practice", {} if response is None else {"t2-prac-bbox": response}, PRACTICE)
    return app


def test_labeling_analysis_of_seeded_boxes(labeling_cohort: Flask) -> None:
    from exam_prep.item_analysis import exercise_figures

    version = current_version(labeling_cohort, "t2-prac-bbox")
    with labeling_cohort.app_context():
        figures = exercise_figures(db.session.get(QuestionVersion, version.id))
    assert figures.kind == "shapes" and figures.attempts == 5
    # Points: p1 and p2 1 matched of (1 matched + 1 missed) = 0.5 each; p3 0/2; p4, p5 0 → 1.0 / 5.
    assert figures.mean_score == pytest.approx(0.2)
    square, circle = figures.objects
    # Nobody found the circle: missed 5/5.
    assert (circle.index, circle.name, circle.missed) == (2, "원", 1.0)
    # The square: missed by p4 and p5 (2/5), wrong label by p3 (1/5); of the 2 matched, p2's is loose.
    assert (square.name, square.missed, square.wrong_label, square.loose) == ("사각형", 0.4, 0.2, 0.5)
    assert (figures.matched_pairs, figures.loose_pairs, figures.loose_iou) == (2, 1, 0.8)
    assert figures.confusions == [("사각형", "원", 1)]
    assert [(h.index, h.percent, h.level, h.box) for h in figures.heat] == [
        (1, 40, 2, SQUARE), (2, 100, 4, [110, 40, 60, 60])]


def test_the_labeling_page_draws_the_heat_overlay(labeling_cohort: Flask) -> None:
    client = sign_in(labeling_cohort)
    version = current_version(labeling_cohort, "t2-prac-bbox")
    page = client.get(f"/instructor/analysis/{version.id}").get_data(as_text=True)
    svg = re.search(r'<svg class="heat-svg".*?</svg>', page, flags=re.DOTALL).group(0)
    assert '<image href="/media/' in svg, svg
    # Each reference box is filled by its colour step AND labelled with its number and percentage.
    assert re.search(r'<g class="heat heat-2 reference">.*?<rect x="20" y="30" width="50" height="60">'
                     r'.*?>1: 40%</text>', svg, flags=re.DOTALL), svg
    assert re.search(r'<g class="heat heat-4 reference">.*?<rect x="110".*?>2: 100%</text>', svg, flags=re.DOTALL)
    assert 'id="mean-score">20%<' in page
    missed = dict(re.findall(r'data-object="(\d)">.*?class="missed">([^<]+)<', page, flags=re.DOTALL))
    assert missed == {"1": "40%", "2": "100%"}
    assert "IoU 0.8 미만" in page and re.search(r"<td>사각형</td><td>원</td><td>1</td>", page)


def test_the_other_labeling_types_have_their_analysis(labeling_cohort: Flask) -> None:
    """Keypoints, classify, spans and ocr items were left unanswered by everyone: every reference
    counts as missed, and each page still renders its own tables."""
    client = sign_in(labeling_cohort)
    for question_id, marker in (("t2-prac-keypoints", "점별 평균 OKS"), ("t2-prac-classify", "이미지별"),
                                ("t2-prac-spans", "정답 개체명별"), ("t2-prac-ocr", "정답 개체별"),
                                ("t2-prac-polygon", "정답 개체별")):
        version = current_version(labeling_cohort, question_id)
        page = client.get(f"/instructor/analysis/{version.id}").get_data(as_text=True)
        assert marker in page, question_id
        assert 'id="mean-score">0%<' in page, question_id


def test_keypoint_joints_get_their_mean_oks(app: Flask) -> None:
    from exam_prep.item_analysis import exercise_figures

    # Reference: top_left (20, 30), bottom_right (70, 90), back hidden. One candidate exact with
    # the hidden point marked hidden, one who guessed the hidden point and placed nothing else.
    take(app, "k1", "practice", {"t2-prac-keypoints": {"instances": [
        {"label": "shape", "points": [[20, 30], [70, 90], "hidden"]}]}}, PRACTICE)
    take(app, "k2", "practice", {"t2-prac-keypoints": {"instances": [
        {"label": "shape", "points": [[20, 30], None, [50, 50]]}]}}, PRACTICE)
    version = current_version(app, "t2-prac-keypoints")
    with app.app_context():
        figures = exercise_figures(db.session.get(QuestionVersion, version.id))
    # k1: OKS 1 (all three 1); k2: (1 + 0 + 0) / 3 = 0.33 ≥ 0.5? No: under the 0.5 threshold, k2's
    # instance is not paired, so the reference counts as missed and each of its points as 0.
    # Mean per joint: top_left (1 + 0)/2 = 0.5, bottom_right 0.5, back 0.5.
    assert [(j["name"], j["oks"]) for j in figures.joints] == [("왼쪽 위", 0.5), ("오른쪽 아래", 0.5), ("뒷면", 0.5)]
    assert figures.objects[0].missed == 0.5
    # The heat marks the two visible reference points only.
    assert [(h.index, h.point, h.percent) for h in figures.heat] == [(1, (20.0, 30.0), 50), (2, (70.0, 90.0), 50)]


# --- an inspection exercise ----------------------------------------------------------------

# t1-insp-bbox: label 1 right; planted errors: label 2 not_tight, label 3 wrong_class, a missed triangle.
INSPECTIONS = {
    "i1": {"judgements": [{"label": 1, "decision": "reject", "reason": "not_tight"},
                          {"label": 2, "decision": "reject", "reason": "not_tight"},
                          {"label": 3, "decision": "approve"}], "missed": [], "verdict": "reject"},
    "i2": {"judgements": [{"label": 1, "decision": "approve"},
                          {"label": 2, "decision": "reject", "reason": "wrong_class"},
                          {"label": 3, "decision": "approve"}], "missed": [], "verdict": "reject"},
    "i3": {"judgements": [{"label": n, "decision": "approve"} for n in (1, 2, 3)], "missed": [],
           "verdict": "approve"},
}


def seed_inspections(app: Flask) -> Flask:
    """Three candidates pass level2, then inspect t1-insp-bbox as INSPECTIONS says."""
    for name, response in INSPECTIONS.items():
        user = Candidate(app.test_client(), name).register()
        state = start_level1(app, user)
        item = next(i for i in state["items"] if i["type"] == "inspect" and i["task"] == "bbox")
        assert user.save(state["id"], item["id"], response, seq=1).status_code == 200
        user.submit(state["id"])
    return app


@pytest.fixture
def inspection_cohort(app: Flask) -> Flask:
    return seed_inspections(app)


def test_inspection_analysis_finds_the_error_nobody_flags(inspection_cohort: Flask) -> None:
    from exam_prep.item_analysis import exercise_figures, inspection

    version = current_version(inspection_cohort, "t1-insp-bbox")
    with inspection_cohort.app_context():
        figures = exercise_figures(db.session.get(QuestionVersion, version.id))
    assert isinstance(figures, inspection.InspectionFigures) and figures.attempts == 3
    one, two, three = figures.labels
    assert (one.planted, one.rejected) == (None, pytest.approx(1 / 3))        # i1 rejected a right label
    assert (two.planted, two.unnoticed, two.wrong_reason) == ("not_tight", pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert (three.planted, three.unnoticed) == ("wrong_class", 1.0)           # nobody noticed it
    assert [(m.number, m.name, m.unnoticed) for m in figures.missed_objects] == [(1, "삼각형", 1.0)]
    assert figures.verdict_right == pytest.approx(2 / 3)

    client = sign_in(inspection_cohort)
    page = client.get(f"/instructor/analysis/{version.id}").get_data(as_text=True)
    row3 = re.search(r'data-label-number="3".*?</tr>', page, flags=re.DOTALL).group(0)
    assert 'class="unnoticed">100%<' in row3 and "클래스" in row3
    row1 = re.search(r'data-label-number="1".*?</tr>', page, flags=re.DOTALL).group(0)
    assert 'class="rejected">33%<' in row1 and "없음 (올바른 라벨)" in row1
    assert 'id="verdict-right">67%<' in page
    svg = re.search(r'<svg class="heat-svg".*?</svg>', page, flags=re.DOTALL).group(0)
    assert re.search(r'<g class="heat heat-4 planted">.*?>3: 100%</text>', svg, flags=re.DOTALL)
    assert re.search(r'<g class="heat heat-4 missed_object">.*?>빠진 개체 1: 100%</text>', svg, flags=re.DOTALL)


# --- who may see it -----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/instructor/analysis", "/instructor/analysis/1"])
def test_candidates_get_403_and_visitors_the_login(app: Flask, client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    Candidate(app.test_client(), "그냥수험생").register()
    candidate = sign_in(app, "그냥수험생", instructor=False)
    assert candidate.get(url).status_code == 403


def test_spans_missed_entity_types_and_label_confusion(app: Flask) -> None:
    from exam_prep.item_analysis import exercise_figures

    # Text "😀 홍길동은 서울에서 일한다. 서울은 크다.": 홍길동 [2, 5) PER, 서울 [7, 9) and [17, 19) LOC.
    # s1 tags everything right; s2 tags 홍길동 right, the first 서울 as 인물, and skips the second.
    take(app, "s1", "practice", {"t2-prac-spans": {"spans": [
        {"start": 2, "end": 5, "label": "PER"}, {"start": 7, "end": 9, "label": "LOC"},
        {"start": 17, "end": 19, "label": "LOC"}]}}, PRACTICE)
    take(app, "s2", "practice", {"t2-prac-spans": {"spans": [
        {"start": 2, "end": 5, "label": "PER"}, {"start": 7, "end": 9, "label": "PER"}]}}, PRACTICE)
    version = current_version(app, "t2-prac-spans")
    with app.app_context():
        figures = exercise_figures(db.session.get(QuestionVersion, version.id))
    assert figures.kind == "spans"
    assert [(o.name, o.label, o.missed, o.wrong_label) for o in figures.objects] == [
        ("홍길동", "인물", 0.0, 0.0), ("서울", "장소", 0.5, 0.5), ("서울", "장소", 0.5, 0.0)]
    # Entity types: 장소 missed in (0.5 + 0.5) / 2 = 0.5 on average, 인물 never.
    assert figures.by_label == [("장소", 2, 0.5), ("인물", 1, 0.0)]
    assert figures.confusions == [("장소", "인물", 1)]
    # s1: F1 1; s2: TP 1 of 2 candidates and 3 references: P 1/2, R 1/3, F1 = 2·(1/6)/(5/6) = 0.4.
    assert figures.mean_score == pytest.approx((1 + 0.4) / 2)
    page = sign_in(app).get(f"/instructor/analysis/{version.id}").get_data(as_text=True)
    assert re.search(r'<tr data-by-label="장소"><td>장소</td><td>2</td><td class="missed">50%</td>', page)


def test_practice_sets_do_not_count_in_the_analysis(theory_cohort: Flask) -> None:
    """A practice set's items may be checked and retried: they are not a test, so neither the item
    figures nor the hub's exam figures count them."""
    from exam_prep import instructor_stats
    from exam_prep.item_analysis.items import analyse_version
    from exam_prep.practice.service import start_practice

    app = theory_cohort
    version = current_version(app, I1)
    with app.app_context():
        before = analyse_version(db.session.get(QuestionVersion, version.id)).attempts
        exams_before = instructor_stats.overview().attempt_stats
    practising = Candidate(app.test_client(), "연습만하는사람").register()
    with app.app_context():
        from exam_prep.accounts import find_user
        from exam_prep.exams.lifecycle import finish_attempt

        practice = finish_attempt(start_practice(find_user("연습만하는사람"), question_ids=[I1]).id, "submitted")
        assert practice.mode == "practice" and practice.status == "finished"
        assert analyse_version(db.session.get(QuestionVersion, version.id)).attempts == before
        assert instructor_stats.overview().attempt_stats == exams_before
    assert practising
