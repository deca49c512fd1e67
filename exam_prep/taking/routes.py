"""Starting and taking an exam: thin views over exams.lifecycle (blueprint "exam")."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from .. import rendering
from ..accounts.sessions import request_owner
from ..exams import form_answers, lifecycle, presenters
from ..exams.errors import NotLoggedIn
from ..models import MODE_PRACTICE
from .forms import StartForm, SubmitForm, posted_answers

bp = Blueprint("exam", __name__)


@bp.route("/exams/<exam_id>/start", methods=["POST"])
@login_required
def start(exam_id: str) -> Response:
    if not StartForm().validate_on_submit():
        abort(400)
    attempt, _created = lifecycle.start_attempt(current_user.id, exam_id)
    return redirect(url_for("exam.take", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>")
def take(attempt_id: int) -> str | Response:
    """The exam page: the attempt's statement checks the session's login on its owner's row
    (accounts.sessions.request_owner), so no user is loaded first."""
    owner = request_owner()
    if owner is None:
        return current_app.login_manager.unauthorized()
    try:
        attempt = lifecycle.page_attempt(owner, attempt_id)
    except NotLoggedIn:  # logged out elsewhere, or the account was deactivated
        return current_app.login_manager.unauthorized()
    if attempt.mode == MODE_PRACTICE:  # a practice set has pages of its own
        return redirect(url_for("practice.take", attempt_id=attempt.id))
    if not attempt.is_open:
        return redirect(url_for("review.result", attempt_id=attempt.id))
    return rendering.exam_page(attempt, presenters.items_for_page(attempt))


@bp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@login_required
def submit(attempt_id: int) -> Response:
    """Form fallback of the API's submit, for a browser without JavaScript: saves the theory
    answers the form posts (as autosave would), then finishes the attempt."""
    if not SubmitForm().validate_on_submit():
        abort(400)
    attempt = form_answers.submit_form(current_user.id, attempt_id, posted_answers(request.form))
    return redirect(url_for("review.result", attempt_id=attempt.id))
