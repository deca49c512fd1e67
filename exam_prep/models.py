"""Database models (SQLAlchemy 2.0 typed declarations).

Times are stored as naive UTC datetimes (see exam_prep.timeutil) so that SQLite and
PostgreSQL compare them the same way.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    and_,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import generate_password_hash

from .extensions import db
from .timeutil import utcnow

ROLE_CANDIDATE = "candidate"
ROLE_INSTRUCTOR = "instructor"


def is_instructor_role(role: str) -> bool:
    """Whether an account of this role works as an instructor (User.is_instructor, and the exam
    page, which reads the role without loading the user)."""
    return role == ROLE_INSTRUCTOR


MODE_EXAM = "exam"  # a timed mock exam of an ExamDefinition
MODE_PRACTICE = "practice"  # an untimed practice set the candidate chose; never counts toward unlocks

STATUS_OPEN = "open"
STATUS_FINISHED = "finished"


def new_session_token() -> str:
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    # As the candidate typed it (trimmed, NFKC); shown on pages.
    username: Mapped[str] = mapped_column(String(40), unique=True)
    # The name compared at login and kept unique: NFKC + casefold (accounts.username_key),
    # so names differing only by case or width are one account, even when registered at once.
    username_key: Mapped[str] = mapped_column(String(60), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Part of the login id in the session and the remember-me cookie (see get_id); a new token
    # (logout, password change) makes every cookie issued before it worthless.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    role: Mapped[str] = mapped_column(String(20), default=ROLE_CANDIDATE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # An instructor may deactivate an account: it can no longer log in, and its open sessions
    # end (Flask-Login refuses a user whose is_active is false). Its attempts stay.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def get_id(self) -> str:
        """Flask-Login's alternative token: the id the session and remember cookie carry."""
        return f"{self.id}:{self.session_token}"

    @property
    def is_instructor(self) -> bool:
        return is_instructor_role(self.role)

    @property
    def is_active(self) -> bool:  # Flask-Login: an inactive user cannot log in or stay logged in
        return bool(self.active)


class QuestionVersion(db.Model):
    """One immutable version of a bank question. A changed question gets a new version;
    attempts point at the version they were shown, so their review shows what was seen."""

    __tablename__ = "question_version"
    __table_args__ = (
        UniqueConstraint("question_id", "version"),
        # A pool (current versions of a level, type and domain) and each version's place in it:
        # starting an exam looks up only the places it draws (exams.lifecycle, bank.ranks).
        Index("ix_question_version_draw", "is_current", "level", "type", "domain", "draw_rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(30))
    level: Mapped[int] = mapped_column(Integer)
    domain: Mapped[str] = mapped_column(String(60))
    difficulty: Mapped[int | None] = mapped_column(Integer, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    # The whole validated question as the bank holds it (prompt, options, answer, explanation).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_path: Mapped[str] = mapped_column(String(500), default="")
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The `bank check --lint` warnings of this version ("path:line: message" text), as of the last
    # bank load or instructor save; None: not linted yet. The instructor list filters on it.
    lint: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # This current version's place in its pool, 0, 1, 2, … (bank.ranks); None when not current.
    draw_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ExamDefinition(db.Model):
    """An exam as exams.yaml defines it; the definition itself is kept as validated JSON."""

    __tablename__ = "exam_definition"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Domain(db.Model):
    __tablename__ = "domain"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))


class Attempt(db.Model):
    __tablename__ = "attempt"
    __table_args__ = (
        Index("ix_attempt_user_status", "user_id", "status"),
        # At most one open attempt per candidate and exam, however many starts race.
        Index("uq_attempt_open_per_exam", "user_id", "exam_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # The mock exam; None for a practice set (its criteria are in ``rules``).
    exam_id: Mapped[str | None] = mapped_column(ForeignKey("exam_definition.id"), nullable=True)
    mode: Mapped[str] = mapped_column(String(20), default=MODE_EXAM, server_default=MODE_EXAM)
    status: Mapped[str] = mapped_column(String(20), default=STATUS_OPEN)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deadline: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finish_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # The exam's title, sections and pass rule as they were when the attempt started.
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # Per-section summary, filled when the attempt is finished.
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    user: Mapped[User] = relationship()
    exam: Mapped[ExamDefinition] = relationship()
    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position"
    )

    @property
    def is_open(self) -> bool:
        return self.status == STATUS_OPEN


# The attempts whose items count in statistics: finished timed mock exams (not practice sets,
# whose items may be checked and retried).
FINISHED_MOCK_EXAM = and_(Attempt.status == STATUS_FINISHED, Attempt.mode == MODE_EXAM)


class AttemptItem(db.Model):
    """One question of an attempt, with the candidate's saved response."""

    __tablename__ = "attempt_item"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    position: Mapped[int] = mapped_column(Integer)  # 1-based, the item id in the API
    section: Mapped[int] = mapped_column(Integer)  # 0-based index into rules["sections"]
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    type: Mapped[str] = mapped_column(String(30))  # copied so a save needs no join
    # Bank option numbers in display order (choice types), else None.
    option_order: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    response: Mapped[Any | None] = mapped_column(JSON, nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    saved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    points: Mapped[float | None] = mapped_column(Float, nullable=True)
    max_points: Mapped[float | None] = mapped_column(Float, nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Practice: when the candidate last checked this item (its answer and explanation are sent
    # from then on), and how many times it was checked.
    checked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))

    attempt: Mapped[Attempt] = relationship(back_populates="items")
    question: Mapped[QuestionVersion] = relationship()


class BankLoad(db.Model):
    """A record of each bank load, shown to instructors."""

    __tablename__ = "bank_load"

    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    folder: Mapped[str] = mapped_column(Text)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    # What was read (bank.fingerprint): a start with the same folder and code skips the load.
    fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)


class LoginFailure(db.Model):
    """One login try against an account name or from an address, counted by accounts.throttle.

    Written before the password is checked (so parallel guesses count too) and removed again
    when it matches; rows older than the throttle's window are deleted as new ones come.
    """

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120))  # "account:<username key>" or "address:<ip>"
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


