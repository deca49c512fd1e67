"""The whole exam flow through the JSON API and the pages, as a candidate meets it."""
from __future__ import annotations

import json

from tests.conftest import Candidate, answer_all, correct_response, wrong_response


def test_start_returns_items_without_answers(candidate: Candidate) -> None:
    response = candidate.api("POST", "/api/v1/attempts", {"exam": "level2"})
    assert response.status_code == 201
    state = response.get_json()
    assert state["status"] == "open"
    assert 590 < state["seconds_left"] <= 600
    assert len(state["items"]) == 4
    body = json.dumps(state, ensure_ascii=False)
    assert "SECRET-EXPLANATION" not in body
    assert "answer" not in body and "explanation" not in body
    for item in state["items"]:
        if item["type"] in ("single", "multiple"):
            assert {o["id"] for o in item["options"]} == set(range(1, len(item["options"]) + 1))
    # Per-domain counts from exams.yaml: 2 basics + 2 labeling, no repeats.
    questions = [i["question"] for i in state["items"]]
    assert len(set(questions)) == 4


def test_starting_twice_resumes_the_open_attempt(candidate: Candidate) -> None:
    first = candidate.api("POST", "/api/v1/attempts", {"exam": "level2"})
    second = candidate.api("POST", "/api/v1/attempts", {"exam": "level2"})
    assert first.status_code == 201 and second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"]


def test_fail_review_pass_then_level1_unlocks(app, candidate: Candidate) -> None:
    locked = candidate.api("POST", "/api/v1/attempts", {"exam": "level1"})
    assert locked.status_code == 403
    assert "테스트 2급" in locked.get_json()["error"]

    state = candidate.start()
    answer_all(app, candidate, state, correct=1)
    summary = candidate.submit(state["id"])
    assert summary["passed"] is False
    assert summary["percent"] == 25.0
    assert summary["points"] == 1 and summary["max_points"] == 4

    result = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    assert [i["correct"] for i in result["items"]].count(True) == 1
    assert all("SECRET-EXPLANATION" in i["explanation"] for i in result["items"])
    page = candidate.client.get(f"/attempts/{state['id']}/result?wrong=1").get_data(as_text=True)
    assert "불합격" in page
    assert page.count('class="card item review-item wrong"') == 3
    assert "과목(영역)별 득점" in page and "기초" in page and "라벨링" in page

    assert candidate.api("POST", "/api/v1/attempts", {"exam": "level1"}).status_code == 403

    state = candidate.start()
    answer_all(app, candidate, state, correct=4)
    assert candidate.submit(state["id"])["passed"] is True

    level1 = candidate.api("POST", "/api/v1/attempts", {"exam": "level1"})
    assert level1.status_code == 201
    dashboard = candidate.client.get("/").get_data(as_text=True)
    assert "잠김" not in dashboard


def test_saves_keep_the_newest_sequence(app, candidate: Candidate) -> None:
    state = candidate.start()
    item = state["items"][0]["id"]
    newer = correct_response(app, state["id"], item)
    older = wrong_response(app, state["id"], item)
    assert candidate.save(state["id"], item, newer, seq=20).get_json() == {"saved": True, "seq": 20}
    late = candidate.save(state["id"], item, older, seq=10)
    assert late.status_code == 200
    assert late.get_json() == {"saved": False, "seq": 20}
    saved = candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()["responses"][str(item)]
    assert saved == {"response": newer, "seq": 20, "flagged": False}
    # The same seq again is not newer either.
    assert candidate.save(state["id"], item, older, seq=20).get_json() == {"saved": False, "seq": 20}


def test_resume_shows_saved_answers_and_same_deadline(app, candidate: Candidate) -> None:
    state = candidate.start()
    first = state["items"][0]
    candidate.save(state["id"], first["id"], correct_response(app, state["id"], first["id"]), seq=5, flagged=True)
    again = candidate.api("GET", f"/api/v1/attempts/{state['id']}").get_json()
    assert again["deadline"] == state["deadline"]
    assert again["responses"][str(first["id"])]["flagged"] is True
    assert again["responses"][str(first["id"])]["seq"] == 5
    page = candidate.client.get(f"/attempts/{state['id']}").get_data(as_text=True)
    assert "SECRET-EXPLANATION" not in page
    assert '"seq": 5' in page


def test_submit_twice_gives_one_result(app, candidate: Candidate) -> None:
    state = candidate.start()
    answer_all(app, candidate, state, correct=3)
    first = candidate.submit(state["id"])
    second = candidate.submit(state["id"])
    assert first == second
    assert candidate.save(state["id"], 1, None, seq=99).status_code == 409


def test_result_is_refused_while_open(candidate: Candidate) -> None:
    state = candidate.start()
    response = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result")
    assert response.status_code == 409
    assert "error" in response.get_json()
