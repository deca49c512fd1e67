"""Drawing an attempt's questions: pure functions, no database.

Within each pool, questions the candidate has not seen lately come first, in random order;
then the ones seen longest ago. A question is never drawn twice in one attempt.
"""
from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate


@dataclass(frozen=True)
class Candidate:
    version_id: int
    question_id: str


class NotEnoughQuestions(Exception):
    def __init__(self, wanted: int, available: int) -> None:
        super().__init__(f"wanted {wanted}, only {available} available")
        self.wanted = wanted
        self.available = available


def draw(candidates: list[Candidate], count: int, last_seen: dict[str, int], used: set[str],
         rng: random.Random) -> list[Candidate]:
    """Pick ``count`` candidates not in ``used``.

    ``last_seen`` maps a question id to how recently the candidate saw it: 0 for their latest
    attempt, 1 for the one before, and so on; questions absent from it count as unseen.
    """
    pool = [c for c in candidates if c.question_id not in used]
    # Deduplicate by question id (a pool holds only current versions, but be safe).
    unique: dict[str, Candidate] = {}
    for c in pool:
        unique.setdefault(c.question_id, c)
    pool = list(unique.values())
    if len(pool) < count:
        raise NotEnoughQuestions(count, len(pool))
    rng.shuffle(pool)
    # Unseen first (key -inf), then the longest ago seen (larger index = older attempt).
    pool.sort(key=lambda c: -last_seen[c.question_id] if c.question_id in last_seen else float("-inf"))
    chosen = pool[:count]
    used.update(c.question_id for c in chosen)
    rng.shuffle(chosen)
    return chosen


@dataclass(frozen=True)
class Cell:
    """One part of a pool whose current versions are numbered 0 .. size - 1 (bank.ranks): the
    versions of one type and domain. A number may be empty (a question retired since the last
    bank load) or, rarely, held by two versions (two saves racing)."""
    type: str
    domain: str
    size: int


Place = tuple[str, str, int]  # (type, domain, number)
# The versions at some places: what draw_ranked asks the database for, a batch at a time.
Lookup = Callable[[list[Place]], dict[Place, list[Candidate]]]


def lookup_budget(count: int, skipped: int) -> int:
    """How many places draw_ranked looks up at most to find ``count`` questions while passing
    over ``skipped`` ones (seen lately or already used); a pool no larger is read whole."""
    return 4 * count + 2 * skipped + 32


def draw_ranked(cells: Sequence[Cell], count: int, last_seen: dict[str, int], used: set[str],
                rng: random.Random, lookup: Lookup) -> list[Candidate] | None:
    """What ``draw`` picks when the pool holds ``count`` questions neither seen lately nor in
    ``used``, found by looking up only drawn places: places are drawn uniformly without
    replacement, and empty places and seen or used questions are passed over, so every unseen
    question is equally likely (rejection sampling). The lookups cost the same whatever the
    pool's size. None when the pool is small next to what it must skip (loading it whole is
    cheap then), or too full of seen questions and empty places to find ``count`` within a
    few lookups: the caller then draws from the whole pool with ``draw``, which also takes
    the seen ones, oldest first."""
    total = sum(cell.size for cell in cells)
    budget = lookup_budget(count, len(last_seen) + len(used))
    if total <= budget:
        return None
    ends = list(accumulate(cell.size for cell in cells))
    tried: set[int] = set()
    chosen: list[Candidate] = []
    taken: set[str] = set()
    while len(chosen) < count:
        wanted = max(2 * (count - len(chosen)) + 4, len(tried))  # batches grow: few lookups
        batch = _untried(rng, total, min(wanted, budget - len(tried)), tried)
        if not batch:
            return None
        places = [_place(cells, ends, index) for index in batch]
        found = lookup(places)
        for place in places:
            here = found.get(place)
            if not here:
                continue
            candidate = here[0] if len(here) == 1 else rng.choice(here)
            qid = candidate.question_id
            if qid in last_seen or qid in used or qid in taken:
                continue
            chosen.append(candidate)
            taken.add(qid)
            if len(chosen) == count:
                break
    used.update(taken)
    rng.shuffle(chosen)
    return chosen


def _untried(rng: random.Random, total: int, n: int, tried: set[int]) -> list[int]:
    """``n`` indices below ``total`` not in ``tried`` (added to it), in the order drawn; ``tried``
    stays well below ``total``, so few draws repeat."""
    batch: list[int] = []
    while len(batch) < n:
        index = rng.randrange(total)
        if index not in tried:
            tried.add(index)
            batch.append(index)
    return batch


def _place(cells: Sequence[Cell], ends: list[int], index: int) -> Place:
    """The place of the pool's ``index``-th number (cells laid end to end)."""
    k = bisect_right(ends, index)
    cell = cells[k]
    return cell.type, cell.domain, index - (ends[k - 1] if k else 0)


def plan(section: dict) -> list[tuple[str | None, list[str], int]]:
    """The draws a section makes, as (domain or None, types, how many): one per domain, or one
    per type when the section counts types, or one over the whole pool."""
    if section.get("domains"):
        return [(domain, section["types"], n) for domain, n in section["domains"].items() if n > 0]
    if section.get("type_counts"):
        return [(None, [type_name], n) for type_name, n in section["type_counts"].items() if n > 0]
    return [(None, section["types"], section["count"])]
