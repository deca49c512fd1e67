"""Practice sets through HTTP: choosing (filters, "not seen yet", size), saving by the exam's save
path, checking (feedback only after answering, nothing leaked before), trying again, finishing,
ownership, and that practice never counts as a mock exam (history, Level 1 unlock)."""
from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from exam_prep.extensions import db
from exam_prep.models import Attempt, AttemptItem, QuestionVersion
from tests.conftest import FIXTURE_BANK, Candidate, correct_response, wrong_response
from tests.strategies import json_values

SECRET = re.compile(r"SECRET-EXPLANATION-\w+")
BANK_SECRETS = set(SECRET.findall("".join(p.read_text(encoding="utf-8") for p in FIXTURE_BANK.rglob("*.yaml"))))
LEVEL2_THEORY = ["single", "multiple", "ox", "short"]


def start(user: Candidate, **criteria: Any) -> dict[str, Any]:
    response = user.api("POST", "/api/v1/practice", {"level": 2, **criteria})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def question_ids(app: Flask, attempt_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            select(QuestionVersion.question_id).join(AttemptItem, AttemptItem.question_version_id == QuestionVersion.id)
            .where(AttemptItem.attempt_id == attempt_id).order_by(AttemptItem.position)))


def current_ids(app: Flask, **where: Any) -> set[str]:
    with app.app_context():
        query = select(QuestionVersion.question_id).where(QuestionVersion.is_current.is_(True))
        for column, values in where.items():
            query = query.where(getattr(QuestionVersion, column).in_(values))
        return set(db.session.scalars(query))


def check(user: Candidate, set_id: int, position: int) -> Any:
    return user.api("POST", f"/api/v1/practice/{set_id}/items/{position}/check")


def item_of_type(state: dict[str, Any], type_name: str) -> int:
    return next(i["id"] for i in state["items"] if i["type"] == type_name)


# --- choosing -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("criteria", "where"), [
    ({"domains": ["basics"]}, {"level": [2], "domain": ["basics"]}),
    ({"types": ["ox"]}, {"level": [2], "type": ["ox"]}),
    ({"types": ["bbox", "keypoints", "spans"]}, {"level": [2], "type": ["bbox", "keypoints", "spans"]}),
    ({"difficulty": [1]}, {"level": [2], "difficulty": [1]}),
    ({"domains": ["labeling"], "types": ["single", "ox"]},
     {"level": [2], "domain": ["labeling"], "type": ["single", "ox"]}),
    ({"level": 1, "types": ["inspect"]}, {"level": [1], "type": ["inspect"]}),
    ({"level": 1}, {"level": [1]}),
])
def test_filters_give_exactly_the_matching_questions(app: Flask, candidate: Candidate, criteria: dict[str, Any],
                                                     where: dict[str, Any]) -> None:
    expected = current_ids(app, **where)
    assert expected
    state = start(candidate, size=None, **criteria)
    drawn = question_ids(app, state["id"])
    assert sorted(drawn) == sorted(expected)
    assert state["mode"] == "practice" and state["exam"] is None
    assert "seconds_left" not in state and "deadline" not in state


def test_size_draws_that_many_distinct_questions_of_the_level(app: Flask, candidate: Candidate) -> None:
    level2 = current_ids(app, level=[2])
    assert len(level2) > 10
    drawn = question_ids(app, start(candidate, size=10)["id"])
    assert len(drawn) == len(set(drawn)) == 10 and set(drawn) <= level2
    everything = question_ids(app, start(candidate, size=20)["id"])  # fewer than 20 in the bank: all of them
    assert sorted(everything) == sorted(level2)


def test_not_seen_yet_leaves_out_questions_of_any_earlier_attempt(app: Flask, candidate: Candidate) -> None:
    exam = candidate.start("level2")  # a mock exam draws 4 theory questions
    seen = set(question_ids(app, exam["id"]))
    practice = start(candidate, types=["bbox", "polygon"], size=None)
    seen |= set(question_ids(app, practice["id"]))
    fresh = start(candidate, unseen_only=True, size=None)
    assert sorted(question_ids(app, fresh["id"])) == sorted(current_ids(app, level=[2]) - seen)
    # Everything of level 2 is seen now: nothing is left, and no empty set is made.
    refused = candidate.api("POST", "/api/v1/practice", {"level": 2, "unseen_only": True})
    assert refused.status_code == 409
    assert "조건에 맞는 문항이 없습니다" in refused.get_json()["error"]


