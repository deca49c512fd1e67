"""The 오답노트 and bookmarks through HTTP: membership from finished exams, no answer before it is
earned, notes, filters, bookmarks, the retry set, the print stylesheet and the JSON API."""
from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from exam_prep.extensions import db
from exam_prep.models import AttemptItem, NotebookEntry
from exam_prep.notebook import service
from tests.conftest import Candidate, answer_all, wrong_response


def item_questions(app: Flask, attempt_id: int) -> dict[int, str]:
    """Item position → question id of an attempt."""
    with app.app_context():
        items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)).all()
        return {i.position: i.question.question_id for i in items}


def explanation_of(app: Flask, question_id: str) -> str:
    """The marker in a question's explanation."""
    from exam_prep.models import QuestionVersion

    with app.app_context():
        version = db.session.scalars(select(QuestionVersion).where(
            QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True))).one()
        # Every fixture explanation carries such a marker (its Markdown is rendered on the pages).
        return re.search(r"SECRET-EXPLANATION-[\w-]+", version.payload["explanation"]).group(0)


def entries(app: Flask, username: str) -> dict[str, NotebookEntry]:
    from exam_prep.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        rows = db.session.scalars(select(NotebookEntry).where(NotebookEntry.user_id == user.id)).all()
        db.session.expunge_all()
        return {e.question_id: e for e in rows}


def finished_exam(app: Flask, user: Candidate, correct: int = 1, leave_out: int | None = None) -> dict[str, Any]:
    """A finished level2 attempt: the first ``correct`` items right, the rest wrong (``leave_out``
    unanswered)."""
    state = user.start()
    answer_all(app, user, state, correct=correct)
    if leave_out is not None:
        assert user.save(state["id"], leave_out, None, seq=2).status_code == 200
    user.submit(state["id"])
    return state


def page(user: Candidate, url: str, status: int = 200) -> str:
    response = user.client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def post(user: Candidate, url: str, data: dict[str, Any], token: bool = True):
    return user.client.post(url, data={**data, **({"csrf_token": user.token} if token else {})})


# --- membership ----------------------------------------------------------------------------


def test_wrong_and_unanswered_items_of_a_finished_exam_are_in_the_notebook(app: Flask, candidate: Candidate) -> None:
    state = finished_exam(app, candidate, correct=1, leave_out=4)
    questions = item_questions(app, state["id"])
    notebook = entries(app, candidate.username)
    assert set(notebook) == {questions[2], questions[3], questions[4]}  # item 1 was right
    left_out = notebook[questions[4]]
    assert (left_out.misses, left_out.box, left_out.last_points, left_out.last_max_points) == (1, 1, 0.0, 1.0)

    html = page(candidate, "/notebook/")
    assert "오답노트에 3문항" in html and "오늘 다시 풀 문항이 3개 있습니다." in html
    assert html.count('class="card notebook-entry"') == 3
    assert html.count("오늘 다시 풀기") >= 3
    for position in (2, 3, 4):
        assert explanation_of(app, questions[position]) in html  # earned: the exam is finished
        assert f"/attempts/{state['id']}/result#review-{position}" in html  # how it was missed
    assert explanation_of(app, questions[1]) not in html


