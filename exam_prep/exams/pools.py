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
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select, text

from ..extensions import db
from ..models import QuestionVersion
from . import sampling

QV = QuestionVersion

# Each part of a pool (a type and a domain) with its highest place and how many of its current
# versions have none: two index seeks. Without a domain, the type's domains among current
# versions are found by a loose index scan (one seek per domain).
_PART = """(SELECT max(q.draw_rank) FROM question_version q WHERE q.is_current = :current AND q.level = :level
              AND q.type = :type{n} AND q.domain = {domain}),
           (SELECT count(*) FROM question_version q WHERE q.is_current = :current AND q.level = :level
              AND q.type = :type{n} AND q.domain = {domain} AND q.draw_rank IS NULL)"""
_PART_IN_DOMAIN = "SELECT {n}, NULL, " + _PART.replace("{domain}", ":domain")
_PARTS_OF_TYPE = """
WITH RECURSIVE found{n}(domain) AS (
    SELECT min(domain) FROM question_version WHERE is_current = :current AND level = :level AND type = :type{n}
  UNION ALL
    SELECT (SELECT min(q.domain) FROM question_version q WHERE q.is_current = :current AND q.level = :level
              AND q.type = :type{n} AND q.domain > found{n}.domain)
    FROM found{n} WHERE found{n}.domain IS NOT NULL
)
SELECT {n}, found{n}.domain, """ + _PART.replace("{domain}", "found{n}.domain") + """
FROM found{n} WHERE found{n}.domain IS NOT NULL"""


def draw(level: int, types: list[str], domain: str | None, count: int, last_seen: dict[str, int],
         used: set[str], rng: random.Random) -> list[sampling.Candidate]:
    """``count`` current versions of this level, these types (and domain), by sampling's rules;
    raises sampling.NotEnoughQuestions."""
    cells = _cells(level, types, domain)
    if cells is not None:
        picked = sampling.draw_ranked(cells, count, last_seen, used, rng, lambda places: _at(level, places))
        if picked is not None:
            return picked
    return sampling.draw(whole_pool(level, types, domain), count, last_seen, used, rng)


def whole_pool(level: int, types: list[str], domain: str | None) -> list[sampling.Candidate]:
    query = select(QV.id, QV.question_id).where(QV.is_current.is_(True), QV.level == level, QV.type.in_(types))
    if domain is not None:
        query = query.where(QV.domain == domain)
    return [sampling.Candidate(v, q) for v, q in db.session.execute(query)]


def _cells(level: int, types: list[str], domain: str | None) -> list[sampling.Cell] | None:
    """The pool's parts and their sizes, or None when a current version in it has no place."""
    template = _PART_IN_DOMAIN if domain is not None else _PARTS_OF_TYPE
    statement = " UNION ALL ".join(f"SELECT * FROM ({template.format(n=n)}) part{n}" for n in range(len(types)))
    params: dict[str, Any] = {"current": True, "level": level, **{f"type{n}": t for n, t in enumerate(types)}}
    if domain is not None:
        params["domain"] = domain
    rows = [(types[n], domain or found, top, unplaced)
            for n, found, top, unplaced in db.session.execute(text(statement), params)]
    if any(unplaced for *_, unplaced in rows):
        return None
    return [sampling.Cell(type_name, dom, top + 1) for type_name, dom, top, _ in sorted(rows) if top is not None]


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
