"""Login throttling: tries per account name and per client address within a sliding window.

The counts live in the database (table login_failure), not in a worker's memory, so every
worker and every process of a deployment shares them with no extra service, on SQLite and
PostgreSQL alike. A try is written and committed BEFORE the password is checked and only
then counted, so a burst of parallel guesses cannot all slip under the limit; it is deleted
again when the password matches (only failures stay counted) or when the try is refused
(a refused try does not push the wait further). A successful login also forgets its
account's earlier failures; an address keeps its count.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..models import LoginFailure
from ..timeutil import utcnow

SUBJECT_LENGTH = 100


class LoginThrottled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after  # seconds until one more try is allowed

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def account_subject(key: str) -> str:
    return "account:" + key[:SUBJECT_LENGTH]


def address_subject(address: str | None) -> str:
    return "address:" + (address or "unknown")[:SUBJECT_LENGTH]


class Try:
    def __init__(self) -> None:
        self.ok = False

    def succeeded(self) -> None:
        self.ok = True


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["EXAM_PREP_LOGIN_WINDOW_MINUTES"])


def _limits(account: str, address: str) -> dict[str, int]:
    config = current_app.config
    limits = {account: config["EXAM_PREP_LOGIN_MAX_FAILURES_PER_ACCOUNT"],
              address: config["EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS"]}
    return {subject: limit for subject, limit in limits.items() if limit > 0}


def _seconds_until_allowed(subject: str, limit: int, now: datetime) -> float:
    """0 if this try (already counted) is within the limit, else the wait until the next one
    would be: when enough of the oldest tries have left the window."""
    times = db.session.scalars(
        select(LoginFailure.at).where(LoginFailure.key == subject, LoginFailure.at > now - _window())
        .order_by(LoginFailure.at)).all()
    if len(times) <= limit:
        return 0.0
    return max(1.0, (times[len(times) - limit - 1] + _window() - now).total_seconds())


@contextmanager
def counted_try(account: str, address: str) -> Iterator[Try]:
    """Count one login try; raises LoginThrottled before the body runs if a limit is reached.
    The body calls succeeded() when the password matched."""
    limits = _limits(account, address)
    now = utcnow()
    db.session.execute(delete(LoginFailure).where(LoginFailure.at <= now - _window()))
    rows = [LoginFailure(key=subject, at=now) for subject in limits]
    db.session.add_all(rows)
    db.session.flush()
    ids = [row.id for row in rows]
    db.session.commit()
    wait = max([_seconds_until_allowed(subject, limit, now) for subject, limit in limits.items()], default=0.0)
    if wait:
        db.session.execute(delete(LoginFailure).where(LoginFailure.id.in_(ids)))
        db.session.commit()
        raise LoginThrottled(math.ceil(wait))
    attempt = Try()
    yield attempt
    if attempt.ok and ids:
        db.session.execute(delete(LoginFailure).where(
            (LoginFailure.key == account) | LoginFailure.id.in_(ids)))
        db.session.commit()
