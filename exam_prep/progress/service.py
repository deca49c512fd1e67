"""What the progress page shows for one level (rules in docs/study.md, "나의 학습 현황").

Only finished mock exams count (Attempt.mode == 'exam'): practice sets are the candidate's own
choice of questions and say nothing about readiness for the exam.

- Score history: every finished mock exam of the level, oldest first; the chart draws the last
  CHART_ATTEMPTS of them with the pass line(s) of their exams.
- Strengths and weaknesses: over the last STRENGTH_ATTEMPTS mock exams. Per domain, the theory
  items' share answered right (full marks); per labeling or inspection type, the mean score of its
  items (points / max points), that mean per attempt (its trend: the latest against the mean of the
  earlier ones, TREND_STEP percentage points either way) and the kind of mistake made most often.
- Readiness: the last READINESS_ATTEMPTS mock exams, how many passed, and the weakest area (the
  domain or labeling type with the lowest figure, if any is below 100).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from .. import questions
from ..exams import rules
from ..exams.errors import NotFound
from ..extensions import db
from ..models import MODE_EXAM, STATUS_FINISHED, Attempt, AttemptItem, Domain, ExamDefinition, QuestionVersion
from .chart import ScoreChart, score_chart
from .mistakes import most_common

CHART_ATTEMPTS = 10
STRENGTH_ATTEMPTS = 5
READINESS_ATTEMPTS = 3
TREND_STEP = 5.0
DEFAULT_PASS_TOTAL = 60.0  # exams.rules.summarize's default when an exam names none

READY, CLOSE, NOT_YET = "ready", "close", "not_yet"
UP, DOWN, FLAT, SINGLE = "up", "down", "flat", "single"


@dataclass(frozen=True)
class ExamScore:
    number: int  # 1 = the candidate's first finished mock exam of the level
    attempt_id: int
    title: str
    finished_at: datetime | None
    percent: float
    passed: bool
    pass_total: float


@dataclass(frozen=True)
class ItemRow:
    """One scored item of a mock exam, as strengths read it."""

    attempt_id: int
    type: str
    domain: str
    points: float | None
    max_points: float | None
    detail: dict[str, Any] | None

    @property
    def right(self) -> bool:
        return self.points is not None and self.max_points is not None and self.points >= self.max_points


@dataclass(frozen=True)
class DomainStrength:
    domain: str
    title: str
    right: int
    count: int
    percent: float


@dataclass(frozen=True)
class TypeStrength:
    type: str
    count: int
    percent: float  # mean score of its items, points / max points x 100
    series: list[float]  # the same per attempt, oldest first
    trend: str  # UP, DOWN, FLAT, or SINGLE (one attempt only)
    mistake: str | None  # the kind most often made (progress.mistakes.KINDS)
    mistake_count: int


@dataclass(frozen=True)
class WeakArea:
    kind: str  # "domain" or "type"
    key: str
    percent: float


@dataclass(frozen=True)
class Readiness:
    attempts: int
    passed: int
    status: str  # READY, CLOSE, NOT_YET
    weakest: WeakArea | None


@dataclass(frozen=True)
class LevelProgress:
    level: int
    levels: list[int]
    scores: list[ExamScore]
    chart: ScoreChart | None
    domains: list[DomainStrength] = field(default_factory=list)
    types: list[TypeStrength] = field(default_factory=list)
    readiness: Readiness | None = None
    strength_attempts: int = 0


# --- pure rules -----------------------------------------------------------------------------


def domain_strengths(rows: Sequence[ItemRow], titles: dict[str, str]) -> list[DomainStrength]:
    """Theory items per domain: how many were answered right, weakest first."""
    groups: dict[str, list[ItemRow]] = defaultdict(list)
    for row in rows:
        groups[row.domain].append(row)
    out = []
    for key, group in groups.items():
        right = sum(r.right for r in group)
        out.append(DomainStrength(key, titles.get(key, key), right, len(group), rules.percent(right, len(group))))
    return sorted(out, key=lambda d: (d.percent, d.title))


def trend_of(series: Sequence[float]) -> str:
    """The latest figure against the mean of the earlier ones."""
    if len(series) < 2:
        return SINGLE
    delta = series[-1] - sum(series[:-1]) / (len(series) - 1)
    if delta >= TREND_STEP:
        return UP
    return DOWN if delta <= -TREND_STEP else FLAT


def type_strengths(rows: Sequence[ItemRow], attempt_order: Sequence[int]) -> list[TypeStrength]:
    """Labeling and inspection items per type: mean score, its trend, the commonest mistake."""
    groups: dict[str, list[ItemRow]] = defaultdict(list)
    for row in rows:
        groups[row.type].append(row)
    out = []
    for name, group in groups.items():
        series = [rules.tally((r.points, r.max_points) for r in group if r.attempt_id == a).percent
                  for a in attempt_order if any(r.attempt_id == a for r in group)]
        common = most_common(r.detail for r in group if not r.right)
        out.append(TypeStrength(
            type=name, count=len(group), percent=rules.tally((r.points, r.max_points) for r in group).percent,
            series=series, trend=trend_of(series),
            mistake=common[0] if common else None, mistake_count=common[1] if common else 0))
    return sorted(out, key=lambda t: (t.percent, t.type))


def weakest_area(domains: Sequence[DomainStrength], types: Sequence[TypeStrength]) -> WeakArea | None:
    """The domain or labeling type with the lowest figure under 100 (ties: a domain first)."""
    areas = [WeakArea("domain", d.domain, d.percent) for d in domains]
    areas += [WeakArea("type", t.type, t.percent) for t in types]
    below = [a for a in areas if a.percent < 100]
    return min(below, key=lambda a: (a.percent, a.kind != "domain")) if below else None


def readiness(scores: Sequence[ExamScore], weakest: WeakArea | None) -> Readiness | None:
    """Ready: the last three mock exams taken, two or more passed, the latest among them.
    Not yet: none of the recent ones passed. Close: anything between."""
    recent = list(scores[-READINESS_ATTEMPTS:])
    if not recent:
        return None
    passed = sum(s.passed for s in recent)
    if len(recent) == READINESS_ATTEMPTS and passed >= 2 and recent[-1].passed:
        status = READY
    else:
        status = NOT_YET if passed == 0 else CLOSE
    return Readiness(len(recent), passed, status, weakest)


def weak_domains(domains: Sequence[dict[str, Any]], pass_total: float, limit: int = 3) -> list[dict[str, Any]]:
    """The result page's weakest domains: those under the exam's pass total, weakest first
    (``domains`` as presenters.domain_breakdown gives them, already weakest first)."""
    return [d for d in domains if d["percent"] < pass_total][:limit]


# --- reading the database -----------------------------------------------------------------------


def levels() -> list[int]:
    """The levels that have an active mock exam, the entry level (highest number) first."""
    found = db.session.scalars(select(ExamDefinition.level).where(ExamDefinition.is_active.is_(True))
                               .distinct()).all()
    return sorted(found, reverse=True)


def exam_scores(user_id: int, level: int) -> list[ExamScore]:
    attempts = db.session.scalars(
        select(Attempt).join(ExamDefinition, Attempt.exam_id == ExamDefinition.id)
        .where(Attempt.user_id == user_id, Attempt.mode == MODE_EXAM, Attempt.status == STATUS_FINISHED,
               ExamDefinition.level == level)
        .order_by(Attempt.finished_at, Attempt.id)).all()
    return [ExamScore(n, a.id, a.rules["title"], a.finished_at, float(a.percent or 0.0), bool(a.passed),
                      float(a.rules.get("pass", {}).get("total", DEFAULT_PASS_TOTAL)))
            for n, a in enumerate(attempts, start=1)]


def item_rows(attempt_ids: Sequence[int]) -> list[ItemRow]:
    rows = db.session.execute(
        select(AttemptItem.attempt_id, AttemptItem.type, QuestionVersion.domain, AttemptItem.points,
               AttemptItem.max_points, AttemptItem.detail)
        .join(QuestionVersion, AttemptItem.question_version_id == QuestionVersion.id)
        .where(AttemptItem.attempt_id.in_(attempt_ids))).all()
    return [ItemRow(*row) for row in rows]


def _is_theory(type_name: str) -> bool:
    return questions.is_registered(type_name) and questions.get(type_name).theory


def default_level(user_id: int, offered: Sequence[int]) -> int | None:
    """The level of the candidate's latest finished mock exam, else the entry level."""
    latest = db.session.scalar(
        select(ExamDefinition.level).join(Attempt, Attempt.exam_id == ExamDefinition.id)
        .where(Attempt.user_id == user_id, Attempt.mode == MODE_EXAM, Attempt.status == STATUS_FINISHED)
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc()).limit(1))
    if latest in offered:
        return latest
    return offered[0] if offered else None


