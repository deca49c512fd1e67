"""Every type's parse_response on arbitrary JSON: it returns a response or raises ResponseError,
nothing else; what it returns is UTF-8-encodable JSON that scores, and parses again to itself.

Then one test per hostile input the probe of issue 8 found (each was a 500 or a silently wrong
stored answer), and the strict field checks they share (exam_prep/questions/fields.py).
"""
from __future__ import annotations

import functools
import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_prep import questions
from exam_prep.bank.loader import load_bank
from exam_prep.config import PROJECT_ROOT
from exam_prep.questions import ResponseError, registry
from exam_prep.questions.fields import clean_text, finite_number, integer, one_of
from tests.conftest import FIXTURE_BANK
from tests.strategies import responses, seed_responses


@functools.cache
def variants(name: str) -> list[tuple[dict[str, Any], list[int] | None]]:
    """(payload, option order) of real questions of one type: the fixture bank's, and one of each
    inspection task (or other variant) that only the shipped bank has."""
    found: dict[tuple[str, Any], tuple[dict[str, Any], list[int] | None]] = {}
    for folder in (FIXTURE_BANK, PROJECT_ROOT / "question_bank"):
        for n, question in enumerate(load_bank_cached(str(folder)).questions):
            payload = question.payload()
            if payload["type"] == name and (name, payload.get("task")) not in found:
                order = questions.get(name).option_order(question.schema, True, random.Random(n))
                found[(name, payload.get("task"))] = (payload, order)
    return list(found.values())


def model_of(name: str, payload: dict[str, Any]) -> Any:
    """The payload as its type works on it, read back as a stored version is (cached per question)."""
    return _models(name, json.dumps(payload, sort_keys=True))


@functools.cache
def _models(name: str, payload: str) -> Any:
    return registry.model_from_payload(name, json.loads(payload))


@functools.cache
def load_bank_cached(folder: str) -> Any:
    return load_bank(folder)


def parse(name: str, raw: Any, variant: tuple[dict[str, Any], list[int] | None]) -> Any:
    payload, order = variant
    return questions.get(name).parse_response(raw, order, model_of(name, payload))


def check_stored(name: str, parsed: Any, variant: tuple[dict[str, Any], list[int] | None]) -> None:
    """What a save would store: strict JSON in UTF-8, a stable normal form, and a score in range."""
    json.dumps(parsed, ensure_ascii=False, allow_nan=False).encode("utf-8")
    assert parse(name, parsed, variant) == parsed
    score = questions.get(name).score(model_of(name, variant[0]), parsed)
    assert 0 <= score.points <= score.max_points


@pytest.mark.parametrize("name", questions.names())
def test_every_type_has_real_questions_and_valid_seed_responses(name: str) -> None:
    assert variants(name), f"no question of type {name} in the fixture or shipped bank"
    for variant in variants(name):
        for seed in seed_responses(name, variant[0]):
            check_stored(name, parse(name, seed, variant), variant)


@functools.cache
def hostile_responses(name: str, index: int) -> st.SearchStrategy[Any]:
    return responses(seed_responses(name, variants(name)[index][0]))


@pytest.mark.parametrize("name", questions.names())
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_json_is_parsed_or_refused(name: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(variants(name)) - 1))
    variant = variants(name)[index]
    raw = data.draw(hostile_responses(name, index))
    try:
        parsed = parse(name, raw, variant)
    except ResponseError:
        return
    check_stored(name, parsed, variant)


# --- the probe's findings, one by one ------------------------------------------------------------

def first(name: str, task: str | None = None) -> tuple[dict[str, Any], list[int] | None]:
    return next(v for v in variants(name) if v[0].get("task") == task)


def refused(name: str, raw: Any, variant: tuple[dict[str, Any], list[int] | None] | None = None) -> str:
    with pytest.raises(ResponseError) as caught:
        parse(name, raw, variant or first(name))
    return str(caught.value)


@pytest.mark.parametrize("huge", [10**400, -(10**400), 2**1024])
def test_integers_too_large_for_a_float_are_refused_as_coordinates(huge: int) -> None:
    assert "box" in refused("bbox", {"shapes": [{"label": "square", "box": [huge, 0, 5, 5]}]})
    refused("bbox", {"shapes": [{"label": "square", "box": [1, 1, huge, 5]}]})
    refused("polygon", {"shapes": [{"label": "triangle", "points": [[huge, 1], [5, 5], [1, 9]]}]})
    refused("keypoints", {"instances": [{"label": "shape", "points": [[huge, 1], None, "hidden"]}]})
    refused("ocr", {"regions": [{"points": [[1, 1], [huge, 5], [1, 9]], "text": "x"}]})
    refused("inspect", {"missed": [{"box": [1, 1, 5, huge]}]}, first("inspect", "bbox"))


@pytest.mark.parametrize("judgements", [True, 1, float("nan"), "x", {"label": 1}, False, 0, "", None])
def test_inspection_judgements_must_be_a_list(judgements: Any) -> None:
    assert "judgements" in refused("inspect", {"judgements": judgements}, first("inspect", "bbox"))


