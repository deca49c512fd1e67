"""Two tabs at once: racing submits give one result; a save racing a submit never half-lands."""
from __future__ import annotations

import threading

from flask import Flask

from exam_prep.extensions import db
from exam_prep.models import Attempt, AttemptItem
from tests.conftest import Candidate, answer_all


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
