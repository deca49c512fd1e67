"""The chooser's form and the criteria it (or a link's query string) carries."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SubmitField

from ..exams.errors import BadRequest
from .service import FREE_CAP, PracticeCriteria

MAX_VALUES = 40  # more choices than the bank has domains and types: refused, not read


class StartForm(FlaskForm):
    submit = SubmitField(_l("연습 시작"))


class ActionForm(FlaskForm):
    """Check an item, finish a set: a CSRF token and a button."""


def _ints(values: list[str], what: str) -> list[int]:
    if not all(v.isascii() and v.isdigit() and len(v) <= 2 for v in values):
        raise BadRequest(_("%(what)s 값이 숫자가 아닙니다", what=what))
    return [int(v) for v in values]


def criteria_from(args: MultiDict[str, str]) -> PracticeCriteria:
    """Criteria from the chooser's fields: level, domain (repeated), type (repeated),
    difficulty (repeated), unseen (1), size (10, 20 or free). BadRequest when malformed."""
    lists = {name: args.getlist(name) for name in ("domain", "type", "difficulty")}
    if any(len(values) > MAX_VALUES for values in lists.values()):
        raise BadRequest(_("고른 항목이 너무 많습니다"))
    level = _ints([args.get("level", "2")], _("급수"))[0]
    size_text = args.get("size", "10")
    if size_text == "free":
        size = None
    elif size_text in ("10", "20"):
        size = int(size_text)
    else:
        raise BadRequest(_("문항 수는 10, 20 또는 전부(최대 %(n)s문항)여야 합니다", n=FREE_CAP))
    return PracticeCriteria(
        level=level, domains=[d for d in lists["domain"] if d], types=[t for t in lists["type"] if t],
        difficulty=_ints(lists["difficulty"], _("난이도")), unseen_only=args.get("unseen") in ("1", "on", "true"),
        size=size)
