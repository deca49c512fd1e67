"""The instructor's question list (search, filters, pages, fast with 10,000 questions) and the
page of one question (as the candidate sees it, with its answer), and who may reach them."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, insert, update

from exam_prep.accounts import create_or_promote_instructor
from exam_prep.extensions import db
from exam_prep.models import QuestionVersion
from tests.conftest import PASSWORD, Candidate, make_app

ROW = re.compile(r'data-question="([^"]+)"')


def app_on(db_path: Path, bank: Path) -> Iterator[Flask]:
    """The app on a copy of the fixture bank (the editor writes into it, never the shipped one)."""
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(db_path: Path, bank: Path) -> Iterator[Flask]:
    yield from app_on(db_path, bank)


class Instructor(Candidate):
    """A signed-in instructor with the page's CSRF token."""

    def login(self, app: Flask) -> Instructor:
        with app.app_context():
            create_or_promote_instructor(self.username, PASSWORD)
        token = self.refresh_token()
        response = self.client.post("/auth/login", data={"csrf_token": token, "username": self.username,
                                                         "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        self.refresh_token()
        return self

    def page(self, url: str, status: int = 200) -> str:
        response = self.client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return response.get_data(as_text=True)

    def listed(self, query: str = "") -> list[str]:
        return ROW.findall(self.page(f"/instructor/questions{query}"))

    def post(self, url: str, data: dict | None = None, **kwargs):
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)


@pytest.fixture
def teacher(app: Flask) -> Instructor:
    return Instructor(app.test_client(), "선생님").login(app)


def add_questions(app: Flask, n: int, **overrides) -> None:
    """n current single-choice versions (bulk insert), ids q00000.. in order."""
    rows = [{"question_id": f"q{i:05d}", "version": 1, "type": "single", "level": 2, "domain": "basics",
             "difficulty": (i % 3) + 1, "content_hash": f"{i:064d}", "source_path": "level2/bulk.yaml",
             "is_current": True, "lint": None,
             "payload": {"id": f"q{i:05d}", "type": "single", "level": 2, "domain": "basics",
                         "question": f"대량 문항 {i}번", "options": ["가", "나"], "answer": 1,
                         "explanation": "해설"}, **overrides} for i in range(n)]
    with app.app_context():
        db.session.execute(insert(QuestionVersion), rows)
        db.session.commit()


# --- who may come in --------------------------------------------------------------------------

GET_ROUTES = ["/instructor/questions", "/instructor/questions/t2-basics-1", "/instructor/questions/new",
              "/instructor/questions/new?type=single", "/instructor/questions/t2-basics-1/edit",
              "/instructor/questions/t2-basics-1/duplicate", "/instructor/questions/t2-basics-1/history"]
POST_ROUTES = ["/instructor/questions/new", "/instructor/questions/t2-basics-1/edit",
               "/instructor/questions/t2-basics-1/retire", "/instructor/questions/preview",
               "/instructor/questions/t2-basics-1/history/1/restore"]


def test_signed_out_visitors_are_sent_to_the_login(client: FlaskClient) -> None:
    visitor = Candidate(client, "손님")
    token = visitor.refresh_token()
    for url in GET_ROUTES:
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], url
    for url in POST_ROUTES:
        response = client.post(url, data={"csrf_token": token, "type": "single"})
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], url


def test_candidates_get_403_everywhere(app: Flask, candidate: Candidate, bank: Path) -> None:
    before = (bank / "level2" / "basics.yaml").read_bytes()
    for url in GET_ROUTES:
        assert candidate.client.get(url).status_code == 403, url
    for url in POST_ROUTES:
        response = candidate.client.post(url, data={"csrf_token": candidate.token, "type": "single"})
        assert response.status_code == 403, url
    assert (bank / "level2" / "basics.yaml").read_bytes() == before


# --- the list ---------------------------------------------------------------------------------

def test_the_list_reads_as_korean_and_links_each_question(teacher: Instructor) -> None:
    page = teacher.page("/instructor/questions")
    assert teacher.listed() == sorted(teacher.listed())
    assert {"t2-basics-1", "t2-prac-bbox", "t1-insp-bbox"} <= set(teacher.listed())
    row = re.search(r'<li class="card question-row" data-question="t2-basics-2">(.*?)</li>', page, re.S).group(1)
    for shown in ("객관식(모두 고르기)", "기초", "2급", "난이도 미지정", "비지도학습 기법을 모두 고르시오."):
        assert shown in row, shown
    assert 'href="/instructor/questions/t2-basics-2"' in row
    assert ">multiple<" not in row and "basics" not in row.replace("t2-basics-2", "")


@pytest.mark.parametrize(("query", "expected"), [
    ("?level=1&type=single", ["t1-quality-1"]),
    ("?type=ox&level=2", ["t2-basics-3", "t2-label-3"]),
    ("?domain=basics&type=ox", ["t2-basics-3"]),
    ("?q=주성분", ["t2-basics-2"]),                     # in an option
    ("?q=SECRET-EXPLANATION-B3", ["t2-basics-3"]),       # in the explanation
    ("?q=비지도학습&level=2", ["t2-basics-2"]),           # in the question
    ("?q=t2-basics-1", ["t2-basics-1"]),                 # the id
    ("?q=100%25", []),                                   # % is a letter, not a wildcard
])
def test_search_and_filters(teacher: Instructor, query: str, expected: list[str]) -> None:
    assert teacher.listed(query) == expected


