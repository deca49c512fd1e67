"""Practice sets: untimed sets of questions the candidate chooses, checked one item at a time.

A practice set is an Attempt with mode 'practice' and no exam (exam_id None), so nothing in it
can unlock an exam or count as a mock exam. Its items are saved by the exam's own save path
(lifecycle.save_response: ownership, sequence guard, offline journal in the page). Checking an
item scores its saved response at once and from then on its answer and explanation may be sent
(AttemptItem.checked_at); the candidate may change the answer and check again (tries).
"""
from __future__ import annotations

import random
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import questions
from ..exams import errors, lifecycle, presenters, sampling
from ..extensions import db
from ..models import MODE_PRACTICE, STATUS_OPEN, Attempt, AttemptItem, QuestionVersion, User
from ..notebook.service import record_result
from ..questions import registry
from ..timeutil import utcnow

SIZES = (10, 20)  # the sizes offered; None ("free") is every matching question up to FREE_CAP
FREE_CAP = 50
LEVELS = (1, 2)
DIFFICULTIES = (1, 2, 3)
# A practice set has no time limit; the attempt's deadline lies far beyond any use of it, so
# the exam's deadline rules (grace, overdue finishing) never touch it.
NO_DEADLINE = timedelta(days=365 * 100)


class NoMatchingQuestions(errors.PoolTooSmall):
    """No current question fits the chosen criteria: no set is made."""


@dataclass
class PracticeCriteria:
    level: int
    domains: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    difficulty: list[int] = field(default_factory=list)
    unseen_only: bool = False
    size: int | None = 10

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise errors.BadRequest(_("급수는 1급 또는 2급이어야 합니다"))
        if self.size is not None and self.size not in SIZES:
            raise errors.BadRequest(_("문항 수는 10, 20 또는 전부(최대 %(n)s문항)여야 합니다", n=FREE_CAP))
        unknown = [t for t in self.types if not questions.is_registered(t)]
        if unknown:
            raise errors.BadRequest(_("알 수 없는 문제 유형: %(types)s", types=", ".join(unknown)))
        if any(d not in DIFFICULTIES for d in self.difficulty):
            raise errors.BadRequest(_("난이도는 1(쉬움), 2(보통), 3(어려움) 중에서 골라야 합니다"))

    @property
    def count(self) -> int:
        return self.size or FREE_CAP


@dataclass(frozen=True)
class CheckResult:
    position: int
    points: float
    max_points: float
    correct: bool
    tries: int
    review: dict[str, Any]  # the item as the review shows it (presenters.review_item)


# --- choosing ----------------------------------------------------------------------------


def seen_question_ids(user_id: int) -> set[str]:
    """Every question the candidate was ever given, in a mock exam or a practice set."""
    return set(db.session.scalars(
        select(QuestionVersion.question_id).distinct()
        .join(AttemptItem, AttemptItem.question_version_id == QuestionVersion.id)
        .join(Attempt, AttemptItem.attempt_id == Attempt.id)
        .where(Attempt.user_id == user_id)))


def matching(criteria: PracticeCriteria) -> list[sampling.Candidate]:
    """The current versions that fit the criteria (before "not seen yet")."""
    query = select(QuestionVersion.id, QuestionVersion.question_id).where(
        QuestionVersion.is_current.is_(True), QuestionVersion.level == criteria.level)
    if criteria.domains:
        query = query.where(QuestionVersion.domain.in_(criteria.domains))
    if criteria.types:
        query = query.where(QuestionVersion.type.in_(criteria.types))
    if criteria.difficulty:
        query = query.where(QuestionVersion.difficulty.in_(criteria.difficulty))
    return [sampling.Candidate(v, q) for v, q in db.session.execute(query.order_by(QuestionVersion.id))]


def choose(candidates: list[sampling.Candidate], count: int, seen: set[str], unseen_only: bool,
           rng: random.Random) -> list[sampling.Candidate]:
    """Up to ``count`` distinct questions in random order, those never seen first (only those
    with ``unseen_only``). Pure: the exam's draw (sampling.draw) does the picking."""
    pool = [c for c in candidates if not (unseen_only and c.question_id in seen)]
    distinct = len({c.question_id for c in pool})
    if not distinct:
        return []
    return sampling.draw(pool, min(count, distinct), {q: 0 for q in seen}, set(), rng)


# --- starting ----------------------------------------------------------------------------


def start_practice(user: User, criteria: PracticeCriteria | None = None, *,
                   question_ids: list[str] | None = None, title: str | None = None,
                   now: datetime | None = None) -> Attempt:
    """A new practice set from the criteria, or of exactly ``question_ids`` (their current
    versions, at most FREE_CAP); NoMatchingQuestions when nothing fits."""
    if (criteria is None) == (question_ids is None):
        raise ValueError("give criteria or question_ids")
    now = now or utcnow()
    seed = secrets.randbits(63)
    rng = random.Random(seed)
    if criteria is not None:
        picked = choose(matching(criteria), criteria.count, seen_question_ids(user.id), criteria.unseen_only, rng)
        level: int | None = criteria.level
    else:
        picked = _of_questions(question_ids or [], rng)
        level = None
    if not picked:
        raise NoMatchingQuestions(_("고른 조건에 맞는 문항이 없습니다. 조건을 줄여 다시 골라 주세요."))
    versions = {v.id: v for v in db.session.scalars(
        select(QuestionVersion).where(QuestionVersion.id.in_([c.version_id for c in picked])))}
    attempt = Attempt(
        user_id=user.id, exam_id=None, mode=MODE_PRACTICE, status=STATUS_OPEN, started_at=now,
        deadline=now + NO_DEADLINE,
        rules={
            "title": title or _("연습 문제"), "level": level, "seed": seed,
            "criteria": asdict(criteria) if criteria else {"question_ids": list(question_ids or [])},
            "pass": {"total": 0, "section_min": 0},
            "sections": [{"title": _("연습"), "count": len(picked)}],
        },
    )
    db.session.add(attempt)
    for position, candidate in enumerate(picked, start=1):
        version = versions[candidate.version_id]
        attempt.items.append(AttemptItem(
            position=position, section=0, question_version_id=version.id, type=version.type,
            option_order=questions.get(version.type).option_order(registry.model_of(version), True, rng)))
    db.session.commit()
    return attempt


