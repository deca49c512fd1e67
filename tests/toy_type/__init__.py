"""A toy question type, whole in this one package: its module (here) and its template
(templates/toy/count.html). tests/web/test_toy_type.py registers it and takes it through the
bank, an exam, a save, the scoring and the review, as the architecture's walkthrough says.

`count`: "how many ... are there?" answered with a whole number; right or wrong.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from exam_prep.questions.base import QuestionSchema, QuestionType, ResponseError, Score, require_object

TEMPLATES = Path(__file__).parent / "templates"


class CountSchema(QuestionSchema):
    answer: int = Field(ge=0, le=1000)


class Count(QuestionType[CountSchema]):
    name = "count"
    label = "개수 세기"
    schema = CountSchema
    template = "toy/count.html"
    script = "js/questions/count.js"

    def parse_response(self, raw: Any, option_order: list[int] | None, model: CountSchema) -> dict[str, int]:
        value = require_object(raw, "count")
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000:
            raise ResponseError("count는 0부터 1000까지의 정수여야 합니다")
        return {"count": value}

    def score(self, model: CountSchema, response: Any) -> Score:
        given = (response or {}).get("count")
        return Score(1.0 if given == model.answer else 0.0, 1.0, {"given": given})

    def answer(self, model: CountSchema) -> dict[str, int]:
        return {"count": model.answer}
