"""Account management by instructors: find accounts, reset a password (a temporary one shown
once), make an instructor or a candidate, deactivate and reactivate. Every change is a POST with
CSRF; the rules (and the log line) are exam_prep.accounts.admin's."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from ..accounts import admin
from ..auth import instructor_required
from ..extensions import db
from ..models import ROLE_CANDIDATE, ROLE_INSTRUCTOR, User
from .blueprint import bp


class AccountActionForm(FlaskForm):
    """The CSRF token of every account action (the action's value is a plain form field)."""


def _target(user_id: int) -> User:
    form = AccountActionForm()
    if not form.validate_on_submit():
        abort(400)
    return db.get_or_404(User, user_id)


def _back() -> Response:
    return redirect(url_for("instructor.accounts", q=request.form.get("q") or None), code=303)


@bp.route("/accounts")
@instructor_required
def accounts() -> str:
    search = (request.args.get("q") or "").strip()[:40]
    role = request.args.get("role") or None
    found = admin.find_accounts(search, role, request.args.get("page", 1, type=int) or 1)
    return render_template("instructor/accounts.html", found=found, search=search, role=role,
                           form=AccountActionForm(), roles=(ROLE_CANDIDATE, ROLE_INSTRUCTOR))


@bp.route("/accounts/<int:user_id>/password", methods=["POST"])
@instructor_required
def account_reset_password(user_id: int) -> Response:
    user = _target(user_id)
    try:
        password = admin.reset_password(current_user._get_current_object(), user)
    except admin.AccountActionRefused as refused:
        flash(str(refused), "error")
        return _back()
    response = make_response(render_template("instructor/accounts_password.html", user=user, password=password))
    response.headers["Cache-Control"] = "no-store"  # shown once: not kept by the browser or a proxy
    return response


@bp.route("/accounts/<int:user_id>/role", methods=["POST"])
@instructor_required
def account_role(user_id: int) -> Response:
    user = _target(user_id)
    role = request.form.get("role")
    try:
        admin.set_role(current_user._get_current_object(), user, role or "")
    except admin.AccountActionRefused as refused:
        flash(str(refused), "error")
    else:
        flash(_role_message(user), "success")
    return _back()


@bp.route("/accounts/<int:user_id>/active", methods=["POST"])
@instructor_required
def account_active(user_id: int) -> Response:
    user = _target(user_id)
    active = request.form.get("active")
    if active not in ("0", "1"):
        abort(400)
    try:
        admin.set_active(current_user._get_current_object(), user, active == "1")
    except admin.AccountActionRefused as refused:
        flash(str(refused), "error")
    else:
        flash(_active_message(user), "success")
    return _back()


def _role_message(user: User) -> str:
    if user.is_instructor:
        return _("%(name)s 님을 강사로 지정했습니다.", name=user.username)
    return _("%(name)s 님을 수험생으로 바꿨습니다.", name=user.username)


def _active_message(user: User) -> str:
    if user.active:
        return _("%(name)s 님의 계정을 다시 사용하게 했습니다.", name=user.username)
    return _("%(name)s 님의 계정을 사용 중지했습니다. 로그인할 수 없고, 열려 있던 접속도 끝났습니다.",
             name=user.username)
