"""Configuration, read from the environment.

Every setting has a default that runs on a laptop; production (FLASK_DEBUG unset and not
testing) refuses to start without a real SECRET_KEY, because every worker must share it.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-not-secret"


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise RuntimeError(f"{name} must be a number, got {raw!r}") from exc


def _bool_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def is_production_env() -> bool:
    """A production run: DATABASE_URL is set, or EXAM_PREP_ENV=production."""
    return bool(os.environ.get("DATABASE_URL")) or os.environ.get("EXAM_PREP_ENV") == "production"


class Config:
    """Settings for a normal run; values come from the environment when set."""

    TESTING = False

    def __init__(self) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
        # The site is served over HTTPS (directly or behind a TLS proxy): cookies are Secure and
        # responses carry Strict-Transport-Security (exam_prep.security). On in production.
        self.EXAM_PREP_HTTPS = _bool_env("EXAM_PREP_HTTPS", is_production_env())
        # None means: SQLite under the instance folder (filled in by create_app).
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or None
        self.EXAM_PREP_QUESTION_BANK = os.environ.get(
            "EXAM_PREP_QUESTION_BANK", str(PROJECT_ROOT / "question_bank")
        )
        self.EXAM_PREP_GRACE_SECONDS = _float_env("EXAM_PREP_GRACE_SECONDS", 30.0)
        # Images of labeling exercises, stored under their content hash (default: instance/media).
        self.EXAM_PREP_MEDIA_DIR = os.environ.get("EXAM_PREP_MEDIA_DIR") or None
        # Migrate the schema and load the bank on the first request, so that a fresh clone
        # runs with `flask --app exam_prep run` alone. Multi-worker deployments turn it off
        # and run `flask db upgrade` and `flask bank load` when they deploy.
        self.EXAM_PREP_AUTO_SETUP = _bool_env("EXAM_PREP_AUTO_SETUP", True)
        # How many of a candidate's latest attempts count as "seen lately" when sampling.
        self.EXAM_PREP_RECENT_ATTEMPTS = int(_float_env("EXAM_PREP_RECENT_ATTEMPTS", 5))
        # Login throttling (accounts.throttle): failed logins allowed per account name and per
        # client address within the window; 0 turns a limit off. The address limit is high
        # because a class often logs in from behind one school address: 300 candidates with a
        # typo or two each must not lock each other out, while a guesser from one address is
        # still held to 100 tries in 15 minutes (the account limit holds each account to 10).
        self.EXAM_PREP_LOGIN_WINDOW_MINUTES = _float_env("EXAM_PREP_LOGIN_WINDOW_MINUTES", 15.0)
        self.EXAM_PREP_LOGIN_MAX_FAILURES_PER_ACCOUNT = int(_float_env("EXAM_PREP_LOGIN_MAX_FAILURES_PER_ACCOUNT", 10))
        self.EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS = int(_float_env("EXAM_PREP_LOGIN_MAX_FAILURES_PER_ADDRESS", 100))

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Labeling responses are small JSON; anything bigger is refused with 413.
    MAX_CONTENT_LENGTH = 512 * 1024
    WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the session: exams last hours
    BABEL_DEFAULT_LOCALE = "ko"
    BABEL_DEFAULT_TIMEZONE = "Asia/Seoul"


class TestingConfig(Config):
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = "testing-secret"
        self.EXAM_PREP_HTTPS = False  # the test client and live servers speak plain HTTP
        self.EXAM_PREP_AUTO_SETUP = False
        self.EXAM_PREP_GRACE_SECONDS = 30.0
