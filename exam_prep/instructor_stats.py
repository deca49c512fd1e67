"""What the instructor pages show: the loaded bank and the scored attempts, read in one place."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from .extensions import db
from .models import MODE_EXAM, Attempt, BankLoad, Domain, ExamDefinition, QuestionChange, QuestionVersion

RECENT_LOADS = 5
RECENT_CHANGES = 8


@dataclass(frozen=True)
class Overview:
    counts: list[Any]                # (level, domain, type, number of current questions)
    domains: dict[str, str]          # domain key → title
    loads: list[BankLoad]            # the latest bank loads, newest first
    exams: list[ExamDefinition]      # in the bank's order
    attempt_stats: dict[str, Any]    # exam id → (scored attempts, average percent, passed)
    changes: list[QuestionChange]    # the latest changes made through the site, newest first


def overview() -> Overview:
    counts = db.session.execute(
        select(QuestionVersion.level, QuestionVersion.domain, QuestionVersion.type, func.count())
        .where(QuestionVersion.is_current.is_(True))
        .group_by(QuestionVersion.level, QuestionVersion.domain, QuestionVersion.type)
        .order_by(QuestionVersion.level.desc(), QuestionVersion.domain, QuestionVersion.type)
    ).all()
    domains = {d.key: d.title for d in db.session.scalars(select(Domain))}
    loads = db.session.scalars(select(BankLoad).order_by(BankLoad.id.desc()).limit(RECENT_LOADS)).all()
    exams = db.session.scalars(select(ExamDefinition).order_by(ExamDefinition.position)).all()
    attempt_stats = {
        exam_id: (n, avg, passed) for exam_id, n, avg, passed in db.session.execute(
            select(Attempt.exam_id, func.count(), func.avg(Attempt.percent),
                   func.count().filter(Attempt.passed.is_(True)))
            .where(Attempt.percent.is_not(None), Attempt.mode == MODE_EXAM).group_by(Attempt.exam_id))}
    changes = db.session.scalars(
        select(QuestionChange).order_by(QuestionChange.id.desc()).limit(RECENT_CHANGES)).all()
    return Overview(list(counts), domains, list(loads), list(exams), attempt_stats, list(changes))


def current_questions(level: int | None, domain: str | None) -> list[QuestionVersion]:
    """The current version of every question, optionally of one level and/or domain, by id."""
    query = select(QuestionVersion).where(QuestionVersion.is_current.is_(True))
    if level:
        query = query.where(QuestionVersion.level == level)
    if domain:
        query = query.where(QuestionVersion.domain == domain)
    return list(db.session.scalars(query.order_by(QuestionVersion.question_id)))
