"""Jinja filters and globals: the ready values templates may use."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, g
from flask_babel import get_translations
from flask_babel import gettext as _
from jinja2.ext import Extension
from sqlalchemy import select

from . import markdown
from .extensions import db
from .models import Domain
from .questions import registry

SEOUL = ZoneInfo("Asia/Seoul")


def local_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    minutes, sec = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}시간 {minutes}분 {sec}초"
    return f"{minutes}분 {sec}초"


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def type_label(name: str) -> str:
    """A question type's Korean name (the bank's ``type:`` key when the type is unknown)."""
    return _(registry.get(name).label) if registry.is_registered(name) else name


def level_label(level: int | None) -> str:
    return _("%(level)s급", level=level) if level else ""


DIFFICULTY = {1: "쉬움", 2: "보통", 3: "어려움"}


def difficulty_label(difficulty: int | None) -> str:
    return _(DIFFICULTY[difficulty]) if difficulty in DIFFICULTY else _("미지정")


CHANGE_ACTIONS = {"create": "새로 만듦", "edit": "수정", "retire": "사용 중지",
                  "restore": "이전 버전으로 되돌림", "import": "가져오기"}


def change_action(action: str) -> str:
    """What an instructor did to a question (QuestionChange.action), in Korean."""
    return _(CHANGE_ACTIONS[action]) if action in CHANGE_ACTIONS else action


def domain_title(key: str) -> str:
    """A domain's Korean title from the loaded bank (read once per request), else its key."""
    if "domain_titles" not in g:
        g.domain_titles = {d.key: d.title for d in db.session.scalars(select(Domain))}
    return g.domain_titles.get(key, key)


def without(mapping: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The mapping less the given keys (what a page need not send twice)."""
    return {key: value for key, value in mapping.items() if key not in keys}


# A template line's indentation, and the blocks whose whitespace is content (left as written).
_INDENT = re.compile(r"\n\s+")
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
# A line of nothing but statements and comments, none of which writes anything there (an include,
# a call, a block, a filter, trans or raw does): its line break would be the only thing it leaves in the page.
_STATEMENT = r"\{%-?(?!\s*(?:include|call|block|filter|trans|raw)\b)(?:[^%]|%(?!\}))*%\}"
_COMMENT = r"\{#.*?#\}"
_SILENT_LINE = re.compile(rf"^((?:(?:{_STATEMENT}|{_COMMENT})[ \t]*)+)\n", re.M | re.S)


def _dedented(text: str) -> str:
    return _SILENT_LINE.sub(r"\1", _INDENT.sub("\n", text))


class Dedent(Extension):
    """Templates are sent without their lines' indentation (a quarter of the exam page's bytes)
    and without the empty lines their statements leave: each line's leading blanks are cut from
    the template's source when it is compiled, and so is the line break of a line that holds only
    statements ({% if %}, {% for %}, {% set %}...) and comments, outside <pre> and <textarea>.
    The content on either side keeps its own line breaks, so nothing that was apart is joined.
    Only the source: the values a template puts in ({{ ... }}: the bank's texts, a candidate's
    answer) keep every blank they have."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        parts = _VERBATIM.split(source)
        # split() with two groups gives [text, block, tag name, text, block, tag name, ...]
        return "".join(_dedented(part) if i % 3 == 0 else part
                       for i, part in enumerate(parts) if i % 3 != 2)


def request_translations() -> Any:
    """The translations of this request (of this application context), looked up once: Flask-Babel's
    own gettext finds them again on every call, through three context lookups (a fifth of the
    exam page's time with its sixty strings)."""
    try:
        return g._exam_prep_translations
    except AttributeError:
        g._exam_prep_translations = translations = get_translations()
        return translations


def register(app: Flask) -> None:
    app.jinja_env.add_extension(Dedent)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True)
    app.add_template_filter(without, "without")
    app.add_template_filter(markdown.render, "markdown")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(number, "number")
    app.add_template_filter(type_label, "type_label")
    app.add_template_filter(level_label, "level_label")
    app.add_template_filter(difficulty_label, "difficulty_label")
    app.add_template_filter(domain_title, "domain_title")
    app.add_template_filter(change_action, "change_action")
