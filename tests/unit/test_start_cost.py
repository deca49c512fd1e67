"""Drawing by places (sampling.draw_ranked): the same rules as sampling.draw (unseen first, no
repeats, uniform among the unseen), with lookups that do not grow with the pool."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from exam_prep.exams.sampling import Candidate, Cell, Place, draw_ranked


class Pool:
    """A pool of cells held in memory; counts what draw_ranked looks up."""

    def __init__(self, sizes: dict[tuple[str, str], int], empty: set[Place] = frozenset(),
                 twice: set[Place] = frozenset()) -> None:
        self.cells = [Cell(t, d, n) for (t, d), n in sorted(sizes.items())]
        self.empty = set(empty)
        self.twice = set(twice)
        self.lookups = 0
        self.places_looked_up = 0

    def lookup(self, places: list[Place]) -> dict[Place, list[Candidate]]:
        self.lookups += 1
        self.places_looked_up += len(places)
        found = {}
        for place in places:
            if place in self.empty:
                continue
            t, d, n = place
            found[place] = [Candidate(hash(place) & 0xFFFF, f"{t}-{d}-{n}")]
            if place in self.twice:
                found[place].append(Candidate(1, f"{t}-{d}-{n}-racing"))
        return found


def test_draws_the_count_from_the_pool_without_repeats() -> None:
    pool = Pool({("single", "a"): 300, ("ox", "a"): 200})
    used: set[str] = set()
    chosen = draw_ranked(pool.cells, 10, {}, used, random.Random(1), pool.lookup)
    ids = [c.question_id for c in chosen]
    assert len(ids) == len(set(ids)) == 10
    assert used == set(ids)
    assert all(i.split("-")[0] in ("single", "ox") and int(i.split("-")[2]) < 300 for i in ids)


def test_seen_and_used_questions_and_empty_places_are_passed_over() -> None:
    empty = {("single", "a", n) for n in range(0, 400, 2)}  # every other place is empty
    pool = Pool({("single", "a"): 400}, empty=empty)
    last_seen = {f"single-a-{n}": 0 for n in range(1, 100, 2)}
    used = {f"single-a-{n}" for n in range(101, 150, 2)}
    for seed in range(30):
        before = set(used)
        chosen = draw_ranked(pool.cells, 8, last_seen, set(before), random.Random(seed), pool.lookup)
        for c in chosen:
            n = int(c.question_id.rsplit("-", 1)[1])
            assert n % 2 == 1 and n >= 151, c  # not empty, not seen, not used


def test_every_unseen_question_is_equally_likely() -> None:
    pool = Pool({("single", "a"): 60, ("ox", "a"): 40})
    last_seen = {f"single-a-{n}": 1 for n in range(20)}  # 80 unseen questions remain
    picks: Counter[str] = Counter()
    rng = random.Random(7)
    for _ in range(4000):
        for c in draw_ranked(pool.cells, 5, last_seen, set(), rng, pool.lookup):
            picks[c.question_id] += 1
    assert not set(picks) & set(last_seen)
    assert len(picks) == 80
    expected = 4000 * 5 / 80  # 250 each
    assert all(abs(n - expected) < 0.25 * expected for n in picks.values()), picks.most_common(3)


def test_a_place_held_twice_gives_one_version() -> None:
    """Two versions at one place (two saves racing): one of them is drawn, never both."""
    twice = {("single", "a", n) for n in range(1000)}
    pool = Pool({("single", "a"): 1000}, twice=twice)
    chosen = draw_ranked(pool.cells, 20, {}, set(), random.Random(3), pool.lookup)
    bases = [c.question_id.removesuffix("-racing") for c in chosen]
    assert len(bases) == len(set(bases)) == 20


@pytest.mark.parametrize("size", [1_000, 1_000_000])
def test_lookups_do_not_grow_with_the_pool(size: int) -> None:
    pool = Pool({("single", "a"): size // 2, ("ox", "b"): size // 2})
    last_seen = {f"single-a-{n}": 0 for n in range(100)}
    for seed in range(20):
        draw_ranked(pool.cells, 5, last_seen, set(), random.Random(seed), pool.lookup)
    assert pool.lookups <= 20 * 3
    assert pool.places_looked_up <= 20 * (4 * 5 + 2 * 100 + 32)


def test_a_small_pool_is_left_to_the_whole_pool_draw() -> None:
    pool = Pool({("single", "a"): 40})
    assert draw_ranked(pool.cells, 5, {}, set(), random.Random(0), pool.lookup) is None
    assert pool.lookups == 0


def test_too_few_unseen_questions_are_left_to_the_whole_pool_draw() -> None:
    """Unseen questions are too few to find within the lookups: None, and nothing marked used
    (sampling.draw then takes the unseen and the oldest seen ones)."""
    pool = Pool({("single", "a"): 300})
    last_seen = {f"single-a-{n}": 0 for n in range(298)}
    used: set[str] = set()
    assert draw_ranked(pool.cells, 5, last_seen, used, random.Random(0), pool.lookup) is None
    assert used == set()


def test_a_pool_of_empty_places_is_left_to_the_whole_pool_draw() -> None:
    pool = Pool({("single", "a"): 1000}, empty={("single", "a", n) for n in range(1000)})
    assert draw_ranked(pool.cells, 5, {}, set(), random.Random(0), pool.lookup) is None
    assert pool.places_looked_up <= 4 * 5 + 32
