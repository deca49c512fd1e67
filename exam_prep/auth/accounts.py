"""Account rules: one place for creating users and checking credentials."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import ROLE_CANDIDATE, ROLE_INSTRUCTOR, User


class UsernameTaken(Exception):
    pass


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def create_user(username: str, password: str, role: str = ROLE_CANDIDATE) -> User:
    username = username.strip()
    if find_user(username) is not None:
        raise UsernameTaken(username)
    user = User(username=username, role=role)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise UsernameTaken(username) from None
    return user


def create_or_promote_instructor(username: str, password: str) -> tuple[User, bool]:
    """Make an instructor account, or promote an existing one (and set its password)."""
    user = find_user(username)
    if user is None:
        return create_user(username, password, ROLE_INSTRUCTOR), True
    user.role = ROLE_INSTRUCTOR
    user.set_password(password)
    db.session.commit()
    return user, False


def authenticate(username: str, password: str) -> User | None:
    user = find_user(username)
    if user is not None and user.check_password(password):
        return user
    return None