def test_a_first_miss_recorded_first_by_a_parallel_request_counts_on_its_entry(
        app: Flask, candidate: Candidate, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two attempts finishing at once both find no entry for a question: the one inserting
    second skips the row (ON CONFLICT DO NOTHING) and counts its miss on the other's entry."""
    real = service._insert_first_misses
    seen: list[set[str]] = []

    def racing(user_id, items, now):
        real(user_id, items, now)  # the parallel request inserts first
        seen.append(real(user_id, items, now))  # then this one: every row is there already
        return seen[-1]

    monkeypatch.setattr(service, "_insert_first_misses", racing)
    state = finished_exam(app, candidate, correct=1)
    questions = item_questions(app, state["id"])
    notebook = entries(app, candidate.username)
    assert seen == [set()]
    assert set(notebook) == {questions[2], questions[3], questions[4]}
    assert {entry.misses for entry in notebook.values()} == {2}  # its own insert, then this miss


def test_an_open_exam_puts_nothing_in_the_notebook_and_shows_no_answer(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    answer_all(app, candidate, state, correct=0)
    assert entries(app, candidate.username) == {}
    questions = item_questions(app, state["id"])
    # Kept during the exam: the bookmarks page shows the question but not its answer yet.
    kept = candidate.api("POST", "/api/v1/notebook/bookmarks", {"question_id": questions[1]})
    assert kept.status_code == 200 and kept.get_json() == {"question_id": questions[1], "bookmarked": True}
    html = page(candidate, "/notebook/bookmarks")
    assert "보관한 문항 1개" in html and "시험에서 마치거나 연습에서 확인한 뒤에" in html
    assert explanation_of(app, questions[1]) not in html
    listed = candidate.api("GET", "/api/v1/notebook/bookmarks").get_json()["bookmarks"]
    assert listed[0]["earned"] is False and "answer" not in listed[0]["question"]
    assert "explanation" not in listed[0]["question"]
    candidate.submit(state["id"])
    assert explanation_of(app, questions[1]) in page(candidate, "/notebook/bookmarks")
    listed = candidate.api("GET", "/api/v1/notebook/bookmarks").get_json()["bookmarks"]
    assert listed[0]["earned"] is True and listed[0]["question"]["answer"] is not None


def test_an_entry_right_on_two_days_moves_to_the_cleared_view(app: Flask, candidate: Candidate) -> None:
    from datetime import timedelta

    from exam_prep.models import User
    from exam_prep.timeutil import utcnow

    state = finished_exam(app, candidate, correct=0)
    questions = item_questions(app, state["id"])
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == candidate.username))
        item = db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == state["id"],
                                                           AttemptItem.position == 1))
        item.points = item.max_points  # as if answered right since (today, then two days later)
        service.record_result(user, item, utcnow())
        service.record_result(user, item, utcnow() + timedelta(days=2))
    html = page(candidate, "/notebook/")
    assert "오답노트에 3문항" in html
    cleared = page(candidate, "/notebook/cleared")
    assert "지난 항목 1개" in cleared and "다 익힘" in cleared
    assert explanation_of(app, questions[1]) in cleared
    api = candidate.api("GET", "/api/v1/notebook?view=cleared").get_json()
    assert [e["question_id"] for e in api["entries"]] == [questions[1]]
    assert api["entries"][0]["right_days"] == 2 and api["entries"][0]["cleared_at"]


# --- notes ---------------------------------------------------------------------------------


def test_the_note_is_saved_by_its_form_and_by_the_api(app: Flask, candidate: Candidate,
                                                      other_candidate: Candidate) -> None:
    finished_exam(app, candidate, correct=0)
    entry_id = min(e.id for e in entries(app, candidate.username).values())
    saved = post(candidate, f"/notebook/entries/{entry_id}/note",
                 {"note": "IoU는 <겹친 넓이>\r\n÷ 합친 넓이", "next": "/notebook/?page=1"})
    assert saved.status_code == 302 and saved.headers["Location"].endswith(f"/notebook/?page=1#entry-{entry_id}")
    html = page(candidate, "/notebook/")
    assert "IoU는 &lt;겹친 넓이&gt;\n÷ 합친 넓이</textarea>" in html  # escaped, line break kept
    assert "메모를 저장했습니다." in html

    assert post(candidate, f"/notebook/entries/{entry_id}/note", {"note": "x"}, token=False).status_code == 400
    too_long = post(candidate, f"/notebook/entries/{entry_id}/note", {"note": "가" * (service.NOTE_MAX + 1)})
    assert too_long.status_code == 400 and "메모는 2000자까지" in too_long.get_data(as_text=True)
    foreign = other_candidate.client.post(f"/notebook/entries/{entry_id}/note",
                                          data={"note": "남의 것", "csrf_token": other_candidate.token})
    assert foreign.status_code == 404
    offsite = post(candidate, f"/notebook/entries/{entry_id}/note", {"note": "a", "next": "//evil.example/"})
    assert offsite.headers["Location"].endswith(f"/notebook/#entry-{entry_id}")

    by_api = candidate.api("PUT", f"/api/v1/notebook/entries/{entry_id}/note", {"note": "  API 메모  "})
    assert by_api.status_code == 200 and by_api.get_json() == {"id": entry_id, "note": "API 메모"}
    assert other_candidate.api("PUT", f"/api/v1/notebook/entries/{entry_id}/note", {"note": "x"}).status_code == 404
    assert entries(app, candidate.username)[next(
        q for q, e in entries(app, candidate.username).items() if e.id == entry_id)].note == "API 메모"


@pytest.mark.parametrize(("body", "reason"), [
    ({"note": 3}, '{"note": "메모"}'), ({"note": "a", "x": 1}, '{"note": "메모"}'), ([], '{"note": "메모"}'),
    ({"note": "a\x00b"}, "제어 문자"), ({"note": "가" * 2001}, "2000자까지"),
])
def test_a_malformed_note_is_400_with_a_korean_reason(app: Flask, candidate: Candidate, body: Any, reason: str) -> None:
    finished_exam(app, candidate, correct=0)
    entry_id = min(e.id for e in entries(app, candidate.username).values())
    response = candidate.api("PUT", f"/api/v1/notebook/entries/{entry_id}/note", body)
    assert response.status_code == 400 and reason in response.get_json()["error"]


def test_api_refuses_malformed_requests_without_a_500(app: Flask, candidate: Candidate) -> None:
    finished_exam(app, candidate, correct=0)
    cases = [
        ("PUT", "/api/v1/notebook/entries/1/note", "not json", 400),
        ("PUT", "/api/v1/notebook/entries/99999999999999999999/note", {"note": "a"}, 404),
        ("PUT", "/api/v1/notebook/entries/424242/note", {"note": "a"}, 404),
        ("POST", "/api/v1/notebook/bookmarks", {"question_id": 5}, 400),
        ("POST", "/api/v1/notebook/bookmarks", {"question_id": ""}, 400),
        ("POST", "/api/v1/notebook/bookmarks", {"question_id": "없는-문항"}, 404),
        ("GET", "/api/v1/notebook?level=abc", None, 400),
        ("GET", "/api/v1/notebook?page=0", None, 400),
        ("GET", "/api/v1/notebook?view=all", None, 400),
        ("GET", "/api/v1/notebook?domain=" + "x" * 200, None, 400),
    ]
    for method, url, body, status in cases:
        if body == "not json":
            response = candidate.client.open(url, method=method, data="{", content_type="application/json",
                                             headers={"X-CSRFToken": candidate.token})
        else:
            response = candidate.api(method, url, body)
        assert response.status_code == status, (url, body, response.get_data(as_text=True))
        assert re.search(r"[가-힣]", response.get_json()["error"]), response.get_json()
    no_token = candidate.client.post("/api/v1/notebook/bookmarks", json={"question_id": "t2-basics-1"})
    assert no_token.status_code == 400 and "CSRF" in no_token.get_json()["error"]
    assert candidate.client.get("/notebook/?level=x").status_code == 400


def test_signed_out_visitors_are_sent_to_the_login(client) -> None:
    assert client.get("/notebook/").status_code == 302
    assert client.get("/api/v1/notebook").status_code == 401


# --- filters and the API listing -----------------------------------------------------------


def test_filters_by_level_domain_and_type(app: Flask, candidate: Candidate) -> None:
    state = finished_exam(app, candidate, correct=0)
    questions = item_questions(app, state["id"])
    listed = candidate.api("GET", "/api/v1/notebook").get_json()
    assert listed["total"] == 4 and listed["due"] == 4 and listed["pages"] == 1
    by_question = {e["question_id"]: e for e in listed["entries"]}
    assert set(by_question) == set(questions.values())
    domain = by_question[questions[1]]["domain"]
    kind = by_question[questions[1]]["type"]
    assert listed["filters"]["levels"] == [2] and domain in listed["filters"]["domains"]
    in_domain = {q for q, e in by_question.items() if e["domain"] == domain}
    of_type = {q for q, e in by_question.items() if e["type"] == kind}
    got = candidate.api("GET", f"/api/v1/notebook?domain={domain}").get_json()["entries"]
    assert {e["question_id"] for e in got} == in_domain
    got = candidate.api("GET", f"/api/v1/notebook?type={kind}&level=2").get_json()["entries"]
    assert {e["question_id"] for e in got} == of_type
    assert candidate.api("GET", "/api/v1/notebook?level=1").get_json()["total"] == 0

    html = page(candidate, f"/notebook/?domain={domain}")
    assert html.count('class="card notebook-entry"') == len(in_domain)
    assert '<option value="2" >2급</option>' in html or "2급</option>" in html
    titles = {"basics": "기초", "labeling": "라벨링"}
    assert f'selected>{titles[domain]}</option>' in html  # Korean names in the filters
    assert "이 조건에 맞는 문항이 없습니다." in page(candidate, "/notebook/?level=1")
    first = listed["entries"][0]
    assert first["question"]["answer"] is not None and first["question"]["explanation"]
    assert first["missed_in"] == {"attempt": state["id"], "item": first["missed_in"]["item"], "mode": "exam",
                                  "title": "테스트 2급", "url": first["missed_in"]["url"]}


# --- bookmarks -----------------------------------------------------------------------------


def test_bookmarks_from_the_result_page_and_their_removal(app: Flask, candidate: Candidate,
                                                           other_candidate: Candidate) -> None:
    state = finished_exam(app, candidate, correct=1)
    questions = item_questions(app, state["id"])
    result_url = f"/attempts/{state['id']}/result"
    html = page(candidate, result_url)
    assert html.count('class="button bookmark-button" aria-pressed="false"') == 4
    kept = post(candidate, "/notebook/bookmarks", {"question_id": questions[1], "next": f"{result_url}#review-1"})
    assert kept.status_code == 302 and kept.headers["Location"].endswith(f"{result_url}#review-1")
    html = page(candidate, result_url)
    assert html.count('aria-pressed="true"') == 1 and "보관 취소" in html
    bookmarks = page(candidate, "/notebook/bookmarks")
    assert "보관한 문항 1개" in bookmarks and explanation_of(app, questions[1]) in bookmarks  # a right one too
    # The other candidate never saw this attempt's questions through it, but may have seen them in their
    # own; ids alone reveal nothing: a question id never shown to them is 404.
    assert other_candidate.api("POST", "/api/v1/notebook/bookmarks", {"question_id": questions[1]}).status_code == 404
    assert "보관한 문항 0개" in page(other_candidate, "/notebook/bookmarks")

    removed = post(candidate, "/notebook/bookmarks", {"question_id": questions[1]})
    assert removed.status_code == 302 and removed.headers["Location"].endswith("/notebook/bookmarks")
    assert "보관한 문항 0개" in page(candidate, "/notebook/bookmarks")
    assert post(candidate, "/notebook/bookmarks", {"question_id": questions[1]}, token=False).status_code == 400
    assert post(candidate, "/notebook/bookmarks", {"question_id": ""}).status_code == 400


# --- retry ---------------------------------------------------------------------------------


