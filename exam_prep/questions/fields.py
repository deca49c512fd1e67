"""Strict checks of the values in a candidate's response, shared by every type's parse_response.

A response comes from outside, so each of its values is checked for what it is, with bounds:
numbers are finite and within the range the caller names (a bool is not a number), integers are
integers, text encodes to UTF-8 (no lone surrogates) without control characters and has a
length cap, lists have a length cap, objects have only known keys, and a name is one of the
item's own. What passes is plain JSON that stores and renders; anything else raises
ResponseError, which the save answers with 400 and the message.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from flask_babel import gettext as _

from .base import ResponseError

# One-line text: no C0/C1 control characters, no line or paragraph separators, no surrogates
# (a lone surrogate cannot be encoded as UTF-8, so a page showing it could not be sent).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Text of several lines may also hold tabs and line feeds.
_NOT_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def object_with(raw: Any, required: Collection[str], optional: Collection[str] = (), *, message: str) -> dict[str, Any]:
    """``raw`` as an object that has every required key and no key other than the optional ones."""
    if not isinstance(raw, dict) or not set(required) <= set(raw) <= {*required, *optional}:
        raise ResponseError(message)
    return raw


def bounded_list(value: Any, what: str, max_length: int, min_length: int = 0) -> list[Any]:
    if not isinstance(value, list):
        raise ResponseError(_("%(what)s는 목록이어야 합니다", what=what))
    if not min_length <= len(value) <= max_length:
        raise ResponseError(_("%(what)s는 %(low)s개부터 %(high)s개까지입니다", what=what, low=min_length,
                              high=max_length))
    return value


def finite_number(value: Any, what: str, low: float, high: float) -> float:
    """A JSON number (not a bool) from ``low`` to ``high``; NaN, infinities and integers too large
    for a float fall outside every range (they are compared, never converted, first)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ResponseError(_("%(what)s는 %(low)s부터 %(high)s 사이의 숫자여야 합니다", what=what,
                              low=_shown(low), high=_shown(high)))
    return float(value)


def integer(value: Any, what: str, low: int, high: int) -> int:
    """A JSON integer (not a bool, not 1.0) from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ResponseError(_("%(what)s는 %(low)s부터 %(high)s 사이의 정수여야 합니다", what=what, low=low, high=high))
    return value


def clean_text(value: Any, what: str, max_length: int, multiline: bool = False) -> str:
    """A string of at most ``max_length`` characters that encodes to UTF-8 and has no control
    characters (a multi-line text may have line feeds and tabs)."""
    if not isinstance(value, str):
        raise ResponseError(_("%(what)s는 문자열이어야 합니다", what=what))
    if len(value) > max_length:
        raise ResponseError(_("%(what)s는 %(n)s자 이내여야 합니다", what=what, n=max_length))
    if (_NOT_MULTILINE if multiline else _NOT_ONE_LINE).search(value):
        raise ResponseError(_("%(what)s에 쓸 수 없는 문자(제어 문자 또는 짝 없는 서로게이트)가 있습니다", what=what))
    return value


def one_of(value: Any, allowed: Collection[str], message: str) -> str:
    """A string among ``allowed`` (a list or an object is refused, never looked up)."""
    if not isinstance(value, str) or value not in allowed:
        raise ResponseError(message)
    return value


def _shown(bound: float) -> str:
    return f"{bound:g}"
