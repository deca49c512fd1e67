"""The attempt lifecycle: start (sampling), save, finish (submit or deadline), state.

Each public function owns its transaction. The save is the hot path: one small select of the
item and its attempt, then one guarded UPDATE that only writes a newer sequence number into an
attempt that is still open.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import prepared, questions
from ..accounts.sessions import Login
from ..extensions import db
from ..models import (
    MODE_EXAM,
    STATUS_FINISHED,
    STATUS_OPEN,
    Attempt,
    AttemptItem,
    ExamDefinition,
    QuestionVersion,
    User,
    is_instructor_role,
)
from ..notebook import service as notebook
from ..questions import registry
from ..questions.base import ResponseError
from ..timeutil import utcnow
from . import errors, pools, rules, sampling, unlock

FINISH_SUBMITTED = "submitted"
FINISH_TIMEOUT = "timeout"

def grace() -> timedelta:
    return timedelta(seconds=current_app.config["EXAM_PREP_GRACE_SECONDS"])


def is_past_grace(attempt_deadline: datetime, now: datetime) -> bool:
    return now > attempt_deadline + grace()


# --- start -------------------------------------------------------------------------------


def _last_seen(user_id: int) -> dict[str, int]:
    """Question ids of the candidate's latest attempts: 0 = latest attempt, 1 = the one before."""
    limit = current_app.config["EXAM_PREP_RECENT_ATTEMPTS"]
    recent_ids = db.session.scalars(
        select(Attempt.id).where(Attempt.user_id == user_id)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(limit)
    ).all()
    if not recent_ids:
        return {}
    rank = {attempt_id: i for i, attempt_id in enumerate(recent_ids)}
    seen: dict[str, int] = {}
    rows = db.session.execute(
        select(AttemptItem.attempt_id, QuestionVersion.question_id)
        .join(QuestionVersion, AttemptItem.question_version_id == QuestionVersion.id)
        .where(AttemptItem.attempt_id.in_(recent_ids))
    )
    for attempt_id, question_id in rows:
        seen[question_id] = min(seen.get(question_id, rank[attempt_id]), rank[attempt_id])
    return seen


_VERSION_KEYS = (select(QuestionVersion.id, QuestionVersion.type, QuestionVersion.content_hash)
                 .where(QuestionVersion.id.in_(bindparam("ids", expanding=True))))


def _models_of(versions: Iterable[Any]) -> dict[int, Any]:
    """The typed questions of these versions (rows with id, type and content_hash), by id: each
    from its cache, the payloads of those it lacks read in one query."""
    models = {row.id: registry.cached_model(row.id, row.content_hash) for row in versions}
    missing = [version_id for version_id, model in models.items() if model is None]
    if missing:
        for version in db.session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(missing))):
            models[version.id] = registry.model_of(version)
    return models


def open_attempt_for(user_id: int, exam_id: str) -> Attempt | None:
    return db.session.scalar(select(Attempt).where(
        Attempt.user_id == user_id, Attempt.exam_id == exam_id, Attempt.status == STATUS_OPEN))