def test_retry_makes_a_practice_set_of_the_due_questions(app: Flask, candidate: Candidate) -> None:
    from exam_prep.models import MODE_PRACTICE, Attempt

    empty = post(candidate, "/notebook/retry", {})
    assert empty.status_code == 302 and empty.headers["Location"].endswith("/notebook/")
    assert "지금 다시 풀 문항이 없습니다." in page(candidate, "/notebook/")
    assert candidate.api("POST", "/api/v1/notebook/retry").status_code == 409

    state = finished_exam(app, candidate, correct=2)
    wrong = {q for p, q in item_questions(app, state["id"]).items() if p > 2}
    assert post(candidate, "/notebook/retry", {}, token=False).status_code == 400
    started = post(candidate, "/notebook/retry", {})
    assert started.status_code == 302
    attempt_id = int(re.search(r"/practice/(\d+)$", started.headers["Location"]).group(1))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.mode == MODE_PRACTICE and attempt.rules["title"] == "오답노트 다시 풀기"
        assert {i.question.question_id for i in attempt.items} == wrong
    by_api = candidate.api("POST", "/api/v1/notebook/retry")
    assert by_api.status_code == 201 and by_api.get_json()["questions"] == 2
    assert by_api.get_json()["url"] == f"/practice/{by_api.get_json()['attempt']}"


def test_a_practice_set_finished_records_only_answered_items_not_checked(app: Flask, candidate: Candidate) -> None:
    from exam_prep.models import Attempt, User
    from exam_prep.practice import service as practice

    finished_exam(app, candidate, correct=4)  # all right: nothing in the notebook
    assert entries(app, candidate.username) == {}
    assert candidate.api("POST", "/api/v1/notebook/retry").status_code == 409
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == candidate.username))
        attempt = practice.start_practice(user, question_ids=["t2-basics-1", "t2-basics-2", "t2-basics-3"])
        attempt_id = attempt.id
        by_question = {i.question.question_id: i.position for i in attempt.items}
    # t2-basics-1 wrong and checked (recorded at its check), t2-basics-2 wrong and not checked,
    # t2-basics-3 not answered.
    for question_id in ("t2-basics-1", "t2-basics-2"):
        position = by_question[question_id]
        assert candidate.save(attempt_id, position, wrong_response(app, attempt_id, position), seq=1).status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == candidate.username))
        practice.check_item(user, attempt_id, by_question["t2-basics-1"])
        assert set(entries(app, candidate.username)) == {"t2-basics-1"}
        practice.finish_practice(user, attempt_id)
        assert db.session.get(Attempt, attempt_id).passed is None
    notebook = entries(app, candidate.username)
    assert set(notebook) == {"t2-basics-1", "t2-basics-2"}
    assert notebook["t2-basics-1"].misses == 1  # not counted twice
    assert notebook["t2-basics-2"].attempt_item_id is not None


# --- print ---------------------------------------------------------------------------------


def test_the_print_stylesheet_is_linked_and_hides_the_navigation(app: Flask, candidate: Candidate) -> None:
    finished_exam(app, candidate, correct=0)
    html = page(candidate, "/notebook/")
    link = re.search(r'<link rel="stylesheet" href="([^"]*print-notebook\.css[^"]*)" media="print">', html)
    assert link, "print stylesheet not linked"
    response = candidate.client.get(link.group(1))
    css = response.get_data(as_text=True)
    response.close()
    hidden = css.split("{")[0]
    for selector in (".site-header", ".site-nav", ".note-form", ".entry-actions", "button"):
        assert selector in hidden
    assert "display: none !important" in css.split("}")[0]
    assert re.search(r"\.note-print \{ display: block", css)
    assert 'class="note-print"' not in html  # no note yet: nothing to print for it
    entry_id = min(e.id for e in entries(app, candidate.username).values())
    post(candidate, f"/notebook/entries/{entry_id}/note", {"note": "인쇄할 메모"})
    assert '<p class="note-text">인쇄할 메모</p>' in page(candidate, "/notebook/")


# --- due dates and pages -------------------------------------------------------------------


