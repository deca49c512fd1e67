"""A question version as the candidate sees it, with its answer marked: the item the review
pages draw (public view in the bank's order, the answer, the explanation, and for labeling and
inspection exercises the review picture), answered with the type's full-marks response, so the
reference is drawn over the image as a right answer."""
from __future__ import annotations

import random
from typing import Any

from ..models import QuestionVersion
from ..questions import registry
from ..questions.base import QuestionSchema, ResponseError

EXAM_ITEM, REVIEW_ITEM = 1, 2  # item ids (its inputs are named item-<id>): one page may show both


def preview_item(type_name: str, model: QuestionSchema, item_id: int = EXAM_ITEM) -> dict[str, Any]:
    """The item as the exam page shows it (public view only, options in the bank's order)."""
    qtype = registry.get(type_name)
    return {"id": item_id, "type": type_name, **qtype.public(model, None),
            "template": qtype.template, "script": qtype.script}


def answered_item(type_name: str, model: QuestionSchema, item_id: int = REVIEW_ITEM) -> dict[str, Any]:
    """The item as the review shows it, answered with its own answer."""
    qtype = registry.get(type_name)
    answer = qtype.answer(model)
    order = qtype.option_order(model, False, random.Random(0))
    try:
        response = qtype.parse_response(qtype.full_marks_response(model), order, model)
    except ResponseError:
        response = None  # shown as not answered: the reference alone
    score = qtype.score(model, response)
    item = {**preview_item(type_name, model, item_id), "review_template": qtype.review_template,
            "in_bank_order": qtype.shuffles_options, "response": response, "answer": answer,
            "explanation": model.explanation, "points": score.points, "max_points": score.max_points,
            "correct": score.correct, "detail": score.detail or {}}
    item["figure"] = qtype.review_figure(model, item)
    return item


def shown_version(version: QuestionVersion) -> dict[str, Any]:
    return answered_item(version.type, registry.model_of(version))
