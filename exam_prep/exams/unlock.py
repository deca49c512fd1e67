"""Which exams a candidate may start: an exam that `requires` another needs it passed first."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select

from ..extensions import db
from ..models import Attempt, ExamDefinition


@dataclass(frozen=True)
class Lock:
    unlocked: bool
    required_exam: ExamDefinition | None = None


def has_passed(user_id: int, exam_id: str) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Attempt.user_id == user_id, Attempt.exam_id == exam_id, Attempt.passed.is_(True)))))


def lock_for(user_id: int, exam: ExamDefinition) -> Lock:
    required_id = exam.definition.get("requires")
    if not required_id or has_passed(user_id, required_id):
        return Lock(True)
    return Lock(False, db.session.get(ExamDefinition, required_id))