def start_attempt(user_id: int, exam_id: str, rng: random.Random | None = None,
                  now: datetime | None = None) -> tuple[Attempt, bool]:
    """Start an attempt, or return the candidate's open one. Returns (attempt, created)."""
    now = now or utcnow()
    rng = rng or random.SystemRandom()
    exam = db.session.get(ExamDefinition, exam_id)
    if exam is None or not exam.is_active:
        raise errors.NotFound(_("없는 시험입니다"))
    finish_overdue(user_id=user_id, now=now)
    lock = unlock.lock_for(user_id, exam)
    if not lock.unlocked:
        title = lock.required_exam.title if lock.required_exam else exam.definition.get("requires")
        raise errors.ExamLocked(_("'%(title)s'에 합격해야 응시할 수 있습니다", title=title))
    existing = open_attempt_for(user_id, exam_id)
    if existing is not None:
        return existing, False

    definition = exam.definition
    last_seen = _last_seen(user_id)
    used: set[str] = set()
    drawn: list[tuple[int, sampling.Candidate]] = []
    draws = [(index, section, pool_key, count) for index, section in enumerate(definition["sections"])
             for pool_key, count in pools.section_draws(section)]
    exam_pools = pools.Pools([key for _, _, key, _ in draws], sum(count for *_, count in draws), last_seen)
    for index, section, pool_key, count in draws:
        try:
            picked = exam_pools.draw(pool_key, count, last_seen, used, rng)
        except sampling.NotEnoughQuestions as exc:
            raise errors.PoolTooSmall(_(
                "문제은행에 문항이 부족합니다 (%(section)s: %(wanted)s문항 중 %(available)s문항)",
                section=section["title"], wanted=exc.wanted, available=exc.available)) from None
        drawn.extend((index, c) for c in picked)

    # The drawn versions' types and hashes only: the typed question comes from its cache, and a
    # version's payload is read only when the cache lacks it.
    versions = {row.id: row for row in db.session.execute(_VERSION_KEYS, {"ids": [c.version_id for _, c in drawn]})}
    models = _models_of(versions.values())
    attempt = Attempt(
        user_id=user_id, exam_id=exam.id, status=STATUS_OPEN, started_at=now,
        deadline=now + timedelta(minutes=float(definition["minutes"])),
        rules={
            "title": exam.title, "level": exam.level, "minutes": definition["minutes"],
            "pass": definition["pass"],
            "sections": [{"title": s["title"], "count": s["count"]} for s in definition["sections"]],
        },
    )
    shuffle = bool(definition.get("shuffle_options"))
    items = []
    for position, (section_index, candidate) in enumerate(drawn, start=1):
        version = versions[candidate.version_id]
        items.append({
            "position": position, "section": section_index, "question_version_id": version.id,
            "type": version.type, "flagged": False, "seq": 0, "tries": 0,
            "option_order": questions.get(version.type).option_order(models[version.id], shuffle, rng),
        })
    try:
        db.session.add(attempt)
        db.session.flush()
        # The items in one multi-row INSERT (Core: no unit of work for 50 new objects).
        db.session.execute(insert(_ITEMS), [{**item, "attempt_id": attempt.id} for item in items])
        db.session.commit()
    except IntegrityError:
        # A parallel start (a double click, a second tab) committed first: the unique index of
        # open attempts refuses this one, so the candidate resumes that attempt.
        db.session.rollback()
        existing = open_attempt_for(user_id, exam_id)
        if existing is None:
            raise
        return existing, False
    return attempt, True


# --- save --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveOutcome:
    saved: bool  # False: a newer save of this item was already stored
    seq: int


