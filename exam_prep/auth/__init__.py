"""Accounts: registration, login, logout, roles."""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from flask import abort, jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user

from ..extensions import db
from ..models import User


def init_login(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("로그인이 필요합니다.")
    manager.login_message_category = "info"

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    @manager.unauthorized_handler
    def unauthorized() -> Any:
        if request.blueprint == "api":
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
