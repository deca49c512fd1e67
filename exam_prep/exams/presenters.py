"""The shapes attempts take in pages and in the API.

Open attempts are shown through ``public`` only: a type's public view holds no answer and no
explanation. Answers appear in ``result_items`` alone, which callers reach only once finished.
"""
from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime
from typing import Any, NamedTuple

from flask_babel import gettext as _
from sqlalchemy import Text, bindparam, cast, or_, select
from sqlalchemy.orm import joinedload, selectinload

from .. import questions
from ..extensions import db
from ..lru import BoundedLRU, app_cache
from ..models import Attempt, AttemptItem, Domain, QuestionVersion
from ..questions import registry
from ..timeutil import iso, utcnow
from . import rules
from .errors import AttemptStillOpen
from .lifecycle import PageAttempt, seconds_left


def _items(attempt: Attempt) -> list[AttemptItem]:
    return list(db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)
        .order_by(AttemptItem.position).options(selectinload(AttemptItem.question))))


# Built once (Core, on the tables): the page asks for them on every load. An attempt's items
# never change once drawn (position, section, version, type, option order), so their layout is
# read once per process and kept (LAYOUT_CAPACITY attempts); each page reads only the saved
# state of the items the candidate touched.
_ITEMS, _VERSIONS = AttemptItem.__table__, QuestionVersion.__table__
_LAYOUT = (
    select(_ITEMS.c.id, _ITEMS.c.position, _ITEMS.c.section, _ITEMS.c.question_version_id, _ITEMS.c.type,
           _VERSIONS.c.content_hash, cast(_ITEMS.c.option_order, Text))
    .select_from(_ITEMS.join(_VERSIONS, _VERSIONS.c.id == _ITEMS.c.question_version_id))
    .where(_ITEMS.c.attempt_id == bindparam("attempt_id")).order_by(_ITEMS.c.position))
# Touched: saved at least once (every save raises seq), or flagged, or holding a response.
_TOUCHED = (
    select(_ITEMS.c.position, _ITEMS.c.response, _ITEMS.c.flagged, _ITEMS.c.seq)
    .where(_ITEMS.c.attempt_id == bindparam("attempt_id"),
           or_(_ITEMS.c.seq > 0, _ITEMS.c.flagged.is_(True), _ITEMS.c.response.is_not(None))))
LAYOUT_CAPACITY = 1024  # attempts; a layout is 50 short tuples (~8 KB: its strings are shared)
LAYOUTS = "exam_prep.attempt_layouts"
UNTOUCHED_STATE = (None, False, 0)  # response, flagged, seq of an item nobody saved


class PageRow(NamedTuple):
    """An item as the exam page reads it (a plain tuple: reading a field of a database Row by
    name costs some 50 times more, and the page reads ~10 fields of 50 items)."""

    id: int
    position: int
    section: int
    question_version_id: int
    type: str
    content_hash: str
    option_order: str | None  # as JSON text (cast in SQL: drivers such as psycopg decode JSON
    # themselves): only the rendered item's cache key, never decoded
    response: Any
    flagged: bool
    seq: int


def _layout_row(item_id: int, position: int, section: int, version_id: int, type_name: str, content_hash: str,
                option_order: str | None) -> tuple[Any, ...]:
    """A layout row to keep: its strings (a type, a version's hash, an option order: few distinct
    ones across attempts) interned, so that kept layouts share them (some 8 KB an attempt)."""
    return (item_id, position, section, version_id, sys.intern(type_name), sys.intern(content_hash),
            sys.intern(option_order) if option_order is not None else None)


def items_for_page(attempt: Attempt | PageAttempt) -> list[PageRow]:
    """What the exam page needs of an attempt's items, as plain rows in order: id, position,
    section, version id, type and content hash, option order (the layout, read once per process)
    and the saved state (read for the touched items only)."""
    layouts: BoundedLRU[tuple[tuple[Any, ...], ...]] = app_cache(LAYOUTS, lambda: BoundedLRU(LAYOUT_CAPACITY))
    # Keyed with the deadline too (set to the microsecond at the start): a database restored or
    # recreated under a running server may give an id to another attempt, never with its deadline.
    key = (attempt.id, attempt.deadline)
    layout = layouts.get(key)
    if layout is None:
        layout = layouts.put(key, tuple(_layout_row(*row) for row in db.session.execute(
            _LAYOUT, {"attempt_id": attempt.id})))
    states = {row[0]: row[1:] for row in db.session.execute(_TOUCHED, {"attempt_id": attempt.id})}
    return [PageRow(*item, *states.get(item[1], UNTOUCHED_STATE)) for item in layout]


def items_with_versions(ids: list[int]) -> dict[int, AttemptItem]:
    """Items by id with their question versions, in one query."""
    if not ids:
        return {}
    rows = db.session.scalars(select(AttemptItem).where(AttemptItem.id.in_(ids))
                              .options(joinedload(AttemptItem.question)))
    return {item.id: item for item in rows}