def test_no_matching_question_re_renders_the_chooser_with_a_reason(app: Flask, candidate: Candidate) -> None:
    before = _attempt_count(app)
    page = candidate.client.post("/practice/new", data={
        "csrf_token": candidate.token, "level": "2", "difficulty": "3", "size": "10"})
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "조건에 맞는 문항이 없습니다" in html and 'id="chooser"' in html
    assert 'name="difficulty" value="3" checked' in html  # what was chosen stays chosen
    assert _attempt_count(app) == before


def _attempt_count(app: Flask) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Attempt.id)).all())


def test_the_chooser_is_prefilled_from_its_query_and_starts_a_set(app: Flask, candidate: Candidate) -> None:
    page = candidate.client.get("/practice/new?level=2&domain=labeling&type=ox&size=free&unseen=1")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for field in ('name="domain" value="labeling" checked', 'name="type" value="ox" checked',
                  'name="size" value="free" checked', 'name="unseen" value="1" checked'):
        assert field in html
    assert html.index('name="type" value="short"') < html.index('name="type" value="bbox"')  # theory first
    level1 = candidate.client.get("/practice/new?level=1").get_data(as_text=True)
    assert 'value="inspect"' in level1 and 'value="bbox"' not in level1
    started = candidate.client.post("/practice/new", data={
        "csrf_token": candidate.token, "level": "2", "domain": "labeling", "type": "ox", "size": "free"})
    assert started.status_code == 302
    set_id = int(started.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert question_ids(app, set_id) == ["t2-label-3"]
    assert candidate.client.get("/practice/new?level=7").status_code == 400
    assert candidate.client.post("/practice/new", data={"level": "2"}).status_code == 400  # no CSRF token


@pytest.mark.parametrize("body", [
    None, [], {}, {"level": "2"}, {"level": True}, {"level": 3}, {"level": 2, "size": 15}, {"level": 2, "size": "10"},
    {"level": 2, "types": ["nope"]}, {"level": 2, "types": "ox"}, {"level": 2, "difficulty": [4]},
    {"level": 2, "difficulty": [True]}, {"level": 2, "unseen_only": "yes"}, {"level": 2, "colour": "red"},
    {"level": 2, "domains": [1]}, {"level": 2, "domains": ["x"] * 41},
])
def test_malformed_criteria_are_refused_with_a_korean_reason(candidate: Candidate, body: Any) -> None:
    response = candidate.api("POST", "/api/v1/practice", body)
    assert response.status_code == 400, body
    assert re.search(r"[가-힣]", response.get_json()["error"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(json_values(), st.fixed_dictionaries({"level": st.sampled_from([1, 2])}, optional={
    "domains": json_values(), "types": json_values(), "difficulty": json_values(),
    "unseen_only": json_values(), "size": json_values()})))
def test_any_criteria_body_gets_201_or_4xx(candidate: Candidate, body: Any) -> None:
    response = candidate.api("POST", "/api/v1/practice", body)
    assert response.status_code in (201, 400, 409), (body, response.status_code)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.tuples(st.sampled_from(["level", "domain", "type", "difficulty", "unseen", "size"]),
                                st.text(max_size=12)), max_size=6))
def test_any_chooser_query_gets_a_page_not_a_500(candidate: Candidate, query: list[tuple[str, str]]) -> None:
    response = candidate.client.get("/practice/new", query_string=query)
    assert response.status_code in (200, 400)


# --- feedback only after answering and checking ---------------------------------------------------

def test_nothing_of_the_answers_is_sent_before_the_check(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, size=None)
    set_id = state["id"]
    with app.app_context():
        secrets_drawn = {p: SECRET.findall(db.session.scalar(select(AttemptItem).filter_by(
            attempt_id=set_id, position=p)).question.payload["explanation"])[0] for p in range(1, 13)}
    assert set(secrets_drawn.values()) <= BANK_SECRETS

    def everything_sent() -> str:
        return (candidate.api("GET", f"/api/v1/practice/{set_id}").get_data(as_text=True)
                + candidate.api("GET", f"/api/v1/attempts/{set_id}").get_data(as_text=True)
                + candidate.client.get(f"/practice/{set_id}").get_data(as_text=True))

    assert not BANK_SECRETS & set(SECRET.findall(everything_sent()))
    single = item_of_type(state, "single")
    # Answered but not checked: still nothing.
    assert candidate.save(set_id, single, wrong_response(app, set_id, single), seq=1).status_code == 200
    assert not SECRET.findall(everything_sent())
    assert candidate.api("GET", f"/api/v1/practice/{set_id}").get_json()["results"] == {}
    # Checked: that item's explanation and answer, and no other item's.
    result = check(candidate, set_id, single).get_json()
    assert secrets_drawn[single] in result["explanation_html"] and secrets_drawn[single] in result["html"]
    sent = everything_sent()
    assert set(SECRET.findall(sent)) == {secrets_drawn[single]}
    assert set(candidate.api("GET", f"/api/v1/practice/{set_id}").get_json()["results"]) == {str(single)}


