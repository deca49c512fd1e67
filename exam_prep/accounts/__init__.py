"""Accounts: one place for creating users, checking credentials (behind the login throttle)
and ending sessions. Used by the auth blueprint and the CLI."""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import ROLE_CANDIDATE, ROLE_INSTRUCTOR, User
from . import throttle

USERNAME_MIN, USERNAME_MAX = 2, 40
USERNAME_CHARACTERS = re.compile(r"[0-9A-Za-z가-힣_.\-]+")


class UsernameTaken(Exception):
    pass


class InvalidUsername(ValueError):
    """The name breaks a rule; the message says which, in Korean."""


def username_key(username: str) -> str:
    """What makes two names the same account: NFKC, then case folding (Unicode's caseless
    match), so 'Race', 'RACE' and fullwidth 'Ｒａｃｅ' are one name."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def clean_username(raw: str) -> str:
    """The name as it will be stored: NFKC, trimmed, then checked. Checks apply to what is
    stored, so 'q\\n' is a one-character name (too short), not 'q' stored after the check."""
    name = unicodedata.normalize("NFKC", raw).strip()
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidUsername(_("아이디에는 제어 문자를 쓸 수 없습니다."))
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX:
        raise InvalidUsername(_("아이디는 2자 이상 40자 이하로 입력해 주세요."))
    if not USERNAME_CHARACTERS.fullmatch(name):
        raise InvalidUsername(_("아이디에는 한글, 영문, 숫자와 _ . - 만 쓸 수 있습니다."))
    return name


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username_key(username.strip())))


def create_user(username: str, password: str, role: str = ROLE_CANDIDATE) -> User:
    """Raises InvalidUsername, or UsernameTaken when the name's key is in use (also when a
    parallel registration of the same name commits first: the unique index decides)."""
    username = clean_username(username)
    if find_user(username) is not None:
        raise UsernameTaken(username)
    user = User(username=username, username_key=username_key(username), role=role,
                password_hash=generate_password_hash(password))
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise UsernameTaken(username) from None
    return user


def change_password(user: User, password: str) -> None:
    """Set a new password and end every session of the account (other browsers too)."""
    user.set_password(password)
    user.rotate_session_token()
    db.session.commit()


def end_sessions(user: User) -> None:
    """Logout: cookies issued before this (session, remember-me, other tabs) stop working."""
    user.rotate_session_token()
    db.session.commit()


def create_or_promote_instructor(username: str, password: str) -> tuple[User, bool]:
    """Make an instructor account, or promote an existing one (and set its password)."""
    user = find_user(username)
    if user is None:
        return create_user(username, password, ROLE_INSTRUCTOR), True
    user.role = ROLE_INSTRUCTOR
    change_password(user, password)
    return user, False


@cache
def _dummy_password_hash() -> str:
    """Checked when the name is unknown, so that a wrong name costs what a wrong password
    costs and response times do not tell which names exist."""
    return generate_password_hash("no account has this password")


def authenticate(username: str, password: str) -> User | None:
    user = find_user(username)
    stored = user.password_hash if user is not None else _dummy_password_hash()
    if check_password_hash(stored, password) and user is not None:
        return user
    return None


def log_in(username: str, password: str, address: str | None) -> User | None:
    """authenticate() behind the login throttle; raises throttle.LoginThrottled."""
    account = throttle.account_subject(username_key(username.strip()))
    with throttle.counted_try(account, throttle.address_subject(address)) as attempt:
        user = authenticate(username, password)
        if user is not None:
            attempt.succeeded()
        return user
