"""What an instructor may do to accounts: find them, reset a password to a temporary one, change
a role, deactivate and reactivate. Each change ends the account's sessions where it must and is
logged; an instructor cannot lock themself out (deactivate or demote their own account).

Messages are Korean, for the page that shows them.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..models import ROLE_CANDIDATE, ROLE_INSTRUCTOR, STATUS_FINISHED, Attempt, User
from . import change_password, username_key

PAGE_SIZE = 50
# Letters and digits a reader cannot confuse (no 0/O, 1/l/I), for a password read off a screen.
TEMPORARY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
TEMPORARY_LENGTH = 12  # ≥ the 8 characters a password needs; 57^12 ≈ 2^70 guesses


class AccountActionRefused(Exception):
    """The action is not allowed (e.g. on one's own account); the message says why, in Korean."""


@dataclass(frozen=True)
class AccountRow:
    user: User
    finished_attempts: int


@dataclass(frozen=True)
class AccountPage:
    rows: list[AccountRow]
    page: int
    pages: int
    total: int


def find_accounts(search: str | None = None, role: str | None = None, page: int = 1) -> AccountPage:
    """Accounts by name (a part of the name, compared as login compares names), PAGE_SIZE a page."""
    query = select(User)
    if search and search.strip():
        escaped = username_key(search.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(User.username_key.like(f"%{escaped}%", escape="\\"))
    if role in (ROLE_CANDIDATE, ROLE_INSTRUCTOR):
        query = query.where(User.role == role)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    users = db.session.scalars(query.order_by(User.username_key).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    counts = dict(db.session.execute(
        select(Attempt.user_id, func.count()).where(Attempt.user_id.in_([u.id for u in users]),
                                                    Attempt.status == STATUS_FINISHED)
        .group_by(Attempt.user_id)).all())
    return AccountPage([AccountRow(u, counts.get(u.id, 0)) for u in users], page, pages, total)


def temporary_password() -> str:
    return "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_LENGTH))


def _log(actor: User, action: str, user: User) -> None:
    current_app.logger.info("account %s: %s (id %s) by instructor %s (id %s)",
                            action, user.username, user.id, actor.username, actor.id)


def _refuse(actor: User, action: str, user: User, message: str) -> AccountActionRefused:
    current_app.logger.warning("account %s refused: %s (id %s) by instructor %s (id %s)",
                               action, user.username, user.id, actor.username, actor.id)
    return AccountActionRefused(message)


def reset_password(actor: User, user: User) -> str:
    """Give the account a new temporary password (returned, to be shown once) and end its sessions."""
    if user.id == actor.id:
        raise _refuse(actor, "password reset", user,
                      _("자기 비밀번호는 여기서 초기화할 수 없습니다. 다른 강사에게 부탁하세요."))
    password = temporary_password()
    change_password(user, password)  # hashes it and rotates the session token
    _log(actor, "password reset", user)
    return password


def set_role(actor: User, user: User, role: str) -> None:
    if role not in (ROLE_CANDIDATE, ROLE_INSTRUCTOR):
        raise _refuse(actor, "role change", user, _("알 수 없는 역할입니다."))
    if user.id == actor.id and role != ROLE_INSTRUCTOR:
        raise _refuse(actor, "role change", user,
                      _("자기 계정의 강사 권한은 스스로 해제할 수 없습니다. 다른 강사에게 부탁하세요."))
    if user.role == role:
        return
    user.role = role
    db.session.commit()
    _log(actor, "made instructor" if role == ROLE_INSTRUCTOR else "made candidate", user)


def set_active(actor: User, user: User, active: bool) -> None:
    """Deactivate (it cannot log in and its open sessions end) or reactivate an account."""
    if user.id == actor.id and not active:
        raise _refuse(actor, "deactivation", user,
                      _("자기 계정은 스스로 사용 중지할 수 없습니다. 다른 강사에게 부탁하세요."))
    if bool(user.active) == active:
        return
    user.active = active
    if not active:
        user.rotate_session_token()  # every cookie issued before stops working
    db.session.commit()
    _log(actor, "reactivated" if active else "deactivated", user)