def test_a_check_without_a_saved_answer_is_refused(candidate: Candidate) -> None:
    state = start(candidate, types=["single"], size=None)
    response = check(candidate, state["id"], 1)
    assert response.status_code == 400
    assert "답을 먼저" in response.get_json()["error"]
    assert check(candidate, state["id"], 99).status_code == 404


def test_check_try_again_and_check_again(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, types=["single"], size=None)
    set_id, n = state["id"], state["items"][0]["id"]
    assert candidate.save(set_id, n, wrong_response(app, set_id, n), seq=1).status_code == 200
    first = check(candidate, set_id, n).get_json()
    assert (first["correct"], first["points"], first["max_points"], first["tries"]) == (False, 0, 1, 1)
    assert "오답" in first["html"] and "정답" in first["html"]
    # A new answer: the earlier result no longer stands for it, until checked again.
    assert candidate.save(set_id, n, correct_response(app, set_id, n), seq=2).status_code == 200
    assert candidate.api("GET", f"/api/v1/practice/{set_id}").get_json()["results"] == {}
    second = check(candidate, set_id, n).get_json()
    assert (second["correct"], second["points"], second["tries"]) == (True, 1, 2)
    assert second["answer"] == {"choice": correct_response(app, set_id, n)["choice"]}
    assert candidate.api("GET", f"/api/v1/practice/{set_id}").get_json()["results"][str(n)]["tries"] == 2


def test_a_labeling_check_shows_the_review_picture_with_its_metrics(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, types=["bbox"], size=None)
    set_id = state["id"]
    loose = {"shapes": [{"label": "square", "box": [18, 28, 56, 64]}]}  # the circle is missed
    assert candidate.save(set_id, 1, loose, seq=1).status_code == 200
    result = check(candidate, set_id, 1).get_json()
    assert 0 < result["points"] < result["max_points"] and result["partial"]
    assert "review-svg" in result["figure_html"] and "IoU 0.8" in result["figure_html"]
    assert "놓침" in result["figure_html"]
    assert result["figure_html"].strip() in result["html"]
    # The result area's copy of the item shares no input name or id with the item itself.
    assert 'name="item-1"' not in result["html"] and 'id="item-1' not in result["html"]


def test_the_exam_cannot_be_checked_through_practice(app: Flask, candidate: Candidate) -> None:
    exam = candidate.start("level2")
    candidate.save(exam["id"], 1, correct_response(app, exam["id"], 1), seq=1)
    assert check(candidate, exam["id"], 1).status_code == 404
    assert candidate.api("GET", f"/api/v1/practice/{exam['id']}").status_code == 404
    assert candidate.api("POST", f"/api/v1/practice/{exam['id']}/finish").status_code == 404


def test_another_candidates_set_is_not_found(app: Flask, candidate: Candidate, other_candidate: Candidate) -> None:
    state = start(candidate, types=["single"], size=None)
    set_id = state["id"]
    candidate.save(set_id, 1, correct_response(app, set_id, 1), seq=1)
    assert other_candidate.api("GET", f"/api/v1/practice/{set_id}").status_code == 404
    assert check(other_candidate, set_id, 1).status_code == 404
    assert other_candidate.save(set_id, 1, {"choice": 1}, seq=5).status_code == 404
    assert other_candidate.api("POST", f"/api/v1/practice/{set_id}/finish").status_code == 404
    for url in (f"/practice/{set_id}", f"/practice/{set_id}/summary"):
        assert other_candidate.client.get(url).status_code == 404
    form = {"csrf_token": other_candidate.token}
    assert other_candidate.client.post(f"/practice/{set_id}/items/1/check", data=form).status_code == 404
    assert other_candidate.client.post(f"/practice/{set_id}/finish", data=form).status_code == 404


def test_every_state_change_needs_the_csrf_token(candidate: Candidate) -> None:
    state = start(candidate, types=["single"], size=None)
    no_token = {"headers": {"X-CSRFToken": ""}}
    assert candidate.client.post("/api/v1/practice", json={"level": 2}, **no_token).status_code == 400
    assert candidate.client.post(f"/api/v1/practice/{state['id']}/items/1/check", **no_token).status_code == 400
    assert candidate.client.post(f"/api/v1/practice/{state['id']}/finish", **no_token).status_code == 400
    assert candidate.client.post(f"/practice/{state['id']}/finish").status_code == 400


