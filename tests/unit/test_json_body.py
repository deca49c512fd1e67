"""The strict JSON body reader of the API: nesting counted before parsing, only what JSON allows."""
from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_prep.api import json_body
from exam_prep.api.json_body import MAX_DEPTH, MalformedBody, nesting_depth, parse

plain_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),  # surrogates excluded: those are refused (below)
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(value=plain_json, ensure_ascii=st.booleans())
def test_nesting_is_counted_as_the_parser_sees_it_and_json_reads_back(value: Any, ensure_ascii: bool) -> None:
    data = json.dumps(value, ensure_ascii=ensure_ascii).encode()
    assert nesting_depth(data) == min(depth(value), MAX_DEPTH + 1)  # counting stops past the limit
    if depth(value) <= MAX_DEPTH:
        assert parse(data) == value


def test_brackets_and_escaped_quotes_inside_strings_are_not_nesting() -> None:
    assert nesting_depth(json.dumps({"a": '[[{\\"[[', "b": ["x\\"]}).encode()) == 2
    assert parse(json.dumps(["[" * 1000]).encode()) == ["[" * 1000]


@pytest.mark.parametrize("data", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a": ' * (MAX_DEPTH + 1) + b"1" + b"}" * (MAX_DEPTH + 1),
    b"[" * 100_000,  # not even closed: refused before the parser recurses
])
def test_deep_nesting_is_refused_before_parsing(data: bytes) -> None:
    with pytest.raises(MalformedBody, match="깊게"):
        parse(data)


@pytest.mark.parametrize("data", [
    b"NaN", b"[Infinity]", b"[-Infinity]", b"1e999", b"[-1e400]", b"1" * 5000, b'"\\ud800"', b'{"\\udc00": 1}',
    b'"\xed\xa0\x80"', b"\xff", b"", b"{", b"[1,]",
])
def test_what_json_does_not_allow_is_refused(data: bytes) -> None:
    with pytest.raises(MalformedBody):
        parse(data)


def test_a_surrogate_pair_is_one_character() -> None:
    assert parse(b'"\\ud83d\\ude00"') == "\U0001f600"
    assert json_body.parse('"가"'.encode()) == "가"
