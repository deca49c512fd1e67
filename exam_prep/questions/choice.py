"""Multiple-choice types: `single` (one correct option) and `multiple` (choose all correct)."""
from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from flask_babel import gettext as _
from pydantic import Field, field_validator, model_validator

from .base import (
    QuestionSchema,
    QuestionType,
    ResponseError,
    Score,
    form_option_number,
    one_form_value,
    require_object,
)

MAX_OPTIONS = 6


class ChoiceSchema(QuestionSchema):
    options: list[str] = Field(min_length=2, max_length=MAX_OPTIONS)

    @field_validator("options")
    @classmethod
    def _options_not_blank(cls, options: list[str]) -> list[str]:
        for number, text in enumerate(options, start=1):
            if not text:
                raise ValueError(f"{number}번 보기가 비어 있습니다")
        return options


class SingleSchema(ChoiceSchema):
    answer: int

    @model_validator(mode="after")
    def _answer_in_options(self) -> SingleSchema:
        if not 1 <= self.answer <= len(self.options):
            raise ValueError(f"answer: 정답 번호는 1부터 {len(self.options)} 사이여야 합니다 (지금 {self.answer})")
        return self


class MultipleSchema(ChoiceSchema):
    answer: list[int] = Field(min_length=1)

    @model_validator(mode="after")
    def _answers_in_options(self) -> MultipleSchema:
        bad = [n for n in self.answer if not 1 <= n <= len(self.options)]
        if bad:
            raise ValueError(f"answer: 정답 번호는 1부터 {len(self.options)} 사이여야 합니다 (지금 {bad})")
        if len(set(self.answer)) != len(self.answer):
            raise ValueError("answer: 같은 정답 번호가 두 번 나옵니다")
        self.answer = sorted(self.answer)
        return self


ChoiceT = TypeVar("ChoiceT", bound=ChoiceSchema)


def editor_number(value: str) -> int | str:
    """An option number as the editor posts it; anything else is kept for the schema to refuse."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 3 else value


class _ChoiceType(QuestionType[ChoiceT]):
    theory = True
    answers_by_form = True
    shuffles_options = True
    editor_template = "instructor/editor/choice.html"
    editor_script = "js/instructor/editor/choice.js"
    max_options: ClassVar[int] = MAX_OPTIONS
    #: Whether the editor marks the right options with check boxes (several) or a radio button.
    many_answers: ClassVar[bool] = False

    def editor_options(self, form: Mapping[str, Any]) -> list[str]:
        """The posted options.0 .. options.5, without the blank rows at the end."""
        rows = [str(form.get(f"options.{i}", "")).replace("\r\n", "\n").strip() for i in range(MAX_OPTIONS)]
        while rows and not rows[-1]:
            rows.pop()
        return rows

    def option_order(self, model: ChoiceSchema, shuffle: bool, rng: random.Random) -> list[int]:
        order = list(range(1, len(model.options) + 1))
        if shuffle:
            rng.shuffle(order)
        return order

    def public(self, model: ChoiceSchema, option_order: list[int] | None) -> dict[str, Any]:
        order = option_order or list(range(1, len(model.options) + 1))
        return {
            "question": model.question,
            "options": [{"id": n, "text": model.options[n - 1]} for n in order],
        }


class Single(_ChoiceType[SingleSchema]):
    name = "single"
    label = "객관식(하나)"
    schema = SingleSchema
    template = "questions/single.html"
    script = "js/questions/single.js"

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        keys: dict[str, Any] = {"options": self.editor_options(form)}
        chosen = form.getlist("answer")
        if chosen:
            keys["answer"] = editor_number(chosen[0]) if len(chosen) == 1 else [editor_number(v) for v in chosen]
        return keys

    def parse_response(self, raw: Any, option_order: list[int] | None, model: SingleSchema) -> dict[str, int]:
        choice = require_object(raw, "choice")
        if isinstance(choice, bool) or not isinstance(choice, int) or choice not in (option_order or []):
            raise ResponseError(_("choice는 이 문항의 보기 번호 중 하나여야 합니다"))
        return {"choice": choice}

    def from_form(self, values: list[str]) -> dict[str, int] | None:
        value = one_form_value(values)
        return None if value is None else {"choice": form_option_number(value)}

    def score(self, model: SingleSchema, response: Any) -> Score:
        chosen = response.get("choice") if response else None
        return Score(1.0 if chosen == model.answer else 0.0)

    def answer(self, model: SingleSchema) -> dict[str, int]:
        return {"choice": model.answer}


class Multiple(_ChoiceType[MultipleSchema]):
    """All-or-nothing: the chosen set must equal the correct set, as Korean CBT marks it."""

    name = "multiple"
    label = "객관식(모두 고르기)"
    schema = MultipleSchema
    template = "questions/multiple.html"
    script = "js/questions/multiple.js"
    many_answers = True

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        return {"options": self.editor_options(form), "answer": [editor_number(v) for v in form.getlist("answer")]}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: MultipleSchema) -> dict[str, list[int]]:
        choices = require_object(raw, "choices")
        allowed = set(option_order or [])
        if not isinstance(choices, list) or any(
            isinstance(c, bool) or not isinstance(c, int) or c not in allowed for c in choices
        ):
            raise ResponseError(_("choices는 이 문항의 보기 번호 목록이어야 합니다"))
        if len(set(choices)) != len(choices):
            raise ResponseError(_("choices에 같은 번호가 두 번 있습니다"))
        return {"choices": sorted(choices)}

    def from_form(self, values: list[str]) -> dict[str, list[int]] | None:
        # No box ticked posts nothing, as an untouched item does: no answer (see base.from_form).
        return {"choices": [form_option_number(v) for v in values]} if values else None

    def score(self, model: MultipleSchema, response: Any) -> Score:
        chosen = sorted(response.get("choices", [])) if response else []
        return Score(1.0 if chosen == sorted(model.answer) else 0.0)

    def answer(self, model: MultipleSchema) -> dict[str, list[int]]:
        return {"choices": list(model.answer)}
