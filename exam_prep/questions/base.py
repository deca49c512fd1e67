"""The contract every question type fulfils.

A question type is one module or package that owns its bank schema (a pydantic model), what the
candidate is shown (never the answer), how a response is checked and normalised, how it is
scored, and names its own template, review template and browser script (class attributes).
exam_prep.questions.registry lists the types; nothing else does.
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, Literal, TypeVar

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..labeling.score import Score


class ResponseError(ValueError):
    """A response that does not fit the item; the message is shown to the client (400)."""


class QuestionSchema(BaseModel):
    """Keys every bank question has. Type modules subclass it with their own keys."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.\-]+$")
    type: str
    level: Literal[1, 2]
    domain: str = Field(min_length=1)
    difficulty: Literal[1, 2, 3] | None = None
    question: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    source: str | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_may_be_one_string(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class StoredQuestionInvalid(ValueError):
    """A stored question version that its type's schema no longer accepts: it cannot be shown
    or scored (the bank changed shape under old versions); reported, never guessed at."""

    def __init__(self, question_id: str, version: int, reason: str) -> None:
        super().__init__(f"stored question {question_id} version {version} no longer fits its schema: {reason}")
        self.question_id = question_id
        self.version = version


ModelT = TypeVar("ModelT", bound=QuestionSchema)


class QuestionType(Generic[ModelT]):
    """Base class of a question type; subclasses set the class attributes below and work on
    their schema's model (``ModelT``): the question as the bank validated it."""

    name: ClassVar[str]
    label: ClassVar[str]  # Korean name shown to instructors (wrapped for Babel in templates)
    schema: ClassVar[type[QuestionSchema]]
    #: The Jinja template that draws the item on the exam page (and, for theory types, in the
    #: review, with ``review`` set), e.g. "questions/bbox.html".
    template: ClassVar[str]
    #: The template of the item's review picture (``review_figure``), or None: the review shows
    #: ``template`` in review mode.
    review_template: ClassVar[str | None] = None
    #: The item's browser side, a path under static/ of an ES module exporting ``read(item)``,
    #: ``apply(item, response)`` and optionally ``init(item)`` and ``typing``.
    script: ClassVar[str]
    #: The parts of the type's editor that every item of it shares (toolbar, help, strings), which
    #: a page carries once: kit name -> its template ("questions/kits/<type>.html", rendered with
    #: ``kit`` set to the name). The item's template puts ``lab.slot(...)`` where they go and
    #: names its kit in ``data-kit``. Empty for a type without such parts.
    kits: ClassVar[dict[str, str]] = {}

    #: Whether a page without JavaScript can answer this type: its template names its inputs
    #: ``item-<position>`` and ``from_form`` reads what a form posts under that name.
    answers_by_form: ClassVar[bool] = False
    #: A theory question (its text is compared with the others' by the bank's lint), not a
    #: labeling or inspection exercise.
    theory: ClassVar[bool] = False
    #: Whether the exam may show the options in another order than the bank's (the review says
    #: that it shows the bank's order).
    shuffles_options: ClassVar[bool] = False

    #: The instructor editor's section for this type's own bank keys (a Jinja partial that the
    #: question editor includes, given ``question``: the bank dict being edited, and
    #: ``problems``: field name -> messages), e.g. "instructor/editor/choice.html". Field names
    #: are the bank key paths joined by dots ("options.2", "answer", "reference"), so a
    #: validation problem at that location is shown next to its field.
    editor_template: ClassVar[str | None] = None
    #: The editor section's browser side (an ES module under static/), or None.
    editor_script: ClassVar[str | None] = None

    def from_editor(self, form: Mapping[str, Any]) -> dict[str, Any]:
        """The type's own bank keys (options and answer, image and reference, ...) as the
        editor's form posted them (a werkzeug MultiDict), in the bank's YAML shape, unchecked:
        the bank's schema checks them after, as ``bank check`` does."""
        raise NotImplementedError

    def option_order(self, model: ModelT, shuffle: bool, rng: random.Random) -> list[int] | None:
        """Bank option numbers in display order, or None for types without options."""
        return None

    def public(self, model: ModelT, option_order: list[int] | None) -> dict[str, Any]:
        """What the candidate may see before the attempt is finished: no answer, no explanation."""
        return {"question": model.question}

    def parse_response(self, raw: Any, option_order: list[int] | None, model: ModelT) -> Any:
        """Check and normalise a response from the client; raise ResponseError if malformed.

        ``option_order`` is the item's display order (choice types); ``model`` the question."""
        raise NotImplementedError

    def from_form(self, values: list[str]) -> Any:
        """The raw response (for ``parse_response``) of the values a plain HTML form posted for
        the item, all of them in order: the server's twin of ``read()`` in the type's script.
        None: the form holds no answer (no box ticked, a blank text box). Only types with
        ``answers_by_form`` implement it."""
        raise NotImplementedError

    def score(self, model: ModelT, response: Any) -> Score:
        """The points of a parsed response (None: not answered) to the question."""
        raise NotImplementedError

    def answer(self, model: ModelT) -> Any:
        """The correct answer, in the same shape as a response, for the review."""
        raise NotImplementedError

    def full_marks_response(self, model: ModelT) -> Any:
        """A response that earns full marks, unparsed (the instructor's question page shows the
        review with it, so the reference is drawn as a right answer). Most types' answer is one."""
        return self.answer(model)

    def review_figure(self, model: ModelT, item: dict[str, Any]) -> dict[str, Any] | None:
        """The view model of the item's review picture (drawn by ``review_template``) from the
        finished item (public view, response, answer, the scorer's detail); None: no picture."""
        return None


def require_object(raw: Any, key: str) -> Any:
    if not isinstance(raw, dict) or set(raw) != {key}:
        raise ResponseError(_('응답은 {"%(key)s": ...} 형식이어야 합니다', key=key))
    return raw[key]


def one_form_value(values: list[str]) -> str | None:
    """The one value a form posted for an item (radio buttons, a text box), None if none."""
    if len(values) > 1:
        raise ResponseError(_("이 문항에는 값을 하나만 보낼 수 있습니다"))
    return values[0] if values else None


def form_option_number(value: str) -> int:
    """An option number as a form posts it (the value of a radio button or a checkbox)."""
    if not (value.isascii() and value.isdigit() and len(value) <= 3):
        raise ResponseError(_("보기 번호는 숫자여야 합니다"))
    return int(value)
