"""Scoring of inspection (검수) exercises, by hand-computed cases."""
from __future__ import annotations

import pytest

from exam_prep import questions
from exam_prep.labeling.score import Score
from exam_prep.questions.inspect.schema import InspectSchema, PlantedError


def score(payload: dict, response: dict | None) -> Score:
    """The inspection scorer on the exercise's model (made here from its scoring-relevant keys)."""
    model = InspectSchema.model_construct(
        task=payload["task"], submitted=payload["submitted"], verdict=payload["verdict"],
        errors=[PlantedError.model_validate(error) for error in payload["errors"]])
    return questions.get("inspect").score(model, response)

# Three submitted boxes; label 2 is loose, label 3 has the wrong class; one object was missed.
PAYLOAD = {
    "task": "bbox",
    "submitted": [{"label": "square", "box": [20, 30, 50, 60]}, {"label": "circle", "box": [100, 30, 85, 85]},
                  {"label": "circle", "box": [20, 30, 50, 60]}],
    "errors": [{"label": 2, "reason": "not_tight"}, {"label": 3, "reason": "wrong_class"},
               {"missed": {"label": "triangle", "box": [30, 110, 60, 30]}, "reason": "missed_object"}],
    "verdict": "reject",
}
CLEAN = {"task": "spans", "submitted": [{"start": 0, "end": 3, "label": "PER"}], "errors": [], "verdict": "approve"}


def reject(label: int, reason: str) -> dict:
    return {"label": label, "decision": "reject", "reason": reason}


def test_all_caught_with_the_right_verdict_scores_1() -> None:
    response = {"judgements": [{"label": 1, "decision": "approve"}, reject(2, "not_tight"), reject(3, "wrong_class")],
                "missed": [{"box": [32, 111, 57, 28]}], "verdict": "reject"}
    result = score(PAYLOAD, response)
    assert result.points == 1.0
    assert [entry["status"] for entry in result.detail["labels"]] == ["approved_ok", "caught", "caught"]
    assert result.detail["missed_objects"][0]["found"] is True


def test_wrong_reason_counts_half() -> None:
    # credit = 1 (label 2) + 0.5 (label 3, wrong reason) + 1 (missed found) = 2.5
    # precision = 2.5 / 3 alarms, recall = 2.5 / 3 planted, F1 = 2.5 / 3
    response = {"judgements": [reject(2, "not_tight"), reject(3, "cuts_object")],
                "missed": [{"box": [30, 110, 60, 30]}], "verdict": "reject"}
    result = score(PAYLOAD, response)
    assert result.points == pytest.approx(2.5 / 3, abs=1e-4)
    assert result.detail["labels"][2]["status"] == "wrong_reason"


def test_false_alarm_lowers_precision() -> None:
    # credit 3 of 3 planted; alarms 4 (a good label rejected) → P = 3/4, R = 1, F1 = 6/7
    response = {"judgements": [reject(1, "not_tight"), reject(2, "not_tight"), reject(3, "wrong_class")],
                "missed": [{"box": [30, 110, 60, 30]}], "verdict": "reject"}
    result = score(PAYLOAD, response)
    assert result.points == pytest.approx(6 / 7, abs=1e-4)
    assert result.detail["labels"][0]["status"] == "false_alarm"


def test_missed_object_not_found_and_a_stray_box() -> None:
    # The drawn box is far from the missed object: it is a false alarm, the object is not found.
    # credit 2; alarms 3 → P = 2/3; planted 3 → R = 2/3; F1 = 2/3
    response = {"judgements": [reject(2, "not_tight"), reject(3, "wrong_class")],
                "missed": [{"box": [150, 120, 20, 20]}], "verdict": "reject"}
    result = score(PAYLOAD, response)
    assert result.points == pytest.approx(2 / 3, abs=1e-4)
    assert result.detail["missed_objects"][0]["found"] is False
    assert result.detail["stray_boxes"] == [0]


def test_missed_object_needs_iou_half() -> None:
    # A box covering half the object: IoU = 900 / 1800 = 0.5 → found (inclusive threshold).
    response = {"judgements": [reject(2, "not_tight"), reject(3, "wrong_class")],
                "missed": [{"box": [30, 110, 30, 30]}], "verdict": "reject"}
    assert score(PAYLOAD, response).detail["missed_objects"][0]["found"] is True


def test_wrong_verdict_halves_the_score() -> None:
    response = {"judgements": [reject(2, "not_tight"), reject(3, "wrong_class")],
                "missed": [{"box": [30, 110, 60, 30]}], "verdict": "approve"}
    assert score(PAYLOAD, response).points == 0.5
    assert score(PAYLOAD, {**response, "verdict": None}).points == 0.5


def test_item_without_errors_approved_scores_1() -> None:
    result = score(CLEAN, {"judgements": [{"label": 1, "decision": "approve"}], "verdict": "approve"})
    assert result.points == 1.0 and result.detail["f1"] == 1.0


def test_item_without_errors_sent_back_scores_half() -> None:
    assert score(CLEAN, {"judgements": [], "verdict": "reject"}).points == 0.5


def test_item_without_errors_with_a_false_alarm_scores_0() -> None:
    assert score(CLEAN, {"judgements": [reject(1, "span_boundary")], "verdict": "reject"}).points == 0.0


def test_empty_response() -> None:
    result = score(PAYLOAD, None)
    assert result.points == 0.0
    assert [entry["status"] for entry in result.detail["labels"]] == ["approved_ok", "missed", "missed"]
