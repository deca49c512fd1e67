from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from ..accounts import UsernameTaken, change_password, create_user, end_sessions, log_in
from ..accounts.throttle import LoginThrottled
from .forms import LoginForm, LogoutForm, PasswordForm, RegisterForm

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our login."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("dashboard.index")


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.username.data, form.password.data)
        except UsernameTaken:
            form.username.errors.append(_("이미 쓰이고 있는 아이디입니다. 다른 아이디를 골라 주세요."))
        else:
            login_user(user)
            flash(_("가입을 환영합니다! 2급 모의고사부터 시작해 보세요."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/register.html", form=form), (400 if form.errors else 200)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = log_in(form.username.data, form.password.data, request.remote_addr)
        except LoginThrottled as exc:
            form.password.errors.append(_("로그인 시도가 너무 많습니다. %(minutes)d분 뒤 다시 시도해 주세요.",
                                          minutes=exc.minutes))
            response = make_response(render_template("auth/login.html", form=form), 429)
            response.headers["Retry-After"] = str(exc.retry_after)
            return response
        if user is None:
            form.password.errors.append(_("아이디 또는 비밀번호가 맞지 않습니다."))
        elif not user.active:  # told only to whoever knows the password
            form.password.errors.append(_("사용이 중지된 계정입니다. 강사에게 문의하세요."))
        else:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), (400 if form.errors else 200)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> str | Response:
    """Change one's own password (after an instructor's reset to a temporary one, say). Every
    other session of the account ends; this browser stays logged in."""
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not check_password_hash(user.password_hash, form.current.data):
            form.current.errors.append(_("지금 비밀번호가 맞지 않습니다."))
        else:
            change_password(user, form.password.data)
            login_user(user)  # the new session token, so only this browser stays in
            flash(_("비밀번호를 바꿨습니다. 다른 기기에서는 새 비밀번호로 다시 로그인해 주세요."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/password.html", form=form), (400 if form.errors else 200)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    form = LogoutForm()
    if form.validate_on_submit():
        end_sessions(current_user._get_current_object())
        logout_user()
        flash(_("로그아웃했습니다."), "info")
        return redirect(url_for("auth.login"))
    return redirect(url_for("dashboard.index"))
