"""The notebook's query arguments (filters, page, view), read strictly: a malformed one is a
BadRequest with a Korean reason, shared by the pages and the API."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ..exams.errors import BadRequest
from .service import Filters

MAX_PAGE = 100_000
MAX_KEY = 100  # a domain or type key


def _int(args: MultiDict[str, str], name: str, low: int, high: int, message: str) -> int | None:
    value = args.get(name, "")
    if value == "":
        return None
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise BadRequest(message)
    return int(value)


def _key(args: MultiDict[str, str], name: str) -> str | None:
    value = args.get(name, "")
    if len(value) > MAX_KEY:
        raise BadRequest(_("%(name)s 값이 너무 깁니다", name=name))
    return value or None


def filters(args: MultiDict[str, str]) -> Filters:
    return Filters(level=_int(args, "level", 1, 9, _("급수(level)는 1~9의 숫자여야 합니다")),
                   domain=_key(args, "domain"), type=_key(args, "type"))


def page(args: MultiDict[str, str]) -> int:
    return _int(args, "page", 1, MAX_PAGE, _("쪽 번호(page)는 1 이상의 숫자여야 합니다")) or 1


def cleared(args: MultiDict[str, str]) -> bool:
    view = args.get("view", "open")
    if view not in ("open", "cleared"):
        raise BadRequest(_("view는 open 또는 cleared여야 합니다"))
    return view == "cleared"


def safe_next(value: Any) -> str | None:
    """A path of this site to go back to after a POST, or None (no other host, no scheme)."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if len(value) > 2000 or any(ord(c) < 32 for c in value):
        return None
    return value
