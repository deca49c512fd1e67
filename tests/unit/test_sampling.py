"""Drawing questions: pool sizes, no repeats, unseen first."""
from __future__ import annotations

import random

import pytest

from exam_prep.exams.sampling import Candidate, NotEnoughQuestions, draw, plan


def pool(prefix: str, n: int) -> list[Candidate]:
    return [Candidate(i, f"{prefix}{i}") for i in range(n)]


def test_draws_the_count_without_repeats() -> None:
    used: set[str] = set()
    first = draw(pool("q", 10), 6, {}, used, random.Random(0))
    second = draw(pool("q", 10), 4, {}, used, random.Random(0))
    ids = [c.question_id for c in first + second]
    assert len(ids) == len(set(ids)) == 10


def test_not_enough_questions() -> None:
    with pytest.raises(NotEnoughQuestions) as caught:
        draw(pool("q", 3), 4, {}, set(), random.Random(0))
    assert (caught.value.wanted, caught.value.available) == (4, 3)


def test_unseen_questions_come_first() -> None:
    candidates = pool("q", 10)
    last_seen = {f"q{i}": 0 for i in range(6)}  # six seen in the latest attempt
    for seed in range(20):
        chosen = draw(candidates, 4, last_seen, set(), random.Random(seed))
        assert {c.question_id for c in chosen} == {"q6", "q7", "q8", "q9"}


def test_oldest_seen_come_before_recently_seen() -> None:
    candidates = pool("q", 4)
    last_seen = {"q0": 0, "q1": 0, "q2": 3, "q3": 3}
    chosen = draw(candidates, 2, last_seen, set(), random.Random(1))
    assert {c.question_id for c in chosen} == {"q2", "q3"}


def test_draw_is_random_among_unseen() -> None:
    results = {tuple(sorted(c.question_id for c in draw(pool("q", 20), 5, {}, set(), random.Random(s))))
               for s in range(10)}
    assert len(results) > 1


def test_plan_of_a_section() -> None:
    types = ["single", "ox"]
    assert plan({"count": 5, "types": types}) == [(None, types, 5)]
    assert plan({"count": 5, "types": types, "domains": {"a": 3, "b": 2, "c": 0}}) == [("a", types, 3), ("b", types, 2)]
    assert plan({"count": 5, "types": types, "type_counts": {"single": 4, "ox": 1}}) == [
        (None, ["single"], 4), (None, ["ox"], 1)]
