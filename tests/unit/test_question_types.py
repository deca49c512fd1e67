"""Each theory type: response checking, scoring, and what the candidate may see."""
from __future__ import annotations

import random
from typing import Any

import pytest

from exam_prep import questions
from exam_prep.questions.base import QuestionSchema, ResponseError
from exam_prep.questions.short import normalize


def question(type_name: str, **keys: Any) -> QuestionSchema:
    """A question of the type as its schema validates it (the model its type works on)."""
    return questions.get(type_name).schema.model_validate(
        {"id": "q", "type": type_name, "level": 2, "domain": "d", "question": "Q", "explanation": "E", **keys})


SINGLE = question("single", options=["a", "b", "c", "d"], answer=3)
MULTIPLE = question("multiple", options=["a", "b", "c", "d"], answer=[1, 3])
OX = question("ox", answer=False)
SHORT = question("short", answer=["IoU", "Intersection over Union", "가명 처리"])


def test_public_view_hides_answer_and_explanation() -> None:
    for name, payload in [("single", SINGLE), ("multiple", MULTIPLE), ("ox", OX), ("short", SHORT)]:
        qtype = questions.get(name)
        order = qtype.option_order(payload, True, random.Random(1))
        view = qtype.public(payload, order)
        assert "answer" not in view and "explanation" not in view


def test_shuffled_options_keep_bank_numbers() -> None:
    qtype = questions.get("single")
    order = qtype.option_order(SINGLE, True, random.Random(4))
    assert sorted(order) == [1, 2, 3, 4]
    view = qtype.public(SINGLE, order)
    assert [o["id"] for o in view["options"]] == order
    assert all(o["text"] == SINGLE.options[o["id"] - 1] for o in view["options"])
    assert questions.get("single").option_order(SINGLE, False, random.Random(4)) == [1, 2, 3, 4]


@pytest.mark.parametrize("response, points", [({"choice": 3}, 1), ({"choice": 1}, 0), (None, 0)])
def test_single_scoring(response, points) -> None:
    assert questions.get("single").score(SINGLE, response).points == points


@pytest.mark.parametrize("response, points", [
    ({"choices": [1, 3]}, 1), ({"choices": [3, 1]}, 1), ({"choices": [1]}, 0),
    ({"choices": [1, 2, 3]}, 0), ({"choices": []}, 0), (None, 0),
])
def test_multiple_is_all_or_nothing(response, points) -> None:
    assert questions.get("multiple").score(MULTIPLE, response).points == points


@pytest.mark.parametrize("response, points", [({"value": False}, 1), ({"value": True}, 0), (None, 0)])
def test_ox_scoring(response, points) -> None:
    assert questions.get("ox").score(OX, response).points == points


@pytest.mark.parametrize("text, points", [
    ("IoU", 1), ("  iou ", 1), ("I o U", 1), ("intersection over union", 1), ("가명처리", 1),
    ("ＩｏＵ", 1), ("IoT", 0), ("", 0), ("   ", 0),
])
def test_short_answer_folds_case_and_spaces(text, points) -> None:
    assert questions.get("short").score(SHORT, {"text": text}).points == points


def test_normalize() -> None:
    assert normalize("  Intersection  over\tUnion ") == "intersectionoverunion"


MODELS = {"single": SINGLE, "multiple": MULTIPLE, "ox": OX, "short": SHORT}


@pytest.mark.parametrize("name, raw", [
    ("single", {"choice": 9}), ("single", {"choice": "1"}), ("single", {"choice": True}),
    ("single", {"choices": [1]}), ("single", [1]), ("single", {"choice": 1, "x": 2}),
    ("multiple", {"choices": [1, 1]}), ("multiple", {"choices": 1}), ("multiple", {"choices": [7]}),
    ("ox", {"value": "true"}), ("ox", {"value": 1}),
    ("short", {"text": 5}), ("short", {"text": "x" * 201}),
])
def test_malformed_responses_are_refused(name, raw) -> None:
    with pytest.raises(ResponseError):
        questions.get(name).parse_response(raw, [1, 2, 3, 4], MODELS[name])


def test_responses_are_normalised() -> None:
    assert questions.get("multiple").parse_response({"choices": [4, 2]}, [1, 2, 3, 4], MULTIPLE) == {"choices": [2, 4]}
    assert questions.get("single").parse_response({"choice": 2}, [3, 2, 1, 4], SINGLE) == {"choice": 2}
