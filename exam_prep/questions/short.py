"""Short-answer questions: a typed term compared with the accepted answers."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from pydantic import Field, field_validator

from .base import QuestionSchema, QuestionType, Score, one_form_value, require_object
from .fields import clean_text

MAX_LENGTH = 200
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Trim, fold case and drop spaces (Korean spacing varies: 가명 처리 = 가명처리)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


class ShortSchema(QuestionSchema):
    answer: list[str] = Field(min_length=1)

    @field_validator("answer", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [str(value)]
        if isinstance(value, list):
            return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
        return value

    @field_validator("answer")
    @classmethod
    def _not_blank(cls, answers: list[str]) -> list[str]:
        if any(not normalize(a) for a in answers):
            raise ValueError("빈 정답이 있습니다")
        return answers


class Short(QuestionType[ShortSchema]):
    name = "short"
    label = "단답형"
    schema = ShortSchema
    theory = True
    answers_by_form = True
    template = "questions/short.html"
    script = "js/questions/short.js"
    editor_template = "instructor/editor/short.html"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        """The accepted answers, one per line of the posted text; blank lines are dropped."""
        lines = str(form.get("answer", "")).splitlines()
        return {"answer": [line.strip() for line in lines if line.strip()]}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: ShortSchema) -> dict[str, str]:
        return {"text": clean_text(require_object(raw, "text"), "text", MAX_LENGTH)}

    def from_form(self, values: list[str]) -> dict[str, str] | None:
        text = one_form_value(values)
        return {"text": text} if text and text.strip() else None

    def score(self, model: ShortSchema, response: Any) -> Score:
        given = normalize(response.get("text", "")) if response else ""
        accepted = {normalize(a) for a in model.answer}
        return Score(1.0 if given and given in accepted else 0.0)

    def full_marks_response(self, model: ShortSchema) -> dict[str, str]:
        return {"text": model.answer[0]}

    def answer(self, model: ShortSchema) -> dict[str, Any]:
        return {"text": model.answer[0], "accepted": list(model.answer)}
