"""Two tabs at once: racing submits give one result; a save racing a submit never half-lands."""
from __future__ import annotations

import threading

import pytest
from flask import Flask
from sqlalchemy.exc import IntegrityError

from exam_prep.accounts import find_user
from exam_prep.extensions import db
from exam_prep.models import Attempt, AttemptItem, User
from tests.conftest import PASSWORD, Candidate, answer_all


def test_two_tabs_submitting_at_once_give_one_result(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    answer_all(app, candidate, state, correct=3)
    # A second "tab": another client with the same session cookie.
    tab2 = app.test_client()
    cookie = candidate.client.get_cookie("session")
    tab2.set_cookie("session", cookie.value)
    barrier = threading.Barrier(2)
    results: list[tuple[int, dict]] = []

    def submit(client) -> None:
        barrier.wait()
        response = client.post(f"/api/v1/attempts/{state['id']}/submit", headers={"X-CSRFToken": candidate.token})
        results.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=submit, args=(c,)) for c in (candidate.client, tab2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [code for code, _ in results] == [200, 200]
    assert results[0][1] == results[1][1]
    assert results[0][1]["points"] == 3
    with app.app_context():
        attempt = db.session.get(Attempt, state["id"])
        assert attempt.status == "finished" and attempt.score == 3
        scored = db.session.query(AttemptItem).filter_by(attempt_id=state["id"]).all()
        assert sum(i.points for i in scored) == 3


def race(senders: list, send) -> list:
    """send(sender) for every sender at once, each in its own thread; the responses in order."""
    barrier = threading.Barrier(len(senders))
    results: list = [None] * len(senders)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = send(senders[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(senders))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def tabs_of(app: Flask, candidate: Candidate, count: int) -> list:
    """count more "tabs" of the candidate: test clients sharing its session cookie."""
    cookie = candidate.client.get_cookie("session").value
    tabs = [app.test_client() for _ in range(count)]
    for tab in tabs:
        tab.set_cookie("session", cookie)
    return tabs


def open_attempts(app: Flask, user_name: str, exam_id: str) -> list[int]:
    with app.app_context():
        user = find_user(user_name)
        return sorted(db.session.scalars(db.select(Attempt.id).filter_by(
            user_id=user.id, exam_id=exam_id, status="open")))


def test_parallel_starts_through_the_api_leave_one_open_attempt(app: Flask, candidate: Candidate) -> None:
    for _round in range(3):
        responses = race(tabs_of(app, candidate, 20), lambda tab: tab.post(
            "/api/v1/attempts", json={"exam": "level2"}, headers={"X-CSRFToken": candidate.token}))
        assert sorted(r.status_code for r in responses) == [200] * 19 + [201]
        opened = open_attempts(app, candidate.username, "level2")
        assert len(opened) == 1
        assert {r.get_json()["id"] for r in responses} == set(opened)
        candidate.submit(opened[0])


def test_parallel_starts_through_the_form_leave_one_open_attempt(app: Flask, candidate: Candidate) -> None:
    for _round in range(3):
        responses = race(tabs_of(app, candidate, 20), lambda tab: tab.post(
            "/exams/level2/start", data={"csrf_token": candidate.token}))
        assert {r.status_code for r in responses} == {302}
        opened = open_attempts(app, candidate.username, "level2")
        assert len(opened) == 1
        assert {r.headers["Location"] for r in responses} == {f"/attempts/{opened[0]}"}
        candidate.submit(opened[0])


def test_the_database_itself_refuses_a_second_open_attempt(app: Flask, candidate: Candidate) -> None:
    """The invariant is in the schema (built from the migrations), not only in start_attempt."""
    first = candidate.start()
    with app.app_context():
        attempt = db.session.get(Attempt, first["id"])

        def copy(status: str) -> Attempt:
            return Attempt(user_id=attempt.user_id, exam_id=attempt.exam_id, status=status,
                           deadline=attempt.deadline, rules=attempt.rules)

        db.session.add(copy("finished"))  # finished attempts of the exam may be many
        db.session.commit()
        db.session.add(copy("open"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_parallel_registrations_differing_only_by_case_make_one_account(app: Flask) -> None:
    names = ["RaceCondition", "racecondition", "RACECONDITION", "rACEcONDITION"] * 2
    users = [Candidate(app.test_client(), name) for name in names]
    for user in users:
        user.refresh_token()
    responses = race(users, lambda user: user.client.post("/auth/register", data={
        "csrf_token": user.token, "username": user.username, "password": PASSWORD, "password2": PASSWORD}))
    assert sorted(r.status_code for r in responses) == [302] + [400] * (len(names) - 1)
    for response in responses:
        if response.status_code == 400:
            assert "이미 쓰이고 있는 아이디입니다" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)
                                 .where(db.func.lower(User.username) == "racecondition")) == 1
    for name in set(names):  # whichever spelling won, every spelling logs in to it
        client = app.test_client()
        token = Candidate(client, name).refresh_token()
        response = client.post("/auth/login", data={"csrf_token": token, "username": name, "password": PASSWORD})
        assert response.status_code == 302, name