def test_a_right_answer_today_shows_three_days_and_pages_keep_their_filters(
        app: Flask, candidate: Candidate, monkeypatch: pytest.MonkeyPatch) -> None:
    from exam_prep.models import User

    state = finished_exam(app, candidate, correct=0)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == candidate.username))
        item = db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == state["id"],
                                                           AttemptItem.position == 1))
        item.points = item.max_points
        service.record_result(user, item)
    html = page(candidate, "/notebook/")
    assert "오늘 다시 풀 문항이 3개 있습니다." in html and html.count("3일 뒤 다시 풀기") == 1
    listed = candidate.api("GET", "/api/v1/notebook").get_json()
    assert listed["due"] == 3 and [e["due_in_days"] for e in listed["entries"]] == [0, 0, 0, 3]

    monkeypatch.setattr(service, "PAGE_SIZE", 2)
    first = page(candidate, "/notebook/?level=2")
    assert first.count('class="card notebook-entry"') == 2 and "1 / 2쪽" in first
    assert 'href="/notebook/?page=2&amp;level=2"' in first and "이전 쪽" not in first
    second = page(candidate, "/notebook/?level=2&page=2")
    assert second.count('class="card notebook-entry"') == 2 and "3일 뒤 다시 풀기" in second
    ids = lambda html: set(re.findall(r'id="entry-(\d+)"', html))  # noqa: E731
    assert not ids(first) & ids(second)
    assert "2 / 2쪽" in page(candidate, "/notebook/?level=2&page=9")  # past the end: the last page
    api = candidate.api("GET", "/api/v1/notebook?page=2").get_json()
    assert (api["page"], api["pages"], api["total"], len(api["entries"])) == (2, 2, 4, 2)


def test_labeling_items_left_out_are_in_the_notebook_with_their_review_picture(app: Flask,
                                                                               candidate: Candidate) -> None:
    state = candidate.start("practice")  # the fixture's practical exam: six labeling types
    candidate.submit(state["id"])
    html = page(candidate, "/notebook/")
    assert "오답노트에 6문항" in html and html.count('class="labeling-review"') >= 4
    assert "답하지 않음 (0점)" in html
    only_bbox = page(candidate, "/notebook/?type=bbox")
    assert only_bbox.count('class="card notebook-entry"') == 1 and "바운딩 박스" in only_bbox


def test_the_bookmark_button_says_which_state_it_wants(app: Flask, candidate: Candidate) -> None:
    """The page's button posts keep=1 or keep=0: a second tab or a double click cannot flip it back."""
    state = finished_exam(app, candidate, correct=1)
    question = item_questions(app, state["id"])[2]
    for _ in range(2):
        assert post(candidate, "/notebook/bookmarks", {"question_id": question, "keep": "1"}).status_code == 302
        assert "보관한 문항 1개" in page(candidate, "/notebook/bookmarks")
    for _ in range(2):
        assert post(candidate, "/notebook/bookmarks", {"question_id": question, "keep": "0"}).status_code == 302
        assert "보관한 문항 0개" in page(candidate, "/notebook/bookmarks")
    refused = post(candidate, "/notebook/bookmarks", {"question_id": question, "keep": "yes"})
    assert refused.status_code == 400 and "keep은 0 또는 1" in refused.get_data(as_text=True)
    assert 'name="keep" value="1"' in page(candidate, f"/attempts/{state['id']}/result")


def test_any_body_or_query_gets_a_4xx_or_a_200_never_a_500(app: Flask, candidate: Candidate) -> None:
    """Arbitrary JSON at the note and bookmark endpoints, arbitrary query values at the listing."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tests.strategies import json_values

    texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)  # a URL cannot carry a surrogate

    finished_exam(app, candidate, correct=0)
    entry_id = min(e.id for e in entries(app, candidate.username).values())

    @settings(max_examples=150, deadline=None, database=None)
    @given(body=json_values({"note", "question_id"}), query=st.dictionaries(
        st.sampled_from(["level", "domain", "type", "page", "view"]), texts, max_size=4))
    def hostile(body: Any, query: dict[str, str]) -> None:
        for method, url in (("PUT", f"/api/v1/notebook/entries/{entry_id}/note"),
                            ("POST", "/api/v1/notebook/bookmarks")):
            response = candidate.api(method, url, body)
            assert response.status_code in (200, 400, 404), (url, body, response.status_code)
            assert response.is_json
        for path in ("/api/v1/notebook", "/notebook/", "/notebook/cleared"):
            response = candidate.client.get(path, query_string=query)
            assert response.status_code in (200, 400), (path, query, response.status_code)

    hostile()
