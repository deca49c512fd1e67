"""Inspection (검수) items in the Level 1 exam: no planted errors before the end, scoring, review."""
from __future__ import annotations

import json

from tests.conftest import Candidate, answer_all


def start_level1(app, user: Candidate) -> dict:
    state = user.start("level2")
    answer_all(app, user, state, correct=4)
    assert user.submit(state["id"])["passed"]
    return user.start("level1")


def test_level1_has_an_inspection_section_without_answers(app, candidate: Candidate) -> None:
    state = start_level1(app, candidate)
    assert [s["title"] for s in state["sections"]] == ["고급 이론", "검수"]
    inspect = [i for i in state["items"] if i["type"] == "inspect"]
    assert len(inspect) == 2
    body = json.dumps(inspect, ensure_ascii=False)
    assert "errors" not in body and "verdict" not in body and "SECRET" not in body
    bbox = next(i for i in inspect if i["task"] == "bbox")
    assert len(bbox["submitted"]) == 3 and "not_tight" in bbox["reasons"]


def test_inspection_scoring_and_review(app, candidate: Candidate) -> None:
    state = start_level1(app, candidate)
    items = {i.get("task"): i for i in state["items"] if i["type"] == "inspect"}
    bbox_response = {
        "judgements": [{"label": 1, "decision": "approve"},
                       {"label": 2, "decision": "reject", "reason": "not_tight"},
                       {"label": 3, "decision": "reject", "reason": "cuts_object"}],
        "missed": [{"box": [30, 110, 60, 30]}],
        "verdict": "reject",
    }
    spans_response = {"judgements": [{"label": 1, "decision": "approve"}, {"label": 2, "decision": "approve"}],
                      "verdict": "reject"}
    assert candidate.save(state["id"], items["bbox"]["id"], bbox_response, seq=1).status_code == 200
    assert candidate.save(state["id"], items["spans"]["id"], spans_response, seq=1).status_code == 200
    bad = candidate.save(state["id"], items["bbox"]["id"],
                         {"judgements": [{"label": 2, "decision": "reject"}], "verdict": "reject"}, seq=2)
    assert bad.status_code == 400  # a rejection needs a reason
    missed_on_text = candidate.save(state["id"], items["spans"]["id"], {"missed": [{"box": [0, 0, 5, 5]}]}, seq=2)
    assert missed_on_text.status_code == 400
    candidate.submit(state["id"])

    result = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    scored = {i.get("task"): i for i in result["items"] if i["type"] == "inspect"}
    # credit 1 + 0.5 + 1 of 3 planted, 3 alarms → F1 = 2.5/3; verdict right
    assert abs(scored["bbox"]["points"] - 2.5 / 3) < 1e-3
    assert scored["spans"]["points"] == 0.5  # nothing wrong, but sent back
    assert scored["bbox"]["answer"]["verdict"] == "reject"

    page = candidate.client.get(f"/attempts/{state['id']}/result").get_data(as_text=True)
    assert "반려했지만 이유가 다름 (0.5점)" in page
    assert "누락 객체" in page and "잡아냄" in page
    assert "판정이 틀리면 점수가 절반이 됩니다" in page


def test_an_item_left_unanswered_earns_nothing(app, candidate: Candidate) -> None:
    # The spans inspection has nothing wrong in it: its scorer gives half a point to "no
    # judgement, no verdict". Left unanswered, the item is 답하지 않음 and must earn nothing,
    # like every unanswered item, whatever its scorer says of an empty response.
    state = start_level1(app, candidate)
    candidate.submit(state["id"])
    result = candidate.api("GET", f"/api/v1/attempts/{state['id']}/result").get_json()
    assert [i["points"] for i in result["items"]] == [0] * len(result["items"])
    assert result["points"] == 0 and result["percent"] == 0
