"""Jinja filters and globals: the ready values templates may use."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask, g
from flask_babel import gettext as _
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


def register(app: Flask) -> None:
    app.add_template_filter(markdown.render, "markdown")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(number, "number")
    app.add_template_filter(type_label, "type_label")
    app.add_template_filter(level_label, "level_label")
    app.add_template_filter(difficulty_label, "difficulty_label")
    app.add_template_filter(domain_title, "domain_title")
    app.add_template_filter(change_action, "change_action")
