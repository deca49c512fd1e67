"""The database side of drawing an attempt's questions (exams.sampling holds the rules).

A draw asks for the size of each part of its pool (one type and domain: an index seek each),
then looks up only the places it picks (sampling.draw_ranked), so starting an exam costs the
same with a thousand questions or a hundred thousand. A pool that is small, holds versions
without a place (bank.ranks), or has too few unseen questions is read whole instead
(sampling.draw), exactly as before places existed.
"""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select, text

from ..extensions import db
from ..models import QuestionVersion
from . import sampling

QV = QuestionVersion

# A pool: the current versions of one level and some types, in one domain or in all.
PoolKey = tuple[int, tuple[str, ...], str | None]

# Each part of a pool (a type and a domain) with its highest place and how many of its current
# versions have none: two index seeks. Without a domain, the type's domains among current
# versions are found by a loose index scan (one seek per domain). {k} numbers the pool and
# {n} the type within it ({p} is both), so the parts of every pool of a start are read in one
# statement.
_PART = """(SELECT max(q.draw_rank) FROM question_version q WHERE q.is_current = :current AND q.level = :level{k}
              AND q.type = :type{p} AND q.domain = {domain}),
           (SELECT count(*) FROM question_version q WHERE q.is_current = :current AND q.level = :level{k}
              AND q.type = :type{p} AND q.domain = {domain} AND q.draw_rank IS NULL)"""
_PART_IN_DOMAIN = "SELECT {k}, {n}, NULL, " + _PART.replace("{domain}", ":domain{k}")
_PARTS_OF_TYPE = """
WITH RECURSIVE found{p}(domain) AS (
    SELECT min(domain) FROM question_version WHERE is_current = :current AND level = :level{k} AND type = :type{p}
  UNION ALL
    SELECT (SELECT min(q.domain) FROM question_version q WHERE q.is_current = :current AND q.level = :level{k}
              AND q.type = :type{p} AND q.domain > found{p}.domain)
    FROM found{p} WHERE found{p}.domain IS NOT NULL
)
SELECT {k}, {n}, found{p}.domain, """ + _PART.replace("{domain}", "found{p}.domain") + """
FROM found{p} WHERE found{p}.domain IS NOT NULL"""


def section_draws(section: dict[str, Any]) -> list[tuple[PoolKey, int]]:
    """The draws a section of an exam makes (sampling.plan), each as its pool and how many."""
    return [((section["level"], tuple(types), domain), count) for domain, types, count in sampling.plan(section)]


class Pools:
    """The pools one start draws from. The sizes of all their parts are read in one statement,
    and the pools that will be read whole (small ones, and ones holding versions without a
    place) in one more: a start runs two statements for its pools, plus the lookups of places
    in large ones, however many sections and domains its exam has."""

    def __init__(self, keys: Sequence[PoolKey], count: int, last_seen: dict[str, int]) -> None:
        self._cells = _cells(list(dict.fromkeys(keys)))
        # What draw_ranked would give up on (its budget, with ``count`` the whole exam's, so
        # erring toward reading whole) is read whole now, all in one query.
        bound = sampling.lookup_budget(count, len(last_seen) + count)
        small = [key for key, cells in self._cells.items()
                 if cells is None or sum(cell.size for cell in cells) <= bound]
        self._whole = whole_pools(small) if small else {}

    def draw(self, key: PoolKey, count: int, last_seen: dict[str, int], used: set[str],
             rng: random.Random) -> list[sampling.Candidate]:
        """``count`` current versions of the pool ``key``, by sampling's rules; raises
        sampling.NotEnoughQuestions."""
        cells = self._cells[key]
        if cells is not None:
            picked = sampling.draw_ranked(cells, count, last_seen, used, rng, lambda places: _at(key[0], places))
            if picked is not None:
                return picked
        if key not in self._whole:  # a large pool too full of seen questions
            self._whole.update(whole_pools([key]))
        return sampling.draw(self._whole[key], count, last_seen, used, rng)


def whole_pools(keys: Sequence[PoolKey], limit: int | None = None) -> dict[PoolKey, list[sampling.Candidate]]:
    """Every current version of each pool (the first ``limit`` of them all, by id), in one query."""
    keys = list(dict.fromkeys(keys))
    query = select(QV.id, QV.question_id, QV.level, QV.type, QV.domain).where(QV.is_current.is_(True), or_(*(
        and_(QV.level == level, QV.type.in_(types), *([QV.domain == domain] if domain is not None else []))
        for level, types, domain in keys))).order_by(QV.id).limit(limit)
    pools: dict[PoolKey, list[sampling.Candidate]] = {key: [] for key in keys}
    for version_id, question_id, level, type_name, domain in db.session.execute(query):
        candidate = sampling.Candidate(version_id, question_id)
        for key in keys:
            if key[0] == level and type_name in key[1] and key[2] in (None, domain):
                pools[key].append(candidate)
    return pools


def _cells(keys: Sequence[PoolKey]) -> dict[PoolKey, list[sampling.Cell] | None]:
    """Each pool's parts and their sizes (None for a pool where a current version has no
    place), in one statement."""
    parts, params = [], {"current": True}
    for k, (level, types, domain) in enumerate(keys):
        template = _PART_IN_DOMAIN if domain is not None else _PARTS_OF_TYPE
        params[f"level{k}"] = level
        if domain is not None:
            params[f"domain{k}"] = domain
        for n, type_name in enumerate(types):
            parts.append(f"SELECT * FROM ({template.format(k=k, n=n, p=f'{k}_{n}')}) part{k}_{n}")
            params[f"type{k}_{n}"] = type_name
    rows: dict[int, list[tuple[str, str, Any, Any]]] = defaultdict(list)
    for k, n, found, top, unplaced in db.session.execute(text(" UNION ALL ".join(parts)), params):
        rows[k].append((keys[k][1][n], keys[k][2] or found, top, unplaced))
    cells: dict[PoolKey, list[sampling.Cell] | None] = {}
    for k, key in enumerate(keys):
        placed = not any(unplaced for *_, unplaced in rows[k])
        cells[key] = [sampling.Cell(t, dom, top + 1) for t, dom, top, _ in sorted(rows[k]) if top is not None] \
            if placed else None
    return cells


@cache
def _at_statement(parts: int) -> Select:
    """The current versions at some places of ``parts`` parts of a pool: built once per number
    of parts, each part an index seek per place."""
    return select(QV.id, QV.question_id, QV.type, QV.domain, QV.draw_rank).where(
        QV.is_current.is_(True), QV.level == bindparam("level"),
        or_(*(and_(QV.type == bindparam(f"type{n}"), QV.domain == bindparam(f"domain{n}"),
                   QV.draw_rank.in_(bindparam(f"ranks{n}", expanding=True))) for n in range(parts))))


def _at(level: int, places: list[sampling.Place]) -> dict[sampling.Place, list[sampling.Candidate]]:
    """The current versions at these places, in one query."""
    ranks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for type_name, domain, rank in places:
        ranks[type_name, domain].append(rank)
    params: dict[str, Any] = {"level": level}
    for n, ((type_name, domain), numbers) in enumerate(ranks.items()):
        params.update({f"type{n}": type_name, f"domain{n}": domain, f"ranks{n}": numbers})
    found: dict[sampling.Place, list[sampling.Candidate]] = defaultdict(list)
    for version_id, question_id, type_name, domain, rank in db.session.execute(_at_statement(len(ranks)), params):
        found[type_name, domain, rank].append(sampling.Candidate(version_id, question_id))
    return found
