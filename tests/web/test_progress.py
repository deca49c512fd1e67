"""나의 학습 현황 (/progress) through HTTP: only finished mock exams of the level count, the chart
and its table carry the same figures, strengths match the items answered right, and the
readiness line says it in Korean with a practice link."""
from __future__ import annotations

import re
from collections import Counter
from html import unescape

from flask import Flask
from sqlalchemy import select, update

from exam_prep.extensions import db
from exam_prep.models import MODE_PRACTICE, Attempt, AttemptItem, QuestionVersion
from tests.conftest import Candidate, answer_all, correct_response


def finish(app: Flask, user: Candidate, exam: str, correct: int) -> dict:
    """A mock exam with its first ``correct`` items right and the others wrong (labeling: left empty)."""
    state = user.start(exam)
    answer_all(app, user, state, correct=correct)
    user.submit(state["id"])
    return state


def page_of(user: Candidate, query: str = "") -> str:
    response = user.client.get("/progress" + query)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def chart(page: str) -> str:
    return re.search(r'<svg class="score-chart".*?</svg>', page, flags=re.DOTALL).group(0)


def rows(page: str, table_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="{table_class}">(.*?)</table>', page, flags=re.DOTALL).group(1)
    body = table.split("<tbody>")[1]
    return [[" ".join(re.sub(r"<[^>]+>", " ", unescape(cell)).split())
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.DOTALL)]


def text(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|section)>', page, flags=re.DOTALL).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(found)).split())


def test_a_new_candidate_sees_a_friendly_empty_state(candidate: Candidate) -> None:
    page = page_of(candidate)
    assert "아직 끝낸 2급 모의고사가 없습니다" in page
    assert '<a class="button primary" href="/">모의고사 보러 가기</a>' in page
    assert 'href="/practice/new?level=2"' in page
    assert "<svg" not in page and 'id="readiness"' not in page
    assert "아직 끝낸 1급 모의고사가 없습니다" in page_of(candidate, "?level=1")


def test_the_page_needs_a_signed_in_candidate(client) -> None:
    response = client.get("/progress")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_a_malformed_or_unknown_level_is_a_4xx_with_a_korean_reason(candidate: Candidate) -> None:
    for query in ("?level=x", "?level=-1", "?level=1.5", "?level=99999999999999999999", "?level=%EF%BC%92"):
        response = candidate.client.get("/progress" + query)
        assert response.status_code == 400, query
        assert "급수는 2나 1 같은 숫자로 적어 주세요." in response.get_data(as_text=True)
    response = candidate.client.get("/progress?level=7")
    assert response.status_code == 404 and "7급 모의고사는 없습니다." in response.get_data(as_text=True)


def test_score_history_chart_pass_line_and_table(app: Flask, candidate: Candidate) -> None:
    for correct in (4, 1, 3):  # 100 (pass), 25 (fail), 75 (pass) of 4 items
        finish(app, candidate, "level2", correct)
    page = page_of(candidate, "?level=2")
    svg = chart(page)
    assert 'role="img"' in svg
    assert ('aria-label="점수 변화 그래프: 모의고사 3회, 가장 최근 75점, 가장 높은 점수 100점, 합격선 60점"'
            in svg)
    # x: 70 + 320 x i / 2; y: 40 + 200 x (100 - score) / 100
    assert '<polyline class="score-line" points="70,40 230,190 390,90"/>' in svg
    assert re.findall(r'<circle class="point (\w+)" cx="([\d.]+)" cy="([\d.]+)"', svg) == [
        ("passed", "70.0", "40.0"), ("failed", "230.0", "190.0"), ("passed", "390.0", "90.0")]
    assert '<line class="pass-line" x1="70.0" x2="390.0" y1="120.0" y2="120.0"/>' in svg
    assert ">합격선 60점</text>" in svg and ">응시 회차</text>" in svg and ">점수</text>" in svg
    assert re.findall(r'<text class="value"[^>]*>([^<]+)</text>', svg) == ["100", "25", "75"]
    table = rows(page, "score-table")
    assert [[r[0].split(" ")[0], r[1], r[2], r[3]] for r in table] == [
        ["3회", "테스트 2급", "75점", "합격"], ["2회", "테스트 2급", "25점", "불합격"],
        ["1회", "테스트 2급", "100점", "합격"]]
    assert all(re.fullmatch(r"\d회 \d{4}-\d\d-\d\d", r[0]) for r in table), table
    assert "style=" not in page  # the page's policy forbids inline styles: classes only
    assert text(page, "readiness-line").startswith("최근 모의고사 3회 중 2회 합격 —")
    assert "합격할 준비가 된 것으로 보입니다." in page


def test_only_the_candidates_finished_mock_exams_of_the_level_count(
        app: Flask, candidate: Candidate, other_candidate: Candidate) -> None:
    finish(app, candidate, "level2", 4)
    practised = finish(app, candidate, "level2", 0)
    with app.app_context():  # a finished practice set says nothing about readiness
        db.session.execute(update(Attempt).where(Attempt.id == practised["id"]).values(mode=MODE_PRACTICE))
        db.session.commit()
    candidate.start("level2")  # open, not finished
    finish(app, other_candidate, "level2", 0)
    page = page_of(candidate, "?level=2")
    assert "모의고사 1회, 가장 최근 100점" in chart(page)
    assert len(rows(page, "score-table")) == 1
    assert text(page, "readiness-line").startswith("최근 모의고사 1회 중 1회 합격 —")
    assert "아직 끝낸 1급 모의고사가 없습니다" in page_of(candidate, "?level=1")
    other = page_of(other_candidate)
    assert "모의고사 1회, 가장 최근 0점" in chart(other) and "최근 모의고사 1회 중 0회 합격" in other


def test_domain_strengths_match_the_items_answered_right(app: Flask, candidate: Candidate) -> None:
    attempts = [finish(app, candidate, "level2", correct) for correct in (3, 1)]
    right: Counter[str] = Counter()
    count: Counter[str] = Counter()
    with app.app_context():
        for state, correct in zip(attempts, (3, 1), strict=True):
            for position, domain in db.session.execute(
                    select(AttemptItem.position, QuestionVersion.domain).join(QuestionVersion)
                    .where(AttemptItem.attempt_id == state["id"])):
                count[domain] += 1
                right[domain] += position <= correct
    titles = {"basics": "기초", "labeling": "라벨링"}

    def share(domain: str) -> str:
        return f"{100 * right[domain] / count[domain]:.1f}".removesuffix(".0") + "%"

    order = sorted(count, key=lambda d: (right[d] / count[d], titles[d]))
    expected = [[titles[d], f"{share(d)} ({right[d]} / {count[d]})", "연습하기"] for d in order]
    page = page_of(candidate)
    assert rows(page, "strengths domain-strengths") == expected
    weakest = expected[0][0]
    assert text(page, "readiness-line") == f"최근 모의고사 2회 중 1회 합격 — {weakest} 영역을 더 연습하세요"
    key = _key(weakest)
    assert f'id="practice-weakest" href="/practice/new?level=2&amp;domain={key}"' in page
    assert f'href="/practice/new?level=2&amp;domain={key}" aria-label="{weakest} 연습하기"' in page


def _key(title: str) -> str:
    return {"기초": "basics", "라벨링": "labeling"}[title]


def test_labeling_types_show_mean_score_trend_and_the_commonest_mistake(app: Flask, candidate: Candidate) -> None:
    first = finish(app, candidate, "practice", 3)  # three exercises right, three left empty
    finish(app, candidate, "practice", 6)  # all six right
    left_empty = {item["type"] for item in first["items"][3:]}
    page = page_of(candidate)
    table = {row[0].split(" ")[0]: row for row in rows(page, "strengths type-strengths")}
    labels = {"bbox": "바운딩", "polygon": "폴리곤", "keypoints": "키포인트", "classify": "이미지",
              "spans": "개체명", "ocr": "문자"}
    assert set(table) == set(labels.values())
    for type_name, label in labels.items():
        row = table[label]
        if type_name in left_empty:  # 0 then 100: mean 50, better, what was missed
            assert row[1] == "50점 나아지는 중 0 → 100", row
            assert re.fullmatch(r"빠뜨린 대상 \(\d+번\)", row[2]), row
        else:
            assert row[1:] == ["100점 비슷함 100 → 100", "—"], row
    assert "영역별 정답률" not in page  # no theory item in these exams
    # The weakest area is a labeling type (50 points): its practice set by type.
    assert "실습을 더 연습하세요" in text(page, "readiness-line")
    assert re.search(r'id="practice-weakest" href="/practice/new\?level=2&amp;type=(\w+)"', page).group(1) in left_empty


def test_the_level1_page_shows_inspection_as_a_labeling_type(app: Flask, candidate: Candidate) -> None:
    finish(app, candidate, "level2", 4)
    finish(app, candidate, "level1", 2)  # theory right, both inspections left empty
    page = page_of(candidate, "?level=1")
    assert 'aria-current="page">1급</a>' in page
    inspection = rows(page, "strengths type-strengths")
    assert [r[0].split(" ")[0] for r in inspection] == ["검수"]
    assert inspection[0][1] == "0점 한 번 풀어 봄" and inspection[0][2].startswith("빠뜨린 대상 ("), inspection
    assert "<svg" in page and "모의고사 1회" in chart(page)


def test_a_practice_set_leaves_the_page_as_it_was_a_mock_exam_changes_it(app: Flask, candidate: Candidate) -> None:
    """As a new candidate would: a mock exam with wrong answers, a practice set of them (all right),
    then another mock exam. Only the mock exams move the chart and the figures."""
    finish(app, candidate, "level2", 1)
    before = page_of(candidate)
    practice = candidate.api("POST", "/api/v1/practice", {"level": 2, "types": ["ox", "single"], "size": None})
    assert practice.status_code == 201, practice.get_json()
    state = practice.get_json()
    for item in state["items"]:
        answer = correct_response(app, state["id"], item["id"])
        assert candidate.save(state["id"], item["id"], answer, seq=1).status_code == 200
        assert candidate.api("POST", f"/api/v1/practice/{state['id']}/items/{item['id']}/check").status_code == 200
    finished = candidate.api("POST", f"/api/v1/practice/{state['id']}/finish").get_json()
    assert finished["status"] == "finished" and finished["right"] == len(state["items"]) > 0
    after_practice = page_of(candidate)
    for part in ("score-table", "strengths domain-strengths"):
        assert rows(after_practice, part) == rows(before, part)
    assert chart(after_practice) == chart(before)

    finish(app, candidate, "level2", 4)
    after_exam = page_of(candidate)
    assert "모의고사 2회, 가장 최근 100점" in chart(after_exam)
    assert [r[2] for r in rows(after_exam, "score-table")] == ["100점", "25점"]
    assert rows(after_exam, "strengths domain-strengths") != rows(before, "strengths domain-strengths")
    assert text(after_exam, "readiness-line").startswith("최근 모의고사 2회 중 1회 합격 —")


def test_the_dashboard_shows_the_readiness_line_of_each_level_taken(app: Flask, candidate: Candidate) -> None:
    assert 'class="readiness-brief"' not in candidate.client.get("/").get_data(as_text=True)
    finish(app, candidate, "level2", 4)
    finish(app, candidate, "level2", 1)
    dashboard = candidate.client.get("/").get_data(as_text=True)
    line = text(dashboard, "readiness-2").replace(" :", ":")  # the link ends before the colon
    assert line == text(page_of(candidate, "?level=2"), "readiness-line").join(["2급 학습 현황: ", ""])
    assert line.startswith("2급 학습 현황: 최근 모의고사 2회 중 1회 합격 — ")
    assert '<a href="/progress?level=2">2급 학습 현황</a>' in dashboard
    assert 'id="readiness-1"' not in dashboard  # no level 1 exam finished
