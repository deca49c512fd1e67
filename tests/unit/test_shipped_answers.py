"""Every shipped question's own answer, sent as a candidate's response, is accepted by the save
and earns full marks: a reference that its scorer refuses or scores below 1 (a box outside the
image, a polygon that parses differently, a keypoint in a state the scorer does not count) would
make an exercise no candidate can get right."""
from __future__ import annotations

import random

import pytest

from exam_prep import questions
from exam_prep.bank import load_bank
from exam_prep.config import PROJECT_ROOT
from exam_prep.questions import registry
from tests.scoring_cases import right_response

SHIPPED = load_bank(PROJECT_ROOT / "question_bank").questions


def full_marks_of_own_answer(question) -> float:
    qtype = questions.get(question.schema.type)
    payload = question.schema.model_dump(mode="json", exclude_none=True)
    model = registry.model_from_payload(question.schema.type, payload)  # as a stored version is read back
    raw = right_response(question.schema.type, payload, model)
    order = qtype.option_order(model, False, random.Random(question.id))
    return qtype.score(model, qtype.parse_response(raw, order, model)).points


@pytest.mark.parametrize("question", SHIPPED, ids=lambda q: q.id)
def test_the_answer_of_each_shipped_question_scores_full_marks(question) -> None:
    assert full_marks_of_own_answer(question) == pytest.approx(1.0)


def test_the_drawing_exercises_are_many_enough_for_six_mock_exams() -> None:
    """Issue 13: at least 25 box, polygon and keypoint exercises each, so that six Level 2 mock
    exams (5 boxes, 4 polygons, 4 keypoint tasks each) rarely repeat one."""
    kinds = [q.schema.type for q in SHIPPED]
    assert min(kinds.count("bbox"), kinds.count("polygon"), kinds.count("keypoints")) >= 25
