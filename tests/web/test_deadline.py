"""The deadline is the server's: saves after deadline + grace are refused and the attempt is
finished with what was saved; abandoned attempts are finished on the next visit or by the CLI."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask

from exam_prep.extensions import db
from exam_prep.models import Attempt
from exam_prep.timeutil import utcnow
from tests.conftest import Candidate, correct_response


def move_deadline(app: Flask, attempt_id: int, seconds_from_now: float) -> None:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.deadline = utcnow() + timedelta(seconds=seconds_from_now)
        db.session.commit()


def test_save_within_grace_is_accepted(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    move_deadline(app, state["id"], -10)  # 10 s late, grace is 30 s
    response = candidate.save(state["id"], 1, correct_response(app, state["id"], 1), seq=1)
    assert response.status_code == 200


def test_save_after_grace_is_refused_and_attempt_finished(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    candidate.save(state["id"], 1, correct_response(app, state["id"], 1), seq=1)
    move_deadline(app, state["id"], -31)
    late = candidate.save(state["id"], 2, correct_response(app, state["id"], 2), seq=1)
    assert late.status_code == 409 and late.get_json()["error"]
    result = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    assert result["status"] == "finished" and result["finish_reason"] == "timeout"
    assert result["points"] == 1  # only what was saved in time
    assert result["seconds_used"] <= 600


def test_abandoned_attempt_is_scored_when_opened_not_when_listed(app: Flask, candidate: Candidate) -> None:
    """Listing pages only read: the dashboard and the history show an attempt whose time is up
    as ended and link its result; opening that attempt scores it."""
    state = candidate.start()
    move_deadline(app, state["id"], -3600)
    for path in ("/", "/history"):
        page = candidate.client.get(path)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert f'href="/attempts/{state["id"]}/result"' in html
        assert f'href="/attempts/{state["id"]}"' not in html  # no "이어서 풀기" link
    with app.app_context():
        assert db.session.get(Attempt, state["id"]).status == "open"
    assert candidate.client.get(f"/attempts/{state['id']}").headers["Location"].endswith("/result")
    with app.app_context():
        attempt = db.session.get(Attempt, state["id"])
        assert attempt.status == "finished" and attempt.passed is False
    assert "시간 종료" not in candidate.client.get("/history").get_data(as_text=True)


def test_finish_overdue_command(app: Flask, candidate: Candidate, other_candidate: Candidate) -> None:
    late = candidate.start()
    on_time = other_candidate.start()
    move_deadline(app, late["id"], -120)
    result = app.test_cli_runner().invoke(args=["exams", "finish-overdue"])
    assert result.exit_code == 0 and "1건" in result.output
    with app.app_context():
        assert db.session.get(Attempt, late["id"]).status == "finished"
        assert db.session.get(Attempt, on_time["id"]).status == "open"


def test_seconds_left_comes_from_the_server(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    move_deadline(app, state["id"], 100)
    again = candidate.api("GET", f"/api/v1/attempts/{state['id']}?items=0").get_json()
    assert 95 < again["seconds_left"] <= 100
    assert "items" not in again


def test_a_submit_after_the_deadline_is_recorded_as_timeout(app: Flask, candidate: Candidate) -> None:
    state = candidate.start()
    move_deadline(app, state["id"], -5)  # the page's timer submits at zero, a moment late
    summary = candidate.submit(state["id"])
    assert summary["finish_reason"] == "timeout"
    assert "시간 종료로 자동 채점" in candidate.client.get(f"/attempts/{state['id']}/result").get_data(as_text=True)