CHANGE_CREATE = "create"
CHANGE_EDIT = "edit"
CHANGE_RETIRE = "retire"
CHANGE_RESTORE = "restore"
CHANGE_IMPORT = "import"


class QuestionChange(db.Model):
    """One change an instructor made to the bank through the site (who, when, which question,
    the version before and after). Versions themselves are QuestionVersion rows, so a question's
    history can show, compare and restore any of them."""

    __tablename__ = "question_change"
    __table_args__ = (Index("ix_question_change_question_at", "question_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(20))  # one of CHANGE_*
    # The bank file (relative to the bank folder) the question was written to or removed from.
    file: Mapped[str] = mapped_column(String(500), default="")
    before_version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id"), nullable=True)
    after_version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id"), nullable=True)

    user: Mapped[User | None] = relationship()
    before: Mapped[QuestionVersion | None] = relationship(foreign_keys=[before_version_id])
    after: Mapped[QuestionVersion | None] = relationship(foreign_keys=[after_version_id])


class NotebookEntry(db.Model):
    """A question in a candidate's 오답노트: missed (wrong, or below full marks) in a mock exam or
    a practice set, kept until answered right on two separate days, retried on a spaced schedule."""

    __tablename__ = "notebook_entry"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_notebook_entry_user_due", "user_id", "cleared_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    question_id: Mapped[str] = mapped_column(String(100))
    # The latest version the candidate saw of it, and where and how it was last missed.
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    attempt_item_id: Mapped[int | None] = mapped_column(ForeignKey("attempt_item.id"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    missed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    misses: Mapped[int] = mapped_column(Integer, default=1)
    last_points: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_max_points: Mapped[float | None] = mapped_column(Float, nullable=True)
    # The spaced schedule (see exam_prep's notebook service): the box, when it is due again,
    # on how many separate days it was answered right, and the last such day (Seoul date).
    box: Mapped[int] = mapped_column(Integer, default=1)
    due_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    right_days: Mapped[int] = mapped_column(Integer, default=0)
    last_right_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[QuestionVersion] = relationship()


class Bookmark(db.Model):
    """A question a candidate keeps for later (right or wrong)."""

    __tablename__ = "bookmark"
    __table_args__ = (UniqueConstraint("user_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    question_id: Mapped[str] = mapped_column(String(100))
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    version: Mapped[QuestionVersion] = relationship()


class MediaBlob(db.Model):
    """An exercise image, kept in the database under its content hash, so that every app host
    serves it whether or not it ever ran `bank load` (exam_prep.media writes, /media/ serves).
    Rows are immutable: the name is the sha256 of ``data`` plus the extension of its format."""

    __tablename__ = "media_blob"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)  # <sha256>.<png|jpg|gif|webp>
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
