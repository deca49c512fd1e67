"""Reading a JSON request body strictly, before any view looks at it.

Python's json parser recurses once per level of nesting (a body of 100 000 '[' raises
RecursionError) and accepts more than JSON: NaN, Infinity, 1e999 (read as infinity) and lone
surrogates in \\u escapes (a string that cannot be encoded as UTF-8, so no page could show it).
So the nesting is counted on the raw bytes first, outside strings, and the parse refuses those
extensions.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from flask_babel import gettext as _

MAX_DEPTH = 20  # a save body nests 6 levels at most (body, response, shapes, shape, points, point)

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


class MalformedBody(ValueError):
    """A body that is not strict JSON; the message says why (Korean, shown to the client)."""


def nesting_depth(data: bytes, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of arrays and objects in ``data``, counting stops just past ``limit``."""
    depth = deepest = 0
    for byte in _STRING.sub(b"", data).translate(None, _NOT_BRACKET):
        depth += 1 if byte in _OPENING else -1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def parse(data: bytes) -> Any:
    """The JSON value of ``data``, or MalformedBody."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedBody(_("본문이 UTF-8로 쓰이지 않았습니다")) from None
    if nesting_depth(data) > MAX_DEPTH:
        raise MalformedBody(_("본문의 JSON이 너무 깊게 중첩되어 있습니다 (최대 %(n)s단계)", n=MAX_DEPTH))
    try:
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise MalformedBody(_("본문이 올바른 JSON이 아닙니다")) from None
    # UTF-8 itself cannot carry a surrogate (the strict decode above refuses one), so only a \u
    # escape can make a lone one.
    if b"\\u" in data:
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise MalformedBody(_("본문에 UTF-8로 나타낼 수 없는 문자(짝 없는 서로게이트)가 있습니다")) from None
    return value


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a float")
    return value


# One decoder for every body (json.loads with these options would build a new one each time).
_DECODER = json.JSONDecoder(parse_constant=_not_json, parse_float=_finite_float)