# --- saving is the exam's save ------------------------------------------------------------------

def test_saves_use_the_exam_save_with_its_sequence_guard(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, types=["short"], size=None)
    set_id = state["id"]
    assert candidate.save(set_id, 1, {"text": "새 답"}, seq=5).get_json() == {"saved": True, "seq": 5}
    assert candidate.save(set_id, 1, {"text": "늦게 온 옛 답"}, seq=3).get_json() == {"saved": False, "seq": 5}
    responses = candidate.api("GET", f"/api/v1/practice/{set_id}").get_json()["responses"]
    assert responses["1"]["response"] == {"text": "새 답"}
    assert candidate.save(set_id, 1, {"choice": 1}, seq=6).status_code == 400  # not a short answer


# --- without JavaScript ---------------------------------------------------------------------------

def test_a_theory_item_is_answered_and_checked_by_a_plain_form(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, types=["ox", "bbox"], size=None)
    set_id = state["id"]
    n = item_of_type(state, "ox")
    page = candidate.client.get(f"/practice/{set_id}").get_data(as_text=True)
    assert f'action="/practice/{set_id}/items/{n}/check"' in page
    assert "라벨링·검수 문제는 자바스크립트가 켜져 있어야" in page
    right = "true" if correct_response(app, set_id, n)["value"] else "false"
    posted = candidate.client.post(f"/practice/{set_id}/items/{n}/check",
                                   data={"csrf_token": candidate.token, f"item-{n}": right})
    assert posted.status_code == 302 and posted.headers["Location"].endswith(f"#result-{n}")
    page = candidate.client.get(f"/practice/{set_id}").get_data(as_text=True)
    result = page.split(f'id="result-{n}"', 1)[1].split("</section>", 1)[0]
    assert "정답" in result and "해설" in result and SECRET.search(result)
    # Nothing posted and nothing saved: refused, with the reason.
    bbox = item_of_type(state, "bbox")
    refused = candidate.client.post(f"/practice/{set_id}/items/{bbox}/check", data={"csrf_token": candidate.token})
    assert refused.status_code == 400 and "답을 먼저" in refused.get_data(as_text=True)


# --- finishing, and never a mock exam ----------------------------------------------------------------

def test_finishing_shows_the_sets_summary(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, types=LEVEL2_THEORY, size=None)
    set_id, ids = state["id"], [i["id"] for i in state["items"]]
    candidate.save(set_id, ids[0], correct_response(app, set_id, ids[0]), seq=1)
    check(candidate, set_id, ids[0])
    candidate.save(set_id, ids[1], wrong_response(app, set_id, ids[1]), seq=1)  # answered, never checked
    finished = candidate.api("POST", f"/api/v1/practice/{set_id}/finish").get_json()
    assert (finished["right"], finished["wrong"], finished["unanswered"]) == (1, 1, len(ids) - 2)
    assert finished["points"] == 1 and finished["max_points"] == len(ids)
    assert candidate.api("POST", f"/api/v1/practice/{set_id}/finish").get_json() == finished  # idempotent
    assert check(candidate, set_id, ids[0]).status_code == 409
    assert candidate.client.get(f"/practice/{set_id}").headers["Location"].endswith(f"/practice/{set_id}/summary")
    page = candidate.client.get(f"/practice/{set_id}/summary").get_data(as_text=True)
    assert "맞음 1" in page and "틀림 1" in page and f'href="#review-{ids[1]}"' in page


def test_a_perfect_practice_set_never_unlocks_level_1(app: Flask, candidate: Candidate) -> None:
    state = start(candidate, size=None, types=LEVEL2_THEORY)
    set_id = state["id"]
    for item in state["items"]:
        assert candidate.save(set_id, item["id"], correct_response(app, set_id, item["id"]), seq=1).status_code == 200
        assert check(candidate, set_id, item["id"]).get_json()["correct"]
    finished = candidate.api("POST", f"/api/v1/practice/{set_id}/finish").get_json()
    assert finished["percent"] == 100
    with app.app_context():
        assert db.session.get(Attempt, set_id).passed is None
    locked = candidate.api("POST", "/api/v1/attempts", {"exam": "level1"})
    assert locked.status_code == 403
    dashboard = candidate.client.get("/").get_data(as_text=True)
    assert "잠김" in dashboard and "합격한 적 있음" not in dashboard