def touched_states(items: list[Any]) -> dict[str, dict[str, Any]]:
    """The saved state of the items the candidate touched (answered, flagged or cleared), by
    position; an item left out was never saved (no response, seq 0, not flagged)."""
    return {str(i.position): saved_state(i) for i in items if i.seq or i.response is not None or i.flagged}


def public_item(item: AttemptItem) -> dict[str, Any]:
    qtype = questions.get(item.type)
    view = qtype.public(registry.model_of(item.question), item.option_order)
    return {"id": item.position, "type": item.type, "section": item.section, **view,
            "template": qtype.template, "script": qtype.script}


def saved_state(item: Any) -> dict[str, Any]:
    return {"response": item.response, "seq": item.seq, "flagged": item.flagged}


def attempt_header(attempt: Attempt, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    return {
        "id": attempt.id,
        "exam": attempt.exam_id,
        "title": attempt.rules["title"],
        "status": attempt.status,
        "started_at": iso(attempt.started_at),
        "deadline": iso(attempt.deadline),
        "server_time": iso(now),
        "seconds_left": round(seconds_left(attempt, now), 1),
        "sections": [{"index": i, **s} for i, s in enumerate(attempt.rules["sections"])],
    }


def attempt_state(attempt: Attempt, include_items: bool = True, now: datetime | None = None) -> dict[str, Any]:
    items = _items(attempt)
    state = attempt_header(attempt, now)
    if include_items:
        state["items"] = [public_item(i) for i in items]
    state["responses"] = {str(i.position): saved_state(i) for i in items}
    return state


def summary(attempt: Attempt) -> dict[str, Any]:
    """The result's figures, all made by rules.summarize from the items' points (one rule), so
    they agree with the items and domains shown beside them; the verdict is the one recorded
    when the attempt finished."""
    if attempt.is_open:
        raise AttemptStillOpen(_("아직 끝나지 않은 시험입니다"))
    used = (attempt.finished_at - attempt.started_at).total_seconds() if attempt.finished_at else None
    scores = db.session.execute(
        select(AttemptItem.section, AttemptItem.points, AttemptItem.max_points, AttemptItem.response)
        .where(AttemptItem.attempt_id == attempt.id)).all()
    figures = rules.summarize(attempt.rules, [(s, p, m, r is not None) for s, p, m, r in scores])
    return {
        "id": attempt.id,
        "exam": attempt.exam_id,
        "title": attempt.rules["title"],
        "status": attempt.status,
        "finish_reason": attempt.finish_reason,
        "started_at": iso(attempt.started_at),
        "finished_at": iso(attempt.finished_at),
        "seconds_used": round(used) if used is not None else None,
        "points": figures.points,
        "max_points": figures.max_points,
        "percent": figures.percent,
        "passed": attempt.passed,
        "pass_rule": attempt.rules["pass"],
        "sections": figures.as_dict()["sections"],
    }


def result_items(attempt: Attempt) -> list[dict[str, Any]]:
    if attempt.is_open:
        raise AttemptStillOpen(_("아직 끝나지 않은 시험입니다"))
    return [review_item(item) for item in _items(attempt)]


def review_item(item: AttemptItem) -> dict[str, Any]:
    """One scored item as the review shows it (answer, explanation, points, review figure).
    Callers make sure the candidate may see it: a finished attempt, or a checked practice item."""
    model = registry.model_of(item.question)
    qtype = questions.get(item.type)
    # Options in the bank's own order, so that "정답은 2번" in an explanation matches the
    # numbers shown, whatever order the exam displayed them in.
    view = qtype.public(model, None)
    out = {
        "id": item.position, "type": item.type, "section": item.section, **view,
        "template": qtype.template, "review_template": qtype.review_template,
        "in_bank_order": qtype.shuffles_options,
        "question_id": item.question.question_id,
        "question_version": item.question.version,
        "domain": item.question.domain,
        "response": item.response,
        "flagged": item.flagged,
        "answer": qtype.answer(model),
        "explanation": model.explanation,
        "points": item.points,
        "max_points": item.max_points,
        "correct": item.points is not None and item.max_points is not None and item.points >= item.max_points,
        "detail": item.detail or {},
    }
    out["figure"] = qtype.review_figure(model, out)
    return out


def domain_breakdown(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Points per syllabus domain (partial credit included, by the same rule as the sections),
    weakest first: where to study next."""
    titles = {d.key: d.title for d in db.session.scalars(select(Domain))}
    scores: dict[str, list[tuple[float | None, float | None]]] = {}
    for item in items:
        scores.setdefault(item["domain"], []).append((item["points"], item["max_points"]))
    rows = [{"domain": key, "title": titles.get(key, key), "count": len(group), **asdict(rules.tally(group))}
            for key, group in scores.items()]
    return sorted(rows, key=lambda row: (row["percent"], row["title"]))
