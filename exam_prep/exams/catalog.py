"""The dashboard's view of the exams, each with its lock and the candidate's open attempt, and
the history of attempts. Listing only reads: an attempt whose time is up is marked so (and
scored when it is opened, by lifecycle.load_attempt_for), not scored here."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import MODE_EXAM, STATUS_OPEN, Attempt, ExamDefinition
from .lifecycle import time_is_up
from .unlock import Lock, lock_for


@dataclass(frozen=True)
class ExamCard:
    exam: ExamDefinition
    lock: Lock
    open_attempt: Attempt | None
    best_percent: float | None
    passed: bool

    @property
    def time_is_up(self) -> bool:
        """The open attempt's time has run out: the card offers its result, not to go on."""
        return self.open_attempt is not None and time_is_up(self.open_attempt)

    @property
    def question_count(self) -> int:
        return sum(s["count"] for s in self.exam.definition["sections"])


def exam_cards(user_id: int) -> list[ExamCard]:
    exams = db.session.scalars(select(ExamDefinition).where(ExamDefinition.is_active.is_(True))
                               .order_by(ExamDefinition.position)).all()
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == user_id, Attempt.mode == MODE_EXAM)).all()
    cards = []
    for exam in exams:
        mine = [a for a in attempts if a.exam_id == exam.id]
        finished = [a.percent for a in mine if a.percent is not None]
        cards.append(ExamCard(
            exam=exam,
            lock=lock_for(user_id, exam),
            open_attempt=next((a for a in mine if a.status == STATUS_OPEN), None),
            best_percent=max(finished) if finished else None,
            passed=any(a.passed for a in mine),
        ))
    return cards


@dataclass(frozen=True)
class HistoryEntry:
    attempt: Attempt
    time_is_up: bool  # open in the database, past its deadline and grace: scored when opened


def history(user_id: int) -> list[HistoryEntry]:
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == user_id, Attempt.mode == MODE_EXAM)
                                  .order_by(Attempt.started_at.desc(), Attempt.id.desc()))
    return [HistoryEntry(a, time_is_up(a)) for a in attempts]
