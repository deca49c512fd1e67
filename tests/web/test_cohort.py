"""The cohort page and its CSV: candidates with their attempts, pass rates per exam, share right
per domain; the CSV opens in Excel (BOM) and cannot run formulas."""
from __future__ import annotations

import csv
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import CSRF_META, Candidate, answer_all
from tests.web.test_item_analysis import sign_in

# level2 draws two basics questions (items 1 and 2) and then two labeling ones (3 and 4);
# answer_all answers the first `correct` items right.
COHORT = {"가나다": [2, 4], "라마바": [3], "-cmd": [0], "무응시": []}


@pytest.fixture
def cohort_app(app: Flask) -> Flask:
    for name, attempts in COHORT.items():
        user = Candidate(app.test_client(), name).register()
        for correct in attempts:
            state = user.start("level2")
            answer_all(app, user, state, correct)
            user.submit(state["id"])
    # An instructor's own try is not part of the cohort.
    teacher = sign_in(app, "시험강사")
    token = CSRF_META.search(teacher.get("/help").get_data(as_text=True)).group(1)
    started = teacher.post("/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": token})
    assert started.status_code == 201
    teacher.post(f"/api/v1/attempts/{started.get_json()['id']}/submit", headers={"X-CSRFToken": token})
    return app


def rows(page: str, table_class: str) -> list[dict[str, str]]:
    body = re.search(rf'<table class="stack {table_class}">.*?<tbody>(.*?)</tbody>', page, flags=re.DOTALL).group(1)
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.DOTALL):
        cells = re.findall(r'<td data-label="([^"]+)"[^>]*>(.*?)</td>', row, flags=re.DOTALL)
        found.append({k: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", v)).strip() for k, v in cells})
    return found


def test_candidates_with_their_attempts(cohort_app: Flask) -> None:
    client = sign_in(cohort_app)
    page = client.get("/instructor/cohort").get_data(as_text=True)
    assert "응시자 4명" in page
    table = {r["아이디"]: r for r in rows(page, "cohort-table")}
    # 가나다: 50 then 100 → 2 attempts, best 100, last 100, passed.
    assert [table["가나다"][k] for k in ("시험", "응시 횟수", "최고 점수", "마지막 점수", "합격")] == [
        "테스트 2급", "2", "100점", "100점", "합격"]
    assert [table["라마바"][k] for k in ("응시 횟수", "최고 점수", "합격")] == ["1", "75점", "합격"]
    assert [table["-cmd"][k] for k in ("최고 점수", "합격")] == ["0점", "불합격"]
    assert table["무응시"]["시험"] == "끝난 응시 없음"
    assert "시험강사" not in table

    # level2: 4 finished attempts of candidates (the instructor's is left out), 2 passed = 50 %;
    # 3 candidates tried, 2 passed.
    level2 = re.search(r'<tr data-exam="level2">(.*?)</tr>', page, flags=re.DOTALL).group(1)
    assert re.search(r'class="rate">50%<', level2) and "2 / 3명" in level2
    # Share right per domain: basics 2 + 2 + 2 + 0 of 8 = 75 %; labeling 0 + 2 + 1 + 0 of 8 = 38 %.
    basics = re.search(r'<tr data-domain="basics">(.*?)</tr>', page, flags=re.DOTALL).group(1)
    labeling = re.search(r'<tr data-domain="labeling">(.*?)</tr>', page, flags=re.DOTALL).group(1)
    assert "기초" in basics and re.search(r'class="share">75%<', basics)
    assert "라벨링" in labeling and re.search(r'class="share">38%<', labeling)


def test_search_filter_and_pages(cohort_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    from exam_prep.item_analysis import cohort

    client = sign_in(cohort_app)
    found = rows(client.get("/instructor/cohort?q=가나").get_data(as_text=True), "cohort-table")
    assert [r["아이디"] for r in found] == ["가나다"]
    monkeypatch.setattr(cohort, "PAGE_SIZE", 3)
    first = client.get("/instructor/cohort").get_data(as_text=True)
    second = client.get("/instructor/cohort?page=2").get_data(as_text=True)
    assert [r["아이디"] for r in rows(first, "cohort-table")] == ["-cmd", "가나다", "라마바"]
    assert [r["아이디"] for r in rows(second, "cohort-table")] == ["무응시"]
    assert "1 / 2쪽" in first and "/instructor/cohort?page=2" in first
    assert client.get("/instructor/cohort?exam=nope").status_code == 400
    level1_only = client.get("/instructor/cohort?exam=level1").get_data(as_text=True)
    assert all(r["시험"] == "끝난 응시 없음" for r in rows(level1_only, "cohort-table"))


def test_csv_export_opens_in_excel_and_runs_no_formula(cohort_app: Flask) -> None:
    client = sign_in(cohort_app)
    response = client.get("/instructor/cohort.csv")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="cohort.csv"'
    assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Korean right
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert table[0] == ["아이디", "계정 상태", "시험", "응시 횟수", "최고 점수", "마지막 점수", "합격 여부",
                        "마지막 응시 (한국 시간)"]
    body = [row[:7] for row in table[1:]]
    assert body == [
        ["'-cmd", "사용 중", "테스트 2급", "1", "0.0", "0.0", "불합격"],  # a leading quote: not a formula
        ["가나다", "사용 중", "테스트 2급", "2", "100.0", "100.0", "합격"],
        ["라마바", "사용 중", "테스트 2급", "1", "75.0", "75.0", "합격"],
        ["무응시", "사용 중", "", "0", "", "", ""],
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", table[2][7])


@pytest.mark.parametrize("url", ["/instructor/cohort", "/instructor/cohort.csv"])
def test_only_instructors(app: Flask, client: FlaskClient, url: str) -> None:
    assert "/auth/login" in client.get(url).headers["Location"]
    Candidate(app.test_client(), "수험생9").register()
    assert sign_in(app, "수험생9", instructor=False).get(url).status_code == 403
