"""Who a session says is logged in, and when the account still admits it.

A session (and a remember-me cookie) carries ``User.get_id()``: "<user id>:<session token>".
It stands while the account is active and the token is still the account's (a logout, a
password change or a deactivation makes every earlier cookie worthless). That rule is here once:
Flask-Login's user loader (exam_prep/auth) applies it to every request, and the two requests
the site serves most, the answer save and the exam page, apply it to the user row their own
statement reads (exams.lifecycle.save_response and page_attempt), so that they load no user
object first.
"""
from __future__ import annotations

import copy
import hmac
from dataclasses import dataclass

from flask import Flask, Request, session
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .. import signed

# Where Flask-Login keeps the login id in the session.
SESSION_KEY = "_user_id"


@dataclass(frozen=True)
class Login:
    user_id: int
    token: str

    @classmethod
    def parse(cls, login_id: object) -> Login | None:
        """The login in ``login_id`` ("<id>:<token>"), or None when it is not one."""
        if not isinstance(login_id, str):
            return None
        user_id, _, token = login_id.partition(":")
        if not user_id.isdigit() or len(user_id) > 18 or not token:
            return None
        return cls(int(user_id), token)

    def admits(self, active: bool, session_token: str) -> bool:
        """Whether the account (its ``active`` flag and current ``session_token``) still admits
        this login; the token compared in constant time."""
        return bool(active) and hmac.compare_digest(session_token.encode(), self.token.encode("utf-8", "replace"))


def session_login() -> Login | None:
    """The login the session cookie carries, read without loading the user: whoever uses it
    must check it with ``Login.admits`` against the user's row."""
    return Login.parse(session.get(SESSION_KEY))


def request_owner() -> int | Login | None:
    """Who sends the request, for a view that checks the login on the account row its own
    statement reads: the session's login (not checked yet); without one, the id of a user
    Flask-Login logged in otherwise (a remember-me cookie); else None, and the view answers
    with ``login_manager.unauthorized()`` as ``login_required`` would.

    Such a view skips Flask-Login's session protection ("basic" only marks a session from a
    new browser not fresh, which the next page it loads does)."""
    login = session_login()
    if login is not None:
        return login
    if current_user.is_authenticated:
        return current_user.id
    return None


class SignedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, the same cookies, verified for less:
    - the signing serializer is made once per set of keys (exam_prep.signed.serializer; Flask
      builds a new one on every request, in case the key changed), SHA-1 called directly so
      that HMAC runs in OpenSSL (the same signature);
    - a cookie is verified once (exam_prep.signed.loads), its age checked on every request.
    Each request gets its own copy of the session's data: a top-level copy when every value is
    immutable (a login, a CSRF token, flags), a deep one otherwise (flashed messages)."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)  # the current key last, as Flask has it
        return signed.serializer(keys, self.salt, self.serializer, self.key_derivation)

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        try:
            data = signed.loads(serializer, value, int(app.permanent_session_lifetime.total_seconds()))
        except BadSignature:
            return self.session_class()
        if all(type(item) in _IMMUTABLE for item in data.values()):
            return self.session_class(data)
        return self.session_class(copy.deepcopy(data))


# The value types a session may hand out without a copy of their own.
_IMMUTABLE = frozenset({str, int, bool, float, type(None), bytes})