def levels_taken(user_id: int) -> list[LevelProgress]:
    """The figures of every level the candidate has finished a mock exam of (the dashboard's
    readiness lines), the entry level first."""
    found = [level_progress(user_id, level) for level in levels()]
    return [p for p in found if p is not None and p.scores]


def level_progress(user_id: int, level: int | None) -> LevelProgress | None:
    """The progress page's figures for a level (None: the candidate's own default level). None
    when no mock exam is offered at all; NotFound for a level without one."""
    offered = levels()
    if level is None:
        level = default_level(user_id, offered)
        if level is None:
            return None
    elif level not in offered:
        raise NotFound(_("%(level)s급 모의고사는 없습니다.", level=level))
    scores = exam_scores(user_id, level)
    if not scores:
        return LevelProgress(level, offered, scores, None)
    shown = scores[-CHART_ATTEMPTS:]
    chart = score_chart([(s.number, s.percent, s.passed) for s in shown], [s.pass_total for s in shown])
    recent = [s.attempt_id for s in scores[-STRENGTH_ATTEMPTS:]]
    rows = item_rows(recent)
    titles = {d.key: d.title for d in db.session.scalars(select(Domain))}
    domains = domain_strengths([r for r in rows if _is_theory(r.type)], titles)
    types = type_strengths([r for r in rows if not _is_theory(r.type)], recent)
    return LevelProgress(level, offered, scores, chart, domains, types,
                         readiness(scores, weakest_area(domains, types)), len(recent))
