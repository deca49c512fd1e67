"""The 오답노트 and bookmarks of a candidate.

``record_result`` is called for every scored item: by exams.lifecycle.finish_attempt for each
item of a finished mock exam (unanswered items score 0 there, so they count as missed), and by
the practice service after each checked practice item. Below full marks puts the question in the
notebook (or counts another miss); full marks on a question in the notebook is a step of its
spaced schedule (schedule.py), two right Seoul days clear it.

Answers are shown only for versions the candidate has earned them on: a finished mock exam item
or a checked practice item of that version (``earned_versions``), checked on every read.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..exams.errors import BadRequest, NotFound
from ..extensions import db
from ..models import (
    MODE_EXAM,
    STATUS_FINISHED,
    Attempt,
    AttemptItem,
    Bookmark,
    NotebookEntry,
    QuestionVersion,
    User,
)
from ..timeutil import utcnow
from . import schedule

NOTE_MAX = 2000  # characters of a personal note
PAGE_SIZE = 20
RETRY_MAX = 20  # questions in one "오답노트 다시 풀기" set


def _user_id(user: User | int) -> int:
    """A User (or Flask-Login's proxy of one) or its id."""
    return user if isinstance(user, int) else user.id


def is_below_full_marks(item: AttemptItem) -> bool:
    return item.points < item.max_points


# --- recording results -----------------------------------------------------------------


def record_result(user: User | int, item: AttemptItem, now: datetime | None = None) -> None:
    """Record one scored item (a practice check) and commit."""
    record_results(user, [item], now)
    db.session.commit()


def record_finished_attempt(attempt: Attempt, items: list[AttemptItem], now: datetime) -> None:
    """The items of an attempt just scored by lifecycle.finish_attempt (in its transaction).

    A mock exam: every item, an unanswered one too (it scored 0: a question the candidate could
    not answer is what the notebook is for). A practice set: only items answered and not checked
    since their last change (a checked one was recorded at its check; one never answered was not
    tried, and counts nothing)."""
    if attempt.mode == MODE_EXAM:
        record_results(attempt.user_id, items, now)
    else:
        record_results(attempt.user_id, [i for i in items if i.response is not None and not _checked(i)], now)


def _checked(item: AttemptItem) -> bool:
    """Checked, and the answer not changed since (then its result is already recorded)."""
    return item.checked_at is not None and (item.saved_at is None or item.saved_at <= item.checked_at)


def record_results(user: User | int, items: list[AttemptItem], now: datetime | None = None) -> None:
    """Record scored items in the caller's transaction (finish_attempt commits it). Items not
    scored (points None) or worth nothing are skipped."""
    now = now or utcnow()
    user_id = _user_id(user)
    scored = [i for i in items if i.points is not None and i.max_points]
    if not scored:
        return
    question_ids = {i.question.question_id for i in scored}
    entries = {e.question_id: e for e in db.session.scalars(select(NotebookEntry).where(
        NotebookEntry.user_id == user_id, NotebookEntry.question_id.in_(question_ids)))}
    first_misses = {i.question.question_id: i for i in scored
                    if is_below_full_marks(i) and i.question.question_id not in entries}
    inserted = _insert_first_misses(user_id, first_misses, now)
    if len(inserted) < len(first_misses):  # a parallel request (another attempt) inserted some first
        entries.update((e.question_id, e) for e in db.session.scalars(select(NotebookEntry).where(
            NotebookEntry.user_id == user_id, NotebookEntry.question_id.in_(set(first_misses) - inserted))))
    for item in scored:
        question_id = item.question.question_id
        if question_id in inserted:
            continue
        entry = entries.get(question_id)
        if is_below_full_marks(item):
            schedule.miss(entry, now)
            _note_the_miss(entry, item, now)
        elif entry is not None:
            schedule.right(entry, now)
            entry.version_id = max(entry.version_id, item.question_version_id)  # the latest one seen


def _note_the_miss(entry: NotebookEntry, item: AttemptItem, now: datetime) -> None:
    entry.version_id = item.question_version_id
    entry.attempt_item_id = item.id
    entry.missed_at = now
    entry.last_points, entry.last_max_points = item.points, item.max_points


_ENTRY_COLUMNS = [c.key for c in NotebookEntry.__table__.columns if c.key != "id"]


def _insert_first_misses(user_id: int, items: dict[str, AttemptItem], now: datetime) -> set[str]:
    """New entries for the questions missed for the first time, in one INSERT that skips a
    question whose entry a parallel request inserted first (ON CONFLICT DO NOTHING, on SQLite and
    PostgreSQL alike). Returns the question ids inserted here; the caller counts this miss on the
    others' entries."""
    if not items:
        return set()
    rows = []
    for question_id, item in items.items():
        entry = NotebookEntry(user_id=user_id, question_id=question_id, added_at=now, note="")
        schedule.start(entry, now)
        _note_the_miss(entry, item, now)
        rows.append({column: getattr(entry, column) for column in _ENTRY_COLUMNS})
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = NotebookEntry.__table__
    # One statement however many rows (executemany: SQLAlchemy sends them as multi-row VALUES);
    # a statement built with .values(rows) differed by its row count, so every submit compiled
    # (and psycopg parsed) a new one of some 600 parameters.
    statement = (insert(table).on_conflict_do_nothing(index_elements=["user_id", "question_id"])
                 .returning(table.c.question_id))
    return set(db.session.execute(statement, rows).scalars())


# --- the schedule ------------------------------------------------------------------------


def due_question_ids(user: User | int, now: datetime | None = None, limit: int | None = None) -> list[str]:
    """Questions of the notebook due now, the longest due first; only those the bank still has
    (a current version), since a practice set is drawn from current versions."""
    now = now or utcnow()
    query = (select(NotebookEntry.question_id)
             .where(NotebookEntry.user_id == _user_id(user), NotebookEntry.cleared_at.is_(None),
                    NotebookEntry.due_at <= now,
                    select(QuestionVersion.id).where(QuestionVersion.question_id == NotebookEntry.question_id,
                                                     QuestionVersion.is_current.is_(True)).exists())
             .order_by(NotebookEntry.due_at, NotebookEntry.id))
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def due_count(user: User | int, now: datetime | None = None) -> int:
    return len(due_question_ids(user, now))


# --- reading the notebook ----------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    level: int | None = None
    domain: str | None = None
    type: str | None = None

    def as_args(self) -> dict[str, Any]:
        return {k: v for k, v in (("level", self.level), ("domain", self.domain), ("type", self.type)) if v}


@dataclass
class Page:
    rows: list[Any]
    total: int
    page: int
    pages: int
    options: dict[str, list[Any]] = field(default_factory=dict)  # the filter choices: levels, domains, types


def _filtered(query: Any, filters: Filters) -> Any:
    if filters.level is not None:
        query = query.where(QuestionVersion.level == filters.level)
    if filters.domain:
        query = query.where(QuestionVersion.domain == filters.domain)
    if filters.type:
        query = query.where(QuestionVersion.type == filters.type)
    return query


def _paged(query: Any, order: list[Any], page: int) -> tuple[list[Any], int, int, int]:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = list(db.session.scalars(query.order_by(*order).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return rows, total, page, pages


def entries_page(user: User | int, filters: Filters = Filters(), page: int = 1,
                 cleared: bool = False) -> Page:
    """One page of the notebook (open entries, due first; or cleared ones, latest first)."""
    user_id = _user_id(user)
    mine = and_(NotebookEntry.user_id == user_id,
                NotebookEntry.cleared_at.is_not(None) if cleared else NotebookEntry.cleared_at.is_(None))
    base = select(NotebookEntry).join(QuestionVersion, NotebookEntry.version_id == QuestionVersion.id).where(mine)
    order = ([NotebookEntry.cleared_at.desc(), NotebookEntry.id.desc()] if cleared
             else [NotebookEntry.due_at, NotebookEntry.missed_at.desc(), NotebookEntry.id])
    rows, total, page, pages = _paged(_filtered(base.options(selectinload(NotebookEntry.version)), filters),
                                      order, page)
    choices = db.session.execute(
        select(QuestionVersion.level, QuestionVersion.domain, QuestionVersion.type).distinct()
        .join(NotebookEntry, NotebookEntry.version_id == QuestionVersion.id).where(mine)).all()
    options = {"levels": sorted({c.level for c in choices}), "domains": sorted({c.domain for c in choices}),
               "types": sorted({c.type for c in choices})}
    return Page(rows, total, page, pages, options)


def entry_of(user: User | int, entry_id: int) -> NotebookEntry:
    entry = db.session.get(NotebookEntry, entry_id)
    if entry is None or entry.user_id != _user_id(user):
        raise NotFound(_("오답노트에 없는 문항입니다"))
    return entry


def missed_items(entries: list[NotebookEntry]) -> dict[int, AttemptItem]:
    """The attempt items the entries were last missed in (with their attempts), by id."""
    ids = [e.attempt_item_id for e in entries if e.attempt_item_id is not None]
    if not ids:
        return {}
    items = db.session.scalars(select(AttemptItem).where(AttemptItem.id.in_(ids))
                               .options(selectinload(AttemptItem.attempt)))
    return {i.id: i for i in items}


def earned_versions(user: User | int, version_ids: list[int]) -> set[int]:
    """The versions among ``version_ids`` whose answer the candidate has earned: an item of theirs
    in a finished attempt (mock exam or practice set), or one checked in a practice set."""
    if not version_ids:
        return set()
    earned = or_(Attempt.status == STATUS_FINISHED, AttemptItem.checked_at.is_not(None))
    return set(db.session.scalars(
        select(AttemptItem.question_version_id).distinct()
        .join(Attempt, AttemptItem.attempt_id == Attempt.id)
        .where(Attempt.user_id == _user_id(user), AttemptItem.question_version_id.in_(version_ids), earned)))


# --- notes ------------------------------------------------------------------------------


def clean_note(text: Any) -> str:
    """A note as stored: text, line breaks as \\n, no other control characters, at most NOTE_MAX."""
    if not isinstance(text, str):
        raise BadRequest(_("메모는 글자여야 합니다"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if any(ord(c) < 32 and c not in "\n\t" or c == "\x7f" for c in text):
        raise BadRequest(_("메모에 쓸 수 없는 제어 문자가 있습니다"))
    if len(text) > NOTE_MAX:
        raise BadRequest(_("메모는 %(n)s자까지 쓸 수 있습니다 (지금 %(len)s자)", n=NOTE_MAX, len=len(text)))
    return text


def update_note(user: User | int, entry_id: int, text: Any) -> NotebookEntry:
    entry = entry_of(user, entry_id)
    entry.note = clean_note(text)
    db.session.commit()
    return entry


# --- bookmarks --------------------------------------------------------------------------


def _latest_seen_version(user_id: int, question_id: str) -> int | None:
    """The latest version of a question the candidate was shown (in any attempt), or None."""
    return db.session.scalar(
        select(AttemptItem.question_version_id)
        .join(Attempt, AttemptItem.attempt_id == Attempt.id)
        .join(QuestionVersion, AttemptItem.question_version_id == QuestionVersion.id)
        .where(Attempt.user_id == user_id, QuestionVersion.question_id == question_id)
        .order_by(AttemptItem.question_version_id.desc()).limit(1))


def toggle_bookmark(user: User | int, question_id: str) -> bool:
    """Keep a question the candidate was shown, or stop keeping it; True when kept now.
    A question they were never shown is NotFound (ids of others' questions reveal nothing)."""
    return set_bookmark(user, question_id, not _bookmark_of(_user_id(user), question_id))


def set_bookmark(user: User | int, question_id: str, keep: bool) -> bool:
    """Keep the question (``keep``) or not, whatever it was: the page's button says which, so
    a second tab or a double click cannot flip it back. Returns ``keep``."""
    user_id = _user_id(user)
    existing = _bookmark_of(user_id, question_id)
    if not keep:
        if existing is not None:
            db.session.delete(existing)
            db.session.commit()
        return False
    if existing is not None:
        return True
    version_id = _latest_seen_version(user_id, question_id)
    if version_id is None:
        raise NotFound(_("보관할 수 없는 문항입니다 (풀어 본 문항만 보관할 수 있습니다)"))
    db.session.add(Bookmark(user_id=user_id, question_id=question_id, version_id=version_id, created_at=utcnow()))
    try:
        db.session.commit()
    except IntegrityError:  # a double click: the other request kept it already
        db.session.rollback()
    return True


def _bookmark_of(user_id: int, question_id: str) -> Bookmark | None:
    return db.session.scalar(select(Bookmark).where(Bookmark.user_id == user_id, Bookmark.question_id == question_id))


def bookmarked_question_ids(user: User | int) -> set[str]:
    return set(db.session.scalars(select(Bookmark.question_id).where(Bookmark.user_id == _user_id(user))))


def bookmarks_page(user: User | int, page: int = 1) -> Page:
    query = (select(Bookmark).where(Bookmark.user_id == _user_id(user))
             .options(selectinload(Bookmark.version)))
    rows, total, page, pages = _paged(query, [Bookmark.created_at.desc(), Bookmark.id.desc()], page)
    return Page(rows, total, page, pages)