class _Unset:
    """The type of UNSET: a save that leaves the item's response as it is (only flags it)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


# The save's statements are built once (Core, on the tables): the save is the request the site
# serves most, and building an ORM statement (and its cache key) cost more than running it.
_ITEMS, _ATTEMPTS, _VERSIONS = AttemptItem.__table__, Attempt.__table__, QuestionVersion.__table__
_USERS = User.__table__
# The item, its attempt, its version's hash, and the attempt's owner's account (whose login the
# save checks itself: see save_response).
_SAVE_TARGET = (
    select(_ITEMS.c.id, _ITEMS.c.type, _ITEMS.c.option_order, _ITEMS.c.question_version_id,
           _VERSIONS.c.content_hash, _ATTEMPTS.c.user_id, _ATTEMPTS.c.status, _ATTEMPTS.c.deadline,
           _USERS.c.active, _USERS.c.session_token)
    .select_from(_ITEMS.join(_ATTEMPTS, _ITEMS.c.attempt_id == _ATTEMPTS.c.id)
                 .join(_VERSIONS, _ITEMS.c.question_version_id == _VERSIONS.c.id)
                 .join(_USERS, _ATTEMPTS.c.user_id == _USERS.c.id))
    .where(_ITEMS.c.attempt_id == bindparam("attempt_id"), _ITEMS.c.position == bindparam("position")))
_SAVE_CURRENT = (
    select(_ITEMS.c.seq, _ATTEMPTS.c.status).select_from(_ITEMS.join(_ATTEMPTS, _ITEMS.c.attempt_id == _ATTEMPTS.c.id))
    .where(_ITEMS.c.id == bindparam("item_id")))
_SAVE_COLUMNS = ("seq", "saved_at", "response", "flagged")
_save_updates: dict[frozenset[str], Any] = {}


def _save_update(columns: frozenset[str]) -> Any:
    """UPDATE the given columns of one item if the new seq is newer and its attempt still open
    (one statement per set of columns, built once)."""
    statement = _save_updates.get(columns)
    if statement is None:
        still_open = exists().where(_ATTEMPTS.c.id == bindparam("open_attempt_id"), _ATTEMPTS.c.status == STATUS_OPEN)
        statement = _save_updates[columns] = (
            update(_ITEMS).where(_ITEMS.c.id == bindparam("item_id"), _ITEMS.c.seq < bindparam("new_seq"), still_open)
            .values({name: bindparam(f"new_{name}", type_=_ITEMS.c[name].type)
                     for name in _SAVE_COLUMNS if name in columns}))
    return statement


# What _owned says when the row is not the owner's: translated only when it is raised.
_NO_ITEM = _l("없는 문항입니다")
_NO_ATTEMPT = _l("없는 시험입니다")


def _owned(row: Any, owner: int | Login, missing: Any) -> Any:
    """``row`` (with the attempt's ``user_id`` and its owner's ``active`` and ``session_token``)
    if ``owner`` owns it: the id of a user already logged in, or a session's ``Login``, checked
    here on the account row the caller's own statement read. NotLoggedIn when the login is no
    longer admitted; NotFound (with ``missing``) when the row is not theirs or there is none,
    so ids of others reveal nothing."""
    login = owner if isinstance(owner, Login) else None
    if row is not None and row.user_id == (login.user_id if login else owner):
        if login and not login.admits(row.active, row.session_token):
            raise errors.NotLoggedIn(_("로그인이 필요합니다"))
        return row
    if login:  # not theirs, or no such row: first, is the login still good at all?
        account = db.session.execute(select(User.active, User.session_token)
                                     .where(User.id == login.user_id)).one_or_none()
        if account is None or not login.admits(account.active, account.session_token):
            raise errors.NotLoggedIn(_("로그인이 필요합니다"))
    raise errors.NotFound(str(missing))


def _save_target(cursor: Any, owner: int | Login, attempt_id: int, position: int) -> Any:
    """The item to save, its attempt and its owner's account, once the owner is checked."""
    row = _prepared(_SAVE_TARGET).one_or_none(cursor, {"attempt_id": attempt_id, "position": position})
    return _owned(row, owner, _NO_ITEM)


def _prepared(statement: Any) -> prepared.Prepared:
    return prepared.prepared(statement, db.engine.dialect)


@contextmanager
def _save_cursor() -> Iterator[Any]:
    """The DBAPI cursor a save runs its statements on (exam_prep.prepared), committed when the
    save's block ends without an error and rolled back when it raises.

    The API's save, the request the site serves most, comes before anything in its request
    used the ORM session: it runs on a pooled connection of its own (one checkout, one
    transaction), without the session's or the Core connection's bookkeeping, which cost it
    more than its statements. A save in a request whose session already holds a transaction
    (a form post, whose user and attempt were loaded) runs in that transaction, so that what
    the request does next (finishing the attempt) reads the saved answer and no second
    connection waits on the first's locks."""
    if db.session.registry.has() and db.session().in_transaction():
        session = db.session()
        with closing(session.connection().connection.dbapi_connection.cursor()) as cursor:
            yield cursor
        session.commit()
        return
    connection = db.engine.raw_connection()  # a pool checkout; closing it checks it back in
    try:
        with closing(connection.cursor()) as cursor:
            yield cursor
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def _model(row: Any) -> Any:
    """The item's typed question: cached per version; its payload is read only on a miss."""
    return (registry.cached_model(row.question_version_id, row.content_hash)
            or registry.model_of(db.session.get(QuestionVersion, row.question_version_id)))


