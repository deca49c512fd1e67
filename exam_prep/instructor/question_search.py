"""The instructor's question list: one page of questions matching a filter, found in SQL.

Each question is listed by its latest version (the current one, or the last before it was
retired). Filtering, counting and paging all happen in the database (LIMIT/OFFSET and one
count), and a row carries only the columns the list shows, so the list costs the same with ten
questions or ten thousand.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, func, or_, select

from ..extensions import db
from ..models import QuestionVersion

PER_PAGE = 50
MAX_TEXT = 100
# Choice questions have at most this many options (ChoiceSchema); the search reads each.
MAX_OPTIONS = 6
STATUSES = ("current", "retired", "all")


@dataclass(frozen=True)
class QuestionFilter:
    text: str = ""
    level: int | None = None
    domain: str = ""
    type: str = ""
    difficulty: int | None = None  # 0: no difficulty given
    lint_only: bool = False
    status: str = "current"

    @property
    def active(self) -> bool:
        return self != QuestionFilter()


@dataclass(frozen=True)
class QuestionPage:
    rows: list[Any]  # question_id, version, type, level, domain, difficulty, is_current, lint_count, question
    total: int
    page: int
    pages: int


def _latest_versions() -> Any:
    return (select(QuestionVersion.question_id, func.max(QuestionVersion.version).label("version"))
            .group_by(QuestionVersion.question_id).subquery("latest"))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(text: str) -> Any:
    pattern = _like(text)
    fields = [QuestionVersion.question_id,
              QuestionVersion.payload["question"].as_string(),
              QuestionVersion.payload["explanation"].as_string(),
              *(QuestionVersion.payload[("options", n)].as_string() for n in range(MAX_OPTIONS))]
    return or_(*(field.ilike(pattern, escape="\\") for field in fields))


def _filtered(f: QuestionFilter, columns: list[Any]) -> Select:
    query = select(*columns).select_from(QuestionVersion)
    conditions = []
    if f.status == "current":
        # A question's current version is always its latest (a change adds a new current version,
        # bank.sync), so the current ones need no join to the latest of each question.
        conditions.append(QuestionVersion.is_current.is_(True))
    else:
        latest = _latest_versions()
        query = query.join(latest, and_(QuestionVersion.question_id == latest.c.question_id,
                                        QuestionVersion.version == latest.c.version))
        if f.status == "retired":
            conditions.append(QuestionVersion.is_current.is_(False))
    if f.level:
        conditions.append(QuestionVersion.level == f.level)
    if f.domain:
        conditions.append(QuestionVersion.domain == f.domain)
    if f.type:
        conditions.append(QuestionVersion.type == f.type)
    if f.difficulty == 0:
        conditions.append(QuestionVersion.difficulty.is_(None))
    elif f.difficulty:
        conditions.append(QuestionVersion.difficulty == f.difficulty)
    if f.lint_only:
        conditions.append(_lint_count() > 0)
    if f.text:
        conditions.append(_text_condition(f.text))
    return query.where(*conditions)


def _lint_count() -> Any:
    """How many lint warnings a version has: 0 for SQL NULL and for a JSON null (a version
    written with lint=None), whose array length PostgreSQL refuses to take."""
    lint = QuestionVersion.lint
    return case((cast(lint, String).like("[%"), func.json_array_length(lint)), else_=0)


def search(f: QuestionFilter, page: int = 1, per_page: int = PER_PAGE) -> QuestionPage:
    """One page (1-based; a page past the end shows the last) of the questions matching ``f``,
    by question id."""
    total = db.session.scalar(_filtered(f, [func.count()]))
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    columns = [QuestionVersion.question_id, QuestionVersion.version, QuestionVersion.type,
               QuestionVersion.level, QuestionVersion.domain, QuestionVersion.difficulty,
               QuestionVersion.is_current,
               _lint_count().label("lint_count"),
               QuestionVersion.payload["question"].as_string().label("question")]
    rows = db.session.execute(_filtered(f, columns).order_by(QuestionVersion.question_id)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return QuestionPage(list(rows), total, page, pages)


def latest_version(question_id: str) -> QuestionVersion | None:
    """The question's current version, or its last one if it was retired; None: no such question."""
    return db.session.scalars(select(QuestionVersion).where(QuestionVersion.question_id == question_id)
                              .order_by(QuestionVersion.version.desc()).limit(1)).first()


def version_of(question_id: str, version: int) -> QuestionVersion | None:
    return db.session.scalars(select(QuestionVersion).where(
        QuestionVersion.question_id == question_id, QuestionVersion.version == version)).first()


def id_in_use(question_id: str) -> bool:
    return db.session.scalar(select(func.count()).where(QuestionVersion.question_id == question_id)) > 0


def suggest_copy_id(question_id: str) -> str:
    """An id not used by any question yet for a copy of ``question_id``: <id>-copy, <id>-copy2, ..."""
    base = f"{question_id[:90]}-copy"
    taken = set(db.session.scalars(select(QuestionVersion.question_id.distinct())
                                   .where(QuestionVersion.question_id.like(f"{_like(base)[1:]}", escape="\\"))))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate
