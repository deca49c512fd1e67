"""Hypothesis strategies for hostile input: arbitrary JSON values, and valid responses bent out of shape.

Shared by the property test of every type's parse_response (tests/unit) and the one of the HTTP
save (tests/web).
"""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Values a parser must refuse or survive, besides what the generic strategies draw.
AWKWARD_NUMBERS = [2**63, -(2**63) - 1, 2**1024, -(10**400), 10**4000, 1e308, -1e308, 5e-324, 0.004, -0.0]
AWKWARD_TEXT = ["\ud800", "a\udfffb", "\x00", "tab\there", "line\nbreak", "\u2028", "\x7f", "\u202e", "", " ",
                "hidden", "approve", "reject", "not_tight"]

numbers = (st.integers() | st.sampled_from(AWKWARD_NUMBERS)
           | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-5, 300) | st.floats(-5, 300))
texts = st.text(st.characters(exclude_categories=()), max_size=12) | st.sampled_from(AWKWARD_TEXT)
scalars = st.none() | st.booleans() | numbers | texts


def keys_in(value: Any) -> set[str]:
    """Every object key inside ``value``."""
    if isinstance(value, dict):
        return set(value).union(*(keys_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_in(v) for v in value))
    return set()


def json_values(keys: set[str] = frozenset()) -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values; objects use the given keys (a type's real ones) and random ones."""
    key = st.sampled_from(sorted(keys)) | texts if keys else texts
    return st.recursive(scalars, lambda children: st.lists(children, max_size=5)
                        | st.dictionaries(key, children, max_size=5), max_leaves=20)


@st.composite
def bent(draw: st.DrawFn, value: Any, anything: st.SearchStrategy[Any]) -> Any:
    """``value`` with a few parts replaced, dropped, repeated or added: a near miss of a valid
    response, so that the checks deep inside a parser are reached too."""
    if draw(st.integers(0, 24)) == 0:
        return draw(anything)
    if isinstance(value, dict):
        out = {k: draw(bent(v, anything)) for k, v in value.items() if draw(st.integers(0, 24))}
        if draw(st.integers(0, 19)) == 0:
            out[draw(texts)] = draw(anything)
        return out
    if isinstance(value, list):
        out = [draw(bent(v, anything)) for v in value if draw(st.integers(0, 24))]
        if value and draw(st.integers(0, 9)) == 0:
            out += [draw(bent(v, anything)) for v in value]
        return out
    if isinstance(value, (int, float)) and not isinstance(value, bool) and draw(st.integers(0, 9)) == 0:
        return draw(numbers)
    if isinstance(value, str) and draw(st.integers(0, 14)) == 0:
        return draw(texts)
    return value


def responses(seeds: list[Any]) -> st.SearchStrategy[Any]:
    """Responses for one item: its valid responses bent (twice as often), and arbitrary JSON
    whose objects use the item's keys as well as random ones."""
    keys = set().union(*(keys_in(s) for s in seeds))
    anything = json_values(keys)
    near_misses = st.sampled_from(seeds).flatmap(lambda seed: bent(seed, anything))
    return st.one_of(near_misses, near_misses, anything)


def seed_responses(name: str, payload: dict[str, Any]) -> list[Any]:
    """Valid responses to one question: its answer as a response (and, for an inspection, one
    that rejects every label and draws a missed box)."""
    from exam_prep import questions
    from exam_prep.questions import registry

    answer = questions.get(name).answer(registry.model_from_payload(name, payload))
    if name == "short":
        return [{"text": answer["text"]}]
    if name == "inspect":
        reason = payload["reasons"][0]
        judgements = [{"label": n, "decision": "reject", "reason": reason}
                      for n in range(1, len(payload["submitted"]) + 1)]
        missed = [{"box": [1, 1, 5, 5]}] if "image" in payload else []
        return [{"judgements": judgements, "missed": missed, "verdict": "reject"},
                {"judgements": [{"label": 1, "decision": "approve"}], "verdict": None}]
    return [answer]
