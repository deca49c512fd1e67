"""O/X questions: a statement the candidate judges true (O) or false (X)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from pydantic import field_validator

from .base import QuestionSchema, QuestionType, ResponseError, Score, one_form_value, require_object


class OxSchema(QuestionSchema):
    answer: bool

    @field_validator("answer", mode="before")
    @classmethod
    def _o_or_x(cls, value: Any) -> Any:
        # Instructors may write O / X as on the paper exam.
        if isinstance(value, str) and value.strip().upper() in {"O", "X"}:
            return value.strip().upper() == "O"
        if not isinstance(value, bool):
            raise ValueError("answer는 true(O) 또는 false(X)여야 합니다")
        return value


class Ox(QuestionType[OxSchema]):
    name = "ox"
    label = "O/X"
    schema = OxSchema
    theory = True
    answers_by_form = True
    template = "questions/ox.html"
    script = "js/questions/ox.js"
    editor_template = "instructor/editor/ox.html"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        """The O/X radio buttons post "true" or "false"; no choice posts no answer key."""
        value = form.get("answer")
        if value is None or value == "":
            return {}
        return {"answer": {"true": True, "false": False}.get(value, value)}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: OxSchema) -> dict[str, bool]:
        value = require_object(raw, "value")
        if not isinstance(value, bool):
            raise ResponseError(_("value는 true 또는 false여야 합니다"))
        return {"value": value}

    def from_form(self, values: list[str]) -> dict[str, bool] | None:
        value = one_form_value(values)
        if value is None:
            return None
        if value not in ("true", "false"):
            raise ResponseError(_("O/X 답은 true 또는 false여야 합니다"))
        return {"value": value == "true"}

    def score(self, model: OxSchema, response: Any) -> Score:
        value = response.get("value") if response else None
        return Score(1.0 if value is model.answer else 0.0)

    def answer(self, model: OxSchema) -> dict[str, bool]:
        return {"value": model.answer}