def test_difficulty_lint_and_retired_filters(app: Flask, teacher: Instructor) -> None:
    with app.app_context():
        db.session.execute(update(QuestionVersion).values(lint=None))  # whatever the bank load found
        db.session.execute(update(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-2")
                           .values(lint=["level2/basics.yaml:10: 경고: 해설이 짧습니다"]))
        db.session.execute(update(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-3")
                           .values(lint=[]))
        db.session.execute(update(QuestionVersion).where(QuestionVersion.question_id == "t2-basics-1")
                           .values(is_current=False))
        db.session.commit()
    assert teacher.listed("?lint=1") == ["t2-basics-2"]
    assert "경고 1" in teacher.page("/instructor/questions?lint=1")
    assert teacher.listed("?difficulty=1&status=all") == ["t2-basics-1"]
    assert "t2-basics-1" not in teacher.listed()
    assert teacher.listed("?status=retired") == ["t2-basics-1"]
    assert "사용 중지됨" in teacher.page("/instructor/questions?status=retired")
    assert "t2-basics-1" in teacher.listed("?status=all")


def test_pages_of_fifty(app: Flask, teacher: Instructor) -> None:
    add_questions(app, 120)
    first = teacher.listed("?q=대량")
    assert first == [f"q{i:05d}" for i in range(50)]
    assert teacher.listed("?q=대량&page=3") == [f"q{i:05d}" for i in range(100, 120)]
    page = teacher.page("/instructor/questions?q=대량&page=2")
    assert "120개 문항" in page and "2 / 3쪽" in page
    assert re.search(r'href="[^"]*page=3[^"]*"[^>]*aria-label="3쪽"', page)
    assert 'aria-current="page" aria-label="2쪽"' in page
    # a page past the end shows the last; nonsense is ignored, never a 500
    assert teacher.listed("?q=대량&page=99") == teacher.listed("?q=대량&page=3")
    assert teacher.page("/instructor/questions?page=x&level=9&type=nope&difficulty=-1&status=zz")


@contextmanager
def statements(app: Flask) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_ten_thousand_questions_cost_one_page(app: Flask, teacher: Instructor) -> None:
    add_questions(app, 10_000)
    with statements(app) as seen:
        page = teacher.page("/instructor/questions?page=7&difficulty=2")
    assert len(ROW.findall(page)) == 50
    assert "3333개 문항" in page
    version_reads = [s for s in seen if "question_version" in s]
    # one count and one page of rows: no query per row, no read of every version
    assert len(version_reads) == 2, version_reads
    assert len(seen) <= 6, seen
    rows_query = next(s for s in version_reads if "LIMIT" in s)
    assert "OFFSET" in rows_query
    # the rows carry the question's text, not the whole payload
    assert not re.search(r"(?<!\()question_version\.payload(?!, \?)", rows_query.split("FROM")[0])


# --- one question -----------------------------------------------------------------------------

def test_the_question_page_shows_the_answer_as_the_review_does(teacher: Instructor) -> None:
    page = teacher.page("/instructor/questions/t2-basics-1")
    answer = re.search(r'<label class="option is-answer">.*?</label>', page, re.S).group(0)
    assert "정답 레이블" in answer and "checked" in answer
    for shown in ("SECRET-EXPLANATION-B1", "객관식(하나)", "기초", "2급", "쉬움", "basics.yaml"):
        assert shown in page, shown
    for action in ("수정", "복제", "변경 이력", "이 문항 사용 중지하기"):
        assert action in page
    assert re.search(r'<form method="post" action="/instructor/questions/t2-basics-1/retire">\s*'
                     r'<input type="hidden" name="csrf_token"', page)

    ox = teacher.page("/instructor/questions/t2-basics-3")
    assert re.search(r'class="option ox-option is-answer">\s*<input type="radio" name="item-2" value="true"', ox)


def test_labeling_and_inspection_pages_draw_the_reference(teacher: Instructor) -> None:
    bbox = teacher.page("/instructor/questions/t2-prac-bbox")
    assert '<svg class="review-svg"' in bbox and 'class="ref matched"' in bbox
    assert "놓침" not in re.sub(r"<ul class=\"legend.*?</ul>", "", bbox, flags=re.S)
    inspection = teacher.page("/instructor/questions/t1-insp-bbox")
    # every planted error (a loose box, a wrong class, a missed object) shown as caught, with its reason
    assert inspection.count("<td>잡아냄</td>") == 3 and "<td>놓친 오류</td>" not in inspection
    assert "반려: 헐거움" in inspection and "누락 객체 ✓" in inspection


def test_a_short_answer_page_shows_the_accepted_answers(teacher: Instructor) -> None:
    page = teacher.page("/instructor/questions/t2-label-1")
    shown = r'<input type="text" id="item-2-text" name="item-2" maxlength="200"\s+value="[^"]+" disabled'
    assert re.search(shown, page)
    assert "정답: <strong>" in page


def test_unknown_question_is_404(teacher: Instructor) -> None:
    teacher.page("/instructor/questions/no-such-question", 404)
    teacher.page("/instructor/questions/no-such-question/edit", 404)
    teacher.page("/instructor/questions/no-such-question/history", 404)


def test_every_question_shows_a_full_marks_answer() -> None:
    """The question page answers each question with its type's full_marks_response: for every
    question of the fixture bank (all types) it parses and earns full marks."""
    import random

    from exam_prep import questions
    from exam_prep.bank import load_bank
    from tests.conftest import FIXTURE_BANK

    app = make_app(Path("/nonexistent/unused.sqlite"))
    with app.app_context():
        bank = load_bank(FIXTURE_BANK)
        seen = set()
        for q in bank.questions:
            qtype = questions.get(q.schema.type)
            order = qtype.option_order(q.schema, False, random.Random(0))
            response = qtype.parse_response(qtype.full_marks_response(q.schema), order, q.schema)
            score = qtype.score(q.schema, response)
            assert score.points == score.max_points, (q.id, score)
            seen.add(q.schema.type)
    assert seen == set(questions.names())