def test_inspection_missed_must_be_a_list_and_judgements_are_not_silently_merged() -> None:
    bbox = first("inspect", "bbox")
    for missed in (False, 0, "", None, True):
        refused("inspect", {"missed": missed}, bbox)
    twice = [{"label": 1, "decision": "approve"}, {"label": 1, "decision": "reject", "reason": "not_tight"}]
    assert "두 번" in refused("inspect", {"judgements": twice}, bbox)
    refused("inspect", {"judgements": [{"label": 1, "decision": "approve", "reason": "not_tight"}]}, bbox)
    assert parse("inspect", {}, bbox) == {"judgements": [], "missed": [], "verdict": None}


@pytest.mark.parametrize("label", [["PER"], {"PER": 1}, 1, None, True])
def test_a_span_label_that_is_not_a_string_is_refused(label: Any) -> None:
    assert "label" in refused("spans", {"spans": [{"start": 0, "end": 1, "label": label}]})


@pytest.mark.parametrize("name,raw", [
    ("bbox", {"shapes": [{"label": ["square"], "box": [1, 1, 5, 5]}]}),
    ("keypoints", {"instances": [{"label": {"a": 1}, "points": [None, None, None]}]}),
    ("classify", {"labels": [[["square"]], ["square"]]}),
    ("inspect", {"judgements": [{"label": 1, "decision": ["approve"]}]}),
    ("inspect", {"judgements": [{"label": 1, "decision": "reject", "reason": {"x": 1}}]}),
    ("inspect", {"verdict": ["reject"]}),
])
def test_names_that_are_lists_or_objects_are_refused(name: str, raw: Any) -> None:
    refused(name, raw, first(name, "bbox") if name == "inspect" else None)


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "nul\x00", "line\nbreak", "tab\t", "bell\x07", "\x85",
                                  "\u2028"])
def test_text_with_lone_surrogates_or_control_characters_is_refused(text: str) -> None:
    assert "text" in refused("short", {"text": text})
    refused("ocr", {"regions": [{"box": [10, 10, 20, 20], "text": text}]})


def test_text_in_any_script_is_kept_as_written() -> None:
    text = " 가명 처리 — Ünïcödé 😀 "
    assert parse("short", {"text": text}, first("short")) == {"text": text}


@pytest.mark.parametrize("box", [[1, 1, 0.004, 5], [1, 1, 5, 0.001], [1, 1, 0, 5], [1, 1, -3, 5],
                                 [-0.9, 1, 0.5, 5]])
def test_boxes_that_round_to_no_width_or_height_are_refused(box: list[float]) -> None:
    assert "box" in refused("bbox", {"shapes": [{"label": "square", "box": box}]})
    refused("ocr", {"regions": [{"box": box, "text": "x"}]})
    refused("inspect", {"missed": [{"box": box}]}, first("inspect", "bbox"))


def test_box_sides_are_checked_after_rounding() -> None:
    stored = parse("bbox", {"shapes": [{"label": "square", "box": [1.004, 2, 0.006, 5.556]}]}, first("bbox"))
    assert stored["shapes"][0]["box"] == [1.0, 2.0, 0.01, 5.56]


def test_coordinates_must_lie_on_the_image_and_an_edge_point_is_moved_onto_it() -> None:
    bbox = first("bbox")
    width, height = bbox[0]["image"]["width"], bbox[0]["image"]["height"]
    stored = parse("bbox", {"shapes": [{"label": "square", "box": [-0.4, 10, width + 0.6, 20]}]}, bbox)
    assert stored["shapes"][0]["box"] == [0.0, 10.0, float(width), 20.0]
    refused("bbox", {"shapes": [{"label": "square", "box": [-2, 10, 5, 5]}]}, bbox)
    refused("bbox", {"shapes": [{"label": "square", "box": [10, 10, width, 5]}]}, bbox)
    refused("keypoints", {"instances": [{"label": "shape", "points": [[1, height + 5], None, None]}]})
    kept = parse("keypoints", {"instances": [{"label": "shape", "points": [[1, height + 0.5], None, "hidden"]}]},
                 first("keypoints"))
    assert kept["instances"][0]["points"] == [[1.0, float(first("keypoints")[0]["image"]["height"])], None, "hidden"]


# --- the shared field checks --------------------------------------------------------------------

def test_finite_number_refuses_bools_nan_infinities_and_huge_integers() -> None:
    for value in (True, float("nan"), float("inf"), -float("inf"), 10**400, "1", None, [1]):
        with pytest.raises(ResponseError):
            finite_number(value, "x", -1e9, 1e9)
    assert finite_number(3, "x", 0, 5) == 3.0 and isinstance(finite_number(3, "x", 0, 5), float)


def test_integer_refuses_bools_and_floats() -> None:
    for value in (True, 1.0, "1", 10**400, -1):
        with pytest.raises(ResponseError):
            integer(value, "n", 0, 10)
    assert integer(10, "n", 0, 10) == 10


def test_clean_text_caps_length_and_allows_line_breaks_only_in_multiline_text() -> None:
    assert clean_text("a\nb\tc", "t", 10, multiline=True) == "a\nb\tc"
    for value in ("a\nb", "x" * 11, 5, None):
        with pytest.raises(ResponseError):
            clean_text(value, "t", 10)
    with pytest.raises(ResponseError):
        clean_text("a\rb", "t", 10, multiline=True)


def test_one_of_never_hashes_what_it_is_given() -> None:
    for value in ([], {}, ["a"], 1):
        with pytest.raises(ResponseError):
            one_of(value, {"a"}, "no")
    assert one_of("a", {"a"}, "no") == "a"
