"""Drawing an attempt's questions: pure functions, no database.

Within each pool, questions the candidate has not seen lately come first, in random order;
then the ones seen longest ago. A question is never drawn twice in one attempt.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


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


def plan(section: dict) -> list[tuple[str | None, list[str], int]]:
    """The draws a section makes, as (domain or None, types, how many): one per domain, or one
    per type when the section counts types, or one over the whole pool."""
    if section.get("domains"):
        return [(domain, section["types"], n) for domain, n in section["domains"].items() if n > 0]
    if section.get("type_counts"):
        return [(None, [type_name], n) for type_name, n in section["type_counts"].items() if n > 0]
    return [(None, section["types"], section["count"])]
