"""Each current question version's place in its pool (``QuestionVersion.draw_rank``), so that
starting an exam looks up only the places it draws, whatever the size of the bank
(exams.pools, exams.sampling.draw_ranked).

A pool here is the current versions of one level, type and domain, numbered 0, 1, 2, … A bank
load numbers every pool afresh; an instructor's save gives a new version its predecessor's
place, or the pool's next one. A question retired in between leaves its place empty until the
next load (the draw passes over it); a version that is not current has no place.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select, update

from ..extensions import db
from ..models import QuestionVersion


def rank_pools() -> int:
    """Number the current versions of every pool 0, 1, 2, … by id, and take the place of every
    version that is not current. Writes only the places that change; returns how many."""
    rows = db.session.execute(
        select(QuestionVersion.id, QuestionVersion.level, QuestionVersion.type, QuestionVersion.domain,
               QuestionVersion.draw_rank)
        .where(QuestionVersion.is_current.is_(True)).order_by(QuestionVersion.id))
    following: dict[tuple[int, str, str], int] = defaultdict(int)
    changes = []
    for version_id, level, type_name, domain, rank in rows:
        pool = (level, type_name, domain)
        if rank != following[pool]:
            changes.append({"id": version_id, "draw_rank": following[pool]})
        following[pool] += 1
    if changes:
        db.session.execute(update(QuestionVersion), changes)  # by primary key, in batches
    cleared = db.session.execute(update(QuestionVersion).where(
        QuestionVersion.is_current.is_(False), QuestionVersion.draw_rank.is_not(None)).values(draw_rank=None))
    return len(changes) + cleared.rowcount


def place(version: QuestionVersion, previous: QuestionVersion | None, previous_was_current: bool) -> None:
    """Give ``version``, just made current in place of ``previous`` (its question's newest
    version before, or None), a place in its pool: the previous one's when it was current in
    the same pool, else the pool's next free number."""
    if previous is version and previous_was_current and version.draw_rank is not None:
        return  # unchanged, and in its place
    if previous is not None and previous is not version:
        same_pool = (previous.level, previous.type, previous.domain) == (version.level, version.type, version.domain)
        if previous_was_current and same_pool and previous.draw_rank is not None:
            version.draw_rank, previous.draw_rank = previous.draw_rank, None
            return
        previous.draw_rank = None
    with db.session.no_autoflush:
        top = db.session.scalar(select(func.max(QuestionVersion.draw_rank)).where(
            QuestionVersion.is_current.is_(True), QuestionVersion.level == version.level,
            QuestionVersion.type == version.type, QuestionVersion.domain == version.domain))
    version.draw_rank = 0 if top is None else top + 1
