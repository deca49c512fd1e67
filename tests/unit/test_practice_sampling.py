"""Choosing a practice set's questions (pure) and checking the criteria."""
from __future__ import annotations

import random

import pytest

from exam_prep.exams.errors import BadRequest
from exam_prep.exams.sampling import Candidate
from exam_prep.practice.service import FREE_CAP, PracticeCriteria, choose

POOL = [Candidate(n, f"q{n}") for n in range(1, 13)]


def test_unseen_questions_are_chosen_before_seen_ones() -> None:
    seen = {f"q{n}" for n in range(1, 9)}
    for seed in range(20):
        picked = choose(POOL, 6, seen, False, random.Random(seed))
        ids = {c.question_id for c in picked}
        assert len(picked) == 6 and {"q9", "q10", "q11", "q12"} <= ids


def test_unseen_only_leaves_out_every_seen_question() -> None:
    picked = choose(POOL, 10, {"q1", "q2", "q3"}, True, random.Random(1))
    assert sorted(c.version_id for c in picked) == list(range(4, 13))
    assert choose(POOL, 10, {c.question_id for c in POOL}, True, random.Random(1)) == []


def test_fewer_matches_than_the_size_gives_them_all_once() -> None:
    doubled = POOL + [Candidate(99, "q1")]  # a question twice (two versions): drawn once
    picked = choose(doubled, 20, set(), False, random.Random(3))
    assert len(picked) == 12 and len({c.question_id for c in picked}) == 12


def test_the_order_is_random_but_fixed_by_the_seed() -> None:
    orders = {tuple(c.version_id for c in choose(POOL, 12, set(), False, random.Random(s))) for s in range(10)}
    assert len(orders) > 1
    assert choose(POOL, 12, set(), False, random.Random(7)) == choose(POOL, 12, set(), False, random.Random(7))


@pytest.mark.parametrize("kwargs", [
    {"level": 3}, {"level": 2, "size": 15}, {"level": 2, "types": ["nope"]}, {"level": 2, "difficulty": [0]},
])
def test_criteria_out_of_range_are_refused(app, kwargs) -> None:
    with app.test_request_context(), pytest.raises(BadRequest):
        PracticeCriteria(**kwargs)


def test_free_size_means_every_match_up_to_the_cap(app) -> None:
    with app.test_request_context():
        assert PracticeCriteria(level=2, size=None).count == FREE_CAP
        assert PracticeCriteria(level=1, size=20, types=["inspect"]).count == 20