def save_response(owner: int | Login, attempt_id: int, position: int, seq: int, raw: Any = UNSET,
                  flagged: bool | None = None, now: datetime | None = None) -> SaveOutcome:
    """Store the item's response (``raw``, checked by its type; None clears it; UNSET keeps it)
    and/or its flag, if ``seq`` is newer than the stored one and the attempt is still open.

    ``owner`` is the id of a user already logged in, or a session's ``Login`` not checked yet:
    the save checks it on the account row its own statement reads (NotLoggedIn when the account
    no longer admits it), so the API's save loads no user first."""
    now = now or utcnow()
    with _save_cursor() as cursor:
        row = _save_target(cursor, owner, attempt_id, position)
        if row.status != STATUS_OPEN:
            raise errors.AttemptClosed(_("이미 끝난 시험입니다"))
        late = is_past_grace(row.deadline, now)
        if not late:
            values = _save_values(row, seq, raw, flagged, now)
            columns = frozenset(name.removeprefix("new_") for name in values)
            update = _prepared(_save_update(columns))
            stored = update.execute(cursor, {"item_id": row.id, "open_attempt_id": attempt_id, **values}).rowcount == 1
            current = None if stored else _prepared(_SAVE_CURRENT).one(cursor, {"item_id": row.id})
    if late:
        db.session.rollback()
        finish_attempt(attempt_id, FINISH_TIMEOUT, now)
        raise errors.AttemptClosed(_("시험 시간이 끝나 저장할 수 없습니다"))
    if current is None:
        return SaveOutcome(True, seq)
    if current.status != STATUS_OPEN:
        raise errors.AttemptClosed(_("이미 끝난 시험입니다"))
    return SaveOutcome(False, current.seq)


def _save_values(row: Any, seq: int, raw: Any, flagged: bool | None, now: datetime) -> dict[str, Any]:
    """The save's new column values (bound as ``new_<column>``): the response checked by the
    item's type (BadRequest if it refuses it), the flag, the seq and the time."""
    values: dict[str, Any] = {"new_seq": seq, "new_saved_at": now}
    if raw is not UNSET:
        try:
            values["new_response"] = None if raw is None else questions.get(row.type).parse_response(
                raw, row.option_order, _model(row))
        except ResponseError as exc:
            raise errors.BadRequest(str(exc)) from None
    if flagged is not None:
        values["new_flagged"] = flagged
    return values


# --- finish ------------------------------------------------------------------------------


def finish_attempt(attempt_id: int, reason: str, now: datetime | None = None) -> Attempt:
    """Finish and score an attempt; idempotent, and safe when two requests race.

    The guarded UPDATE claims the attempt: only the request that flips it from open scores it,
    in the same transaction. Any other request finds it finished and returns the stored result.
    """
    now = now or utcnow()
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        raise errors.NotFound(_("없는 시험입니다"))
    if attempt.status != STATUS_OPEN:
        return attempt
    finished_at = min(now, attempt.deadline)
    if now >= attempt.deadline:
        reason = FINISH_TIMEOUT  # the page's own submit at zero, or a late one: time ran out
    claimed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt_id, Attempt.status == STATUS_OPEN)
        .values(status=STATUS_FINISHED, finished_at=finished_at, finish_reason=reason)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        db.session.expire_all()
        return db.session.get(Attempt, attempt_id)
    db.session.expire(attempt)
    items = db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt_id)
        # Scoring reads the typed question from its cache: a version's payload only on a miss.
        .options(selectinload(AttemptItem.question).defer(QuestionVersion.payload))
    ).all()
    scored = []
    for item in items:
        score = questions.get(item.type).score(registry.model_of(item.question), item.response)
        answered = item.response is not None
        # An item left unanswered earns nothing, whatever a scorer makes of an empty response
        # (an inspection with nothing wrong in it, an image whose right labels are none); the
        # detail stays, so the review still shows what the item wanted.
        points = score.points if answered else 0.0
        item.points, item.max_points, item.detail = points, score.max_points, score.detail
        scored.append((item.section, points, score.max_points, answered))
    summary = rules.summarize(attempt.rules, scored)
    attempt.score, attempt.max_score = summary.points, summary.max_points
    # A practice set has no verdict: it can never pass anything (nor unlock an exam).
    attempt.percent, attempt.passed = summary.percent, (summary.passed if attempt.mode == MODE_EXAM else None)
    attempt.summary = summary.as_dict()
    notebook.record_finished_attempt(attempt, items, finished_at)  # the 오답노트 (docs/study.md)
    db.session.commit()
    return attempt


