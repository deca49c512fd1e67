"""The auth blueprint: login, logout and registration pages (routes.py, forms.py), the login
manager's setup and instructor_required. The account rules themselves are exam_prep/accounts/."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user
from sqlalchemy import bindparam, select

from ..accounts.sessions import Login
from ..extensions import db
from ..models import User

# Built once: every request of a logged-in user loads the user, and Session.get builds its
# statement (and that statement's cache key) anew each time, which cost more than running it.
_USER_BY_ID = select(User).where(User.id == bindparam("user_id"))


def init_login(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("로그인이 필요합니다.")
    manager.login_message_category = "info"

    # "basic", not "strong": strong logs a candidate out whenever the hash of their address and
    # browser changes, which a phone switching between Wi-Fi and mobile data does mid-exam.
    # Ending sessions is the session token's job (see load_user), checked on every request.
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(login_id: str) -> User | None:
        """login_id is User.get_id(): "<id>:<session token>". A cookie issued before a logout
        or a password change carries an old token and loads nobody; a deactivated account loads
        nobody either."""
        login = Login.parse(login_id)
        if login is None:
            return None
        user = db.session.execute(_USER_BY_ID, {"user_id": login.user_id}).scalar_one_or_none()
        if user is None or not login.admits(user.active, user.session_token):
            return None
        return user

    @manager.unauthorized_handler
    def unauthorized() -> Any:
        if request.path.startswith("/api/"):  # every JSON API (as errors.py decides)
            return jsonify(error="로그인이 필요합니다"), 401
        from flask import flash, redirect, url_for

        flash(str(manager.login_message), "info")
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))


def instructor_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            from flask import current_app

            return current_app.login_manager.unauthorized()
        if not current_user.is_instructor:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
