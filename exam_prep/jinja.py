"""Jinja filters and globals: the ready values templates may use."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask

from . import markdown

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


def register(app: Flask) -> None:
    app.add_template_filter(markdown.render, "markdown")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(duration, "duration")
    app.add_template_filter(number, "number")