def test_practice_sets_are_not_in_the_exam_history(app: Flask, candidate: Candidate) -> None:
    exam = candidate.start("level2")
    candidate.submit(exam["id"])
    practice = start(candidate, types=["single"], size=None)
    candidate.api("POST", f"/api/v1/practice/{practice['id']}/finish")
    start(candidate, types=["ox"], size=None)  # left open
    history = candidate.client.get("/history").get_data(as_text=True)
    rows = history.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert rows.count("<tr>") == 1 and f"/attempts/{exam['id']}/result" in rows
    dashboard = candidate.client.get("/").get_data(as_text=True)
    assert "이어서 풀기" not in dashboard  # the open practice set is no open mock exam


def test_a_wrong_check_puts_the_question_in_the_notebook(app: Flask, candidate: Candidate) -> None:
    from exam_prep.models import NotebookEntry

    state = start(candidate, types=["single"], size=None)
    set_id = state["id"]
    wrong, right = (item["id"] for item in state["items"])
    candidate.save(set_id, wrong, wrong_response(app, set_id, wrong), seq=1)
    candidate.save(set_id, right, correct_response(app, set_id, right), seq=1)
    assert not check(candidate, set_id, wrong).get_json()["correct"]
    assert check(candidate, set_id, right).get_json()["correct"]
    with app.app_context():
        entries = db.session.scalars(select(NotebookEntry)).all()
        assert [(e.question_id, e.misses, e.last_points) for e in entries] == [
            (question_ids(app, set_id)[wrong - 1], 1, 0)]


def test_the_exam_pages_send_a_practice_set_to_its_own_pages(candidate: Candidate) -> None:
    set_id = start(candidate, types=["ox"], size=None)["id"]
    for path in (f"/attempts/{set_id}", f"/attempts/{set_id}/result"):
        assert candidate.client.get(path).headers["Location"].endswith(f"/practice/{set_id}")
    candidate.api("POST", f"/api/v1/practice/{set_id}/finish")
    page = candidate.client.get(f"/attempts/{set_id}/result", follow_redirects=True)
    assert page.status_code == 200 and 'id="practice-tally"' in page.get_data(as_text=True)


@pytest.mark.parametrize(("level", "type_name", "metric"), [
    (2, "bbox", "IoU"), (2, "polygon", "IoU"), (2, "keypoints", "OKS"), (2, "classify", ""),
    (2, "spans", "F1"), (2, "ocr", "IoU"), (1, "inspect", ""),
])
def test_every_labeling_type_checks_with_its_review_picture(app: Flask, candidate: Candidate, level: int,
                                                            type_name: str, metric: str) -> None:
    from exam_prep import questions
    from exam_prep.questions import registry

    set_id = start(candidate, level=level, types=[type_name], size=None)["id"]
    with app.app_context():
        item = db.session.scalar(select(AttemptItem).filter_by(attempt_id=set_id, position=1))
        full_marks = questions.get(type_name).full_marks_response(registry.model_of(item.question))
    assert candidate.save(set_id, 1, full_marks, seq=1).status_code == 200
    result = check(candidate, set_id, 1).get_json()
    assert result["correct"] and result["points"] == result["max_points"] > 0
    assert result["figure_html"].strip() and result["figure_html"].strip() in result["html"]
    assert metric in result["figure_html"]


def test_a_practice_item_can_be_kept_with_the_notebooks_bookmark(app: Flask, candidate: Candidate) -> None:
    set_id = start(candidate, types=["ox"], size=None)["id"]
    question = question_ids(app, set_id)[0]
    page = candidate.client.get(f"/practice/{set_id}").get_data(as_text=True)
    assert f'name="question_id" value="{question}"' in page and "보관하기" in page
    kept = candidate.client.post("/notebook/bookmarks", data={
        "csrf_token": candidate.token, "question_id": question, "keep": "1", "next": f"/practice/{set_id}#item-1"})
    assert kept.status_code == 302
    page = candidate.client.get(f"/practice/{set_id}").get_data(as_text=True)
    assert "보관 취소" in page


def test_finishing_records_answers_never_checked_in_the_notebook(app: Flask, candidate: Candidate) -> None:
    from exam_prep.models import NotebookEntry

    state = start(candidate, types=["single"], size=None)
    set_id = state["id"]
    first, second = (item["id"] for item in state["items"])
    candidate.save(set_id, first, wrong_response(app, set_id, first), seq=1)  # wrong, never checked
    candidate.save(set_id, second, wrong_response(app, set_id, second), seq=1)
    check(candidate, set_id, second)  # wrong, checked: recorded once, at its check
    candidate.api("POST", f"/api/v1/practice/{set_id}/finish")
    ids = question_ids(app, set_id)
    with app.app_context():
        misses = {e.question_id: e.misses for e in db.session.scalars(select(NotebookEntry))}
    assert misses == {ids[first - 1]: 1, ids[second - 1]: 1}