def _of_questions(question_ids: list[str], rng: random.Random) -> list[sampling.Candidate]:
    wanted = list(dict.fromkeys(question_ids))[:FREE_CAP]
    if not wanted:
        return []
    rows = db.session.execute(select(QuestionVersion.id, QuestionVersion.question_id).where(
        QuestionVersion.is_current.is_(True), QuestionVersion.question_id.in_(wanted)))
    found = [sampling.Candidate(v, q) for v, q in rows]
    rng.shuffle(found)
    return found


# --- reading -----------------------------------------------------------------------------


def load_practice(user: User, attempt_id: int) -> Attempt:
    """The candidate's own practice set; NotFound for anything else (another's, a mock exam)."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != user.id or attempt.mode != MODE_PRACTICE:
        raise errors.NotFound(_("없는 연습 세트입니다"))
    return attempt


def is_checked(item: AttemptItem) -> bool:
    """Checked, and the answer not changed since: its result may be shown."""
    return item.checked_at is not None and (item.saved_at is None or item.saved_at <= item.checked_at)


def items_of(attempt: Attempt) -> list[AttemptItem]:
    return list(db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)
        .order_by(AttemptItem.position).options(selectinload(AttemptItem.question))))


def open_sets(user: User, limit: int = 5) -> list[Attempt]:
    return list(db.session.scalars(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.mode == MODE_PRACTICE,
                              Attempt.status == STATUS_OPEN)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(limit)))


# --- checking and finishing --------------------------------------------------------------


def check_item(user: User, attempt_id: int, position: int, now: datetime | None = None) -> CheckResult:
    """Score the item's saved response now; from then on its answer and explanation are shown."""
    now = now or utcnow()
    attempt = load_practice(user, attempt_id)
    if not attempt.is_open:
        raise errors.AttemptClosed(_("이미 끝난 연습 세트입니다"))
    item = db.session.scalar(select(AttemptItem).where(
        AttemptItem.attempt_id == attempt.id, AttemptItem.position == position))
    if item is None:
        raise errors.NotFound(_("없는 문항입니다"))
    if item.response is None:
        raise errors.BadRequest(_("답을 먼저 고르거나 입력한 뒤에 정답을 확인할 수 있습니다"))
    score = questions.get(item.type).score(registry.model_of(item.question), item.response)
    item.points, item.max_points, item.detail = score.points, score.max_points, score.detail
    item.checked_at = max(now, item.saved_at or now)
    item.tries = AttemptItem.tries + 1  # in SQL: two checks at once count twice
    db.session.commit()
    record_result(user, item, now)  # the 오답노트: a miss goes in, a right answer moves it on
    review = presenters.review_item(item)
    return CheckResult(position, score.points, score.max_points, review["correct"], item.tries, review)


def finish_practice(user: User, attempt_id: int, now: datetime | None = None) -> Attempt:
    """Finish the set (idempotent): every answered item is scored from its answer
    (lifecycle.finish_attempt, which also records in the notebook the ones not checked since
    their last change, as a check would)."""
    now = now or utcnow()
    attempt = load_practice(user, attempt_id)
    if not attempt.is_open:
        return attempt
    return lifecycle.finish_attempt(attempt.id, lifecycle.FINISH_SUBMITTED, now)


@dataclass(frozen=True)
class SetSummary:
    points: float
    max_points: float
    percent: float
    right: int
    wrong: int
    unanswered: int
    items: list[dict[str, Any]]


def summary(attempt: Attempt) -> SetSummary:
    """A finished set's score and its items, each as the review shows it."""
    if attempt.is_open:
        raise errors.AttemptStillOpen(_("아직 끝나지 않은 연습 세트입니다"))
    items = [presenters.review_item(i) | {"tries": i.tries} for i in items_of(attempt)]
    tally = presenters.rules.tally((i["points"], i["max_points"]) for i in items)
    answered = [i for i in items if i["response"] is not None]
    right = sum(1 for i in answered if i["correct"])
    return SetSummary(tally.points, tally.max_points, tally.percent, right, len(answered) - right,
                      len(items) - len(answered), items)


@dataclass(frozen=True)
class Choices:
    """What the chooser offers: per level, the domains and types of current questions (counts)."""
    domains: dict[int, list[tuple[str, int]]]
    types: dict[int, list[tuple[str, int]]]


def choices() -> Choices:
    def grouped(column: Any) -> dict[int, list[tuple[str, int]]]:
        out: dict[int, list[tuple[str, int]]] = {level: [] for level in LEVELS}
        rows = db.session.execute(
            select(QuestionVersion.level, column, func.count()).where(QuestionVersion.is_current.is_(True))
            .group_by(QuestionVersion.level, column).order_by(QuestionVersion.level, column))
        for level, key, count in rows:
            out.setdefault(level, []).append((key, count))
        return out
    def theory_first(row: tuple[str, int]) -> tuple[bool, bool]:
        known = questions.is_registered(row[0])
        return (not known or not questions.get(row[0]).theory, not known)
    types = {level: sorted(rows, key=theory_first) for level, rows in grouped(QuestionVersion.type).items()}
    return Choices(grouped(QuestionVersion.domain), types)
