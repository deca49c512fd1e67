"""The cohort: every candidate with their finished attempts per exam, pass rates per exam, the
share right per domain, and the same as CSV rows.

Only candidate accounts count (an instructor trying an exam is not the cohort). Scores are the
attempts' percents as the result page shows them.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, distinct, func, select

from ..accounts import username_key
from ..extensions import db
from ..models import FINISHED_MOCK_EXAM, ROLE_CANDIDATE, Attempt, AttemptItem, ExamDefinition, QuestionVersion, User

PAGE_SIZE = 50
#: A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ExamRecord:
    exam_id: str
    attempts: int = 0
    best: float | None = None
    last: float | None = None
    passed: bool = False
    last_at: datetime | None = None


@dataclass
class CandidateRow:
    user: User
    exams: list[ExamRecord] = field(default_factory=list)


@dataclass
class CandidatePage:
    rows: list[CandidateRow]
    page: int
    pages: int
    total: int


def _candidates(search: str | None) -> Any:
    query = select(User).where(User.role == ROLE_CANDIDATE)
    if search:
        pattern = "%" + username_key(search.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(User.username_key.like(pattern, escape="\\"))
    return query


def exam_records(user_ids: Sequence[int] | None = None, exam_id: str | None = None) -> dict[int, list[ExamRecord]]:
    """Per candidate, one record per exam they finished (count, best, last, passed), by exam order."""
    query = (select(Attempt.user_id, Attempt.exam_id, Attempt.percent, Attempt.passed, Attempt.finished_at)
             .join(User, User.id == Attempt.user_id)
             .join(ExamDefinition, ExamDefinition.id == Attempt.exam_id)
             .where(FINISHED_MOCK_EXAM, User.role == ROLE_CANDIDATE)
             .order_by(Attempt.finished_at, Attempt.id))
    if user_ids is not None:
        query = query.where(Attempt.user_id.in_(list(user_ids)))
    if exam_id:
        query = query.where(Attempt.exam_id == exam_id)
    exams = db.session.scalars(select(ExamDefinition.id).order_by(ExamDefinition.position))
    order = {e: i for i, e in enumerate(exams)}
    records: dict[tuple[int, str], ExamRecord] = {}
    for row in db.session.execute(query.execution_options(yield_per=2000)):
        record = records.setdefault((row.user_id, row.exam_id), ExamRecord(row.exam_id))
        record.attempts += 1
        if row.percent is not None:
            record.best = row.percent if record.best is None else max(record.best, row.percent)
        record.last, record.last_at = row.percent, row.finished_at
        record.passed = record.passed or bool(row.passed)
    by_user: dict[int, list[ExamRecord]] = {}
    for (user_id, _), record in sorted(records.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 0))):
        by_user.setdefault(user_id, []).append(record)
    return by_user


def candidate_page(page: int = 1, search: str | None = None, exam_id: str | None = None) -> CandidatePage:
    query = _candidates(search)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    users = db.session.scalars(query.order_by(User.username_key).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    records = exam_records([u.id for u in users], exam_id)
    return CandidatePage([CandidateRow(u, records.get(u.id, [])) for u in users], page, pages, total)


@dataclass(frozen=True)
class ExamPassRate:
    exam: ExamDefinition
    attempts: int
    passed_attempts: int
    candidates: int
    passed_candidates: int

    @property
    def rate(self) -> float | None:
        return self.passed_attempts / self.attempts if self.attempts else None


def pass_rates() -> list[ExamPassRate]:
    """Per exam (in the bank's order): finished attempts, passed ones, candidates who tried and passed."""
    counts = {row.exam_id: row for row in db.session.execute(
        select(Attempt.exam_id, func.count().label("attempts"),
               func.sum(case((Attempt.passed.is_(True), 1), else_=0)).label("passed"),
               func.count(distinct(Attempt.user_id)).label("candidates"),
               func.count(distinct(case((Attempt.passed.is_(True), Attempt.user_id)))).label("passed_candidates"))
        .join(User, User.id == Attempt.user_id)
        .where(FINISHED_MOCK_EXAM, User.role == ROLE_CANDIDATE)
        .group_by(Attempt.exam_id))}
    rates = []
    for exam in db.session.scalars(select(ExamDefinition).order_by(ExamDefinition.position)):
        row = counts.get(exam.id)
        rates.append(ExamPassRate(exam, row.attempts if row else 0, int(row.passed or 0) if row else 0,
                                  row.candidates if row else 0, row.passed_candidates if row else 0))
    return rates


@dataclass(frozen=True)
class DomainShare:
    level: int
    domain: str
    items: int
    points: float
    max_points: float

    @property
    def share(self) -> float | None:
        return self.points / self.max_points if self.max_points else None


def domain_shares(exam_id: str | None = None) -> list[DomainShare]:
    """Per level and domain: scored items of candidates' finished attempts and the share right."""
    query = (select(QuestionVersion.level, QuestionVersion.domain, func.count(), func.sum(AttemptItem.points),
                    func.sum(AttemptItem.max_points))
             .join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
             .join(Attempt, Attempt.id == AttemptItem.attempt_id)
             .join(User, User.id == Attempt.user_id)
             .where(FINISHED_MOCK_EXAM, AttemptItem.points.is_not(None), User.role == ROLE_CANDIDATE)
             .group_by(QuestionVersion.level, QuestionVersion.domain)
             .order_by(QuestionVersion.level.desc(), QuestionVersion.domain))
    if exam_id:
        query = query.where(Attempt.exam_id == exam_id)
    return [DomainShare(level, domain, n, float(points or 0), float(max_points or 0))
            for level, domain, n, points, max_points in db.session.execute(query)]


# --- CSV ---------------------------------------------------------------------------------


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will show as text: one starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cohort_rows(exam_id: str | None = None) -> Iterator[tuple[User, ExamRecord | None]]:
    """Every candidate (by name) with each exam record, or (candidate, None) without any."""
    users = db.session.scalars(_candidates(None).order_by(User.username_key)).all()
    records = exam_records(None, exam_id)
    for user in users:
        for record in records.get(user.id, [None]):
            yield user, record


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """UTF-8 CSV with a byte order mark (so Excel reads Korean right), formula-safe cells."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
