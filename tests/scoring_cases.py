"""Seeded responses to a bank question, parsed and scored as an attempt would be.

Used by tests/unit/test_scoring_regression.py. Variant 0 is the right answer; later variants are
near misses made from it with the given random generator. This is the one module that knows how
a test reaches a type's scorer, so that a change of that contract changes only this file.
"""
from __future__ import annotations

import copy
import random
from typing import Any

from exam_prep import questions
from exam_prep.questions import registry
from exam_prep.questions.base import QuestionSchema, ResponseError

COORDINATE_KEYS = {"box", "points"}


def right_response(type_name: str, payload: dict[str, Any], model: QuestionSchema) -> Any:
    answer = questions.get(type_name).answer(model)
    if type_name == "short":
        return {"text": answer["text"]}
    if type_name == "inspect":
        rejected = {e["label"]: e["reason"] for e in payload.get("errors", []) if "label" in e}
        judgements = [{"label": n, "decision": "reject", "reason": rejected[n]} if n in rejected
                      else {"label": n, "decision": "approve"} for n in range(1, len(payload["submitted"]) + 1)]
        missed = [{"box": e["missed"]["box"]} for e in payload.get("errors", [])
                  if "missed" in e and e["missed"].get("box") is not None]
        response: dict[str, Any] = {"judgements": judgements, "verdict": answer["verdict"]}
        if missed:
            response["missed"] = missed
        return response
    return answer


def _label_names(payload: dict[str, Any]) -> list[str]:
    return [label["name"] if isinstance(label, dict) else label for label in payload.get("labels") or []]


def near_miss(value: Any, payload: dict[str, Any], rng: random.Random, key: str = "") -> Any:
    """``value`` bent a little: coordinates moved, list members dropped, labels swapped,
    choices and decisions changed, characters dropped from text."""
    if isinstance(value, dict):
        return _bent_object({k: near_miss(v, payload, rng, k) for k, v in value.items()}, payload, rng)
    if isinstance(value, list):
        return _bent_list(value, payload, rng, key)
    return _bent_scalar(value, payload, rng, key)


def _bent_object(out: dict[str, Any], payload: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if isinstance(out.get("label"), str) and rng.random() < 0.2 and _label_names(payload):
        out["label"] = rng.choice(_label_names(payload))
    if out.get("decision") in ("approve", "reject") and rng.random() < 0.3:
        if out["decision"] == "reject":
            return {"label": out["label"], "decision": "approve"}
        return {**out, "decision": "reject", "reason": rng.choice(payload["reasons"])}
    return out


def _bent_list(value: list[Any], payload: dict[str, Any], rng: random.Random, key: str) -> list[Any]:
    if key == "choices":
        options = range(1, len(payload["options"]) + 1)
        return sorted(rng.sample(options, rng.randint(1, len(options)))) if rng.random() < 0.6 else value
    if key in COORDINATE_KEYS or (value and all(isinstance(v, (int, float)) for v in value)):
        return [near_miss(v, payload, rng, key) for v in value]
    return [near_miss(v, payload, rng, key) for v in value if rng.random() > 0.2]


def _bent_scalar(value: Any, payload: dict[str, Any], rng: random.Random, key: str) -> Any:
    if isinstance(value, bool):
        return (not value) if key == "value" and rng.random() < 0.5 else value
    if isinstance(value, float) or (isinstance(value, int) and key in COORDINATE_KEYS):
        return round(value + rng.gauss(0, 3), 2) if rng.random() < 0.6 else value
    if isinstance(value, int) and key in ("start", "end"):
        return value + rng.choice((-1, 0, 0, 1))
    if isinstance(value, int) and key == "choice":
        return rng.randint(1, len(payload.get("options") or [1]))
    if key == "verdict":
        return rng.choice(("approve", "reject"))
    if isinstance(value, str) and key == "text" and value and rng.random() < 0.3:
        cut = rng.randrange(len(value))
        return value[:cut] + value[cut + 1:]
    return value


def score_case(schema: QuestionSchema, variant: int, rng: random.Random) -> tuple[float, float, dict] | None:
    """(points, max points, detail) of one seeded response to the question, or None when the
    response would be refused by the save (as a near miss sometimes is)."""
    type_name = schema.type
    qtype = questions.get(type_name)
    payload = schema.model_dump(mode="json", exclude_none=True)
    model = registry.model_from_payload(type_name, payload)  # as a stored version is read back
    raw = right_response(type_name, payload, model)
    if variant:
        raw = near_miss(copy.deepcopy(raw), payload, rng)
    order = qtype.option_order(model, False, rng)
    try:
        response = qtype.parse_response(raw, order, model)
    except ResponseError:
        return None
    score = qtype.score(model, response)
    return score.points, score.max_points, score.detail
