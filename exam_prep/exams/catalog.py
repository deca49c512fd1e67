"""The dashboard's view of the exams: each with its lock and the candidate's open attempt."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import STATUS_OPEN, Attempt, ExamDefinition
from .unlock import Lock, lock_for


@dataclass(frozen=True)
class ExamCard:
    exam: ExamDefinition
    lock: Lock
    open_attempt: Attempt | None
    best_percent: float | None
    passed: bool

    @property
    def question_count(self) -> int:
        return sum(s["count"] for s in self.exam.definition["sections"])


def exam_cards(user_id: int) -> list[ExamCard]:
    exams = db.session.scalars(select(ExamDefinition).where(ExamDefinition.is_active.is_(True))
                               .order_by(ExamDefinition.position)).all()
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == user_id)).all()
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


def history(user_id: int) -> list[Attempt]:
    return list(db.session.scalars(select(Attempt).where(Attempt.user_id == user_id)
                                   .order_by(Attempt.started_at.desc(), Attempt.id.desc())))