def finish_overdue(user_id: int | None = None, now: datetime | None = None) -> int:
    """Finish every open attempt past its deadline and grace, from its saved answers."""
    now = now or utcnow()
    query = select(Attempt.id).where(Attempt.status == STATUS_OPEN, Attempt.deadline < now - grace())
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    ids = db.session.scalars(query).all()
    for attempt_id in ids:
        finish_attempt(attempt_id, FINISH_TIMEOUT, now)
    return len(ids)


# --- reading -----------------------------------------------------------------------------

# Built once, like the save's statements: every page of an attempt loads it.
_ATTEMPT_BY_ID = select(Attempt).where(Attempt.id == bindparam("attempt_id"))


def load_attempt_for(user_id: int, attempt_id: int, now: datetime | None = None) -> Attempt:
    """The user's attempt, finished and scored first if its time (with grace) is up; NotFound
    when it is not theirs, so ids of others reveal nothing.

    Opening one attempt is where a candidate's request scores it once its time is up (besides a
    late save to it, starting a new exam, and ``flask exams finish-overdue``); pages that list
    attempts only read them."""
    now = now or utcnow()
    attempt = db.session.execute(_ATTEMPT_BY_ID, {"attempt_id": attempt_id}).scalar_one_or_none()
    if attempt is None or attempt.user_id != user_id:
        raise errors.NotFound(_("없는 시험입니다"))
    if attempt.status == STATUS_OPEN and is_past_grace(attempt.deadline, now):
        return finish_attempt(attempt.id, FINISH_TIMEOUT, now)
    return attempt


# The exam page's attempt and its owner's account, as one plain row (no objects: the page is
# the request served most after the save, and it only reads).
_PAGE_ATTEMPT = (
    select(_ATTEMPTS.c.id, _ATTEMPTS.c.user_id, _ATTEMPTS.c.mode, _ATTEMPTS.c.status, _ATTEMPTS.c.deadline,
           _ATTEMPTS.c.rules, _USERS.c.username, _USERS.c.role, _USERS.c.active, _USERS.c.session_token)
    .select_from(_ATTEMPTS.join(_USERS, _ATTEMPTS.c.user_id == _USERS.c.id))
    .where(_ATTEMPTS.c.id == bindparam("attempt_id")))


@dataclass(frozen=True)
class PageAttempt:
    """What the exam page reads of an attempt, and who its candidate is."""

    id: int
    mode: str
    status: str
    deadline: datetime
    rules: dict[str, Any]
    username: str
    is_instructor: bool

    @property
    def is_open(self) -> bool:
        return self.status == STATUS_OPEN


def page_attempt(owner: int | Login, attempt_id: int, now: datetime | None = None) -> PageAttempt:
    """The attempt for its exam page, as ``load_attempt_for`` finds it (finished and scored
    first once its time is up), read with its owner's account in one statement: a session's
    ``Login`` is checked on that row (see ``_owned``), so the page loads no user first."""
    now = now or utcnow()
    row = _owned(db.session.execute(_PAGE_ATTEMPT, {"attempt_id": attempt_id}).one_or_none(), owner, _NO_ATTEMPT)
    status = row.status
    if status == STATUS_OPEN and is_past_grace(row.deadline, now):
        status = finish_attempt(row.id, FINISH_TIMEOUT, now).status
    return PageAttempt(row.id, row.mode, status, row.deadline, row.rules, row.username,
                       is_instructor_role(row.role))


def time_is_up(attempt: Attempt, now: datetime | None = None) -> bool:
    """Still open in the database but past its deadline and grace: scored when next opened."""
    return attempt.status == STATUS_OPEN and is_past_grace(attempt.deadline, now or utcnow())


def seconds_left(attempt: Attempt | PageAttempt, now: datetime | None = None) -> float:
    if attempt.status != STATUS_OPEN:
        return 0.0
    now = now or utcnow()
    return max(0.0, (attempt.deadline - now).total_seconds())
