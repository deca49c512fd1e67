"""The scorers give the same results on the whole shipped bank, before and after a refactor.

For every question of question_bank/ a few seeded responses are made from its answer (the answer
itself, then near misses: coordinates moved, labels dropped or swapped, choices changed), parsed
as the save would parse them and scored. Points and the scorer's detail are compared with
tests/fixtures/scoring_regression.json, which was written by the scorers before the question
types were reorganised. A change of a scoring rule is deliberate: regenerate the file with
EXAM_PREP_REGENERATE_SCORES=1 and say why in the commit.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from exam_prep.bank import load_bank
from exam_prep.config import PROJECT_ROOT
from tests.scoring_cases import score_case

EXPECTED = Path(__file__).parent.parent / "fixtures" / "scoring_regression.json"
VARIANTS = 4  # responses per question: the answer and three near misses


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _digest(value: Any) -> str:
    canonical = json.dumps(_rounded(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def current_scores() -> dict[str, list[Any]]:
    bank = load_bank(PROJECT_ROOT / "question_bank")
    scores: dict[str, list[Any]] = {}
    for question in sorted(bank.questions, key=lambda q: q.id):
        rng = random.Random(question.id)
        results = []
        for variant in range(VARIANTS):
            outcome = score_case(question.schema, variant, rng)
            if outcome is None:
                results.append(None)  # the near miss was not a valid response: refused at save
                continue
            points, max_points, detail = outcome
            results.append([round(points, 9), max_points, _digest(detail)])
        scores[question.id] = results
    return scores


@pytest.fixture(scope="module")
def scores() -> dict[str, list[Any]]:
    return current_scores()


def test_the_scorers_give_the_recorded_results_on_the_shipped_bank(scores: dict[str, list[Any]]) -> None:
    if os.environ.get("EXAM_PREP_REGENERATE_SCORES"):
        EXPECTED.write_text(json.dumps(scores, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert sorted(scores) == sorted(expected), "the shipped bank's questions changed: regenerate deliberately"
    differing = {qid: (expected[qid], got) for qid, got in scores.items() if got != expected[qid]}
    assert not differing, f"{len(differing)} questions score differently, e.g. {list(differing.items())[:3]}"


def test_the_cases_cover_every_type_with_right_and_partly_wrong_responses(scores: dict[str, list[Any]]) -> None:
    bank = load_bank(PROJECT_ROOT / "question_bank")
    types = {q.id: q.schema.type for q in bank.questions}
    scored = [(types[qid], r) for qid, results in scores.items() for r in results if r is not None]
    assert len(scored) >= 1500
    for type_name in set(types.values()):
        points = [r[0] for t, r in scored if t == type_name]
        assert any(p == 1.0 for p in points), f"{type_name}: no fully right response"
        assert any(p < 1.0 for p in points), f"{type_name}: no response that lost points"
