"""Practice pages (blueprint "practice"): the chooser, the set, its plain-form check and finish,
and the summary. Thin: read the request, call practice.service, render."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..exams import errors, form_answers, lifecycle, presenters
from ..taking.forms import posted_answers
from ..timeutil import utcnow
from . import present, service
from .forms import ActionForm, StartForm, criteria_from

bp = Blueprint("practice", __name__, url_prefix="/practice")


def _chooser(args, message: str | None = None, status: int = 200) -> tuple[str, int]:
    try:
        chosen = criteria_from(args)
    except errors.BadRequest as exc:
        chosen = service.PracticeCriteria(level=2)
        message, status = message or exc.message, max(status, 400)
    return render_template("practice/new.html", form=StartForm(), choices=service.choices(), chosen=chosen,
                           message=message, open_sets=service.open_sets(current_user)), status


@bp.get("/new")
@login_required
def new() -> tuple[str, int]:
    """The chooser; its query string (level, domain, type, difficulty, unseen, size) pre-fills it."""
    return _chooser(request.args)


@bp.post("/new")
@login_required
def start() -> str | Response | tuple[str, int]:
    if not StartForm().validate_on_submit():
        abort(400)
    try:
        attempt = service.start_practice(current_user, criteria_from(request.form))
    except (service.NoMatchingQuestions, errors.BadRequest) as exc:
        return _chooser(request.form, exc.message, 422)
    return redirect(url_for("practice.take", attempt_id=attempt.id))


@bp.get("/<int:attempt_id>")
@login_required
def take(attempt_id: int) -> str | Response:
    attempt = service.load_practice(current_user, attempt_id)
    if not attempt.is_open:
        return redirect(url_for("practice.summary", attempt_id=attempt.id))
    items = service.items_of(attempt)
    tries = {i.position: i.tries for i in items}
    results = {p: present.result_view(r, tries[p]) for p, r in present.checked_results(items).items()}
    return render_template("practice/take.html", attempt=attempt, state=presenters.attempt_state(attempt),
                           results=results, question_ids={i.position: i.question.question_id for i in items},
                           form=ActionForm())


@bp.post("/<int:attempt_id>/items/<int:position>/check")
@login_required
def check(attempt_id: int, position: int) -> Response:
    """Without JavaScript: save the answer the item's form posts (as autosave would), then check it."""
    if not ActionForm().validate_on_submit():
        abort(400)
    attempt = service.load_practice(current_user, attempt_id)
    posted = {n: v for n, v in posted_answers(request.form).items() if n == position}
    now = utcnow()
    for n, (response, seq) in form_answers.responses_from_form(attempt.id, posted, now).items():
        lifecycle.save_response(current_user.id, attempt.id, n, seq, response, now=now)
    service.check_item(current_user, attempt.id, position)
    return redirect(url_for("practice.take", attempt_id=attempt.id, _anchor=f"result-{position}"))


@bp.post("/<int:attempt_id>/finish")
@login_required
def finish(attempt_id: int) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    attempt = service.finish_practice(current_user, attempt_id)
    return redirect(url_for("practice.summary", attempt_id=attempt.id))


@bp.get("/<int:attempt_id>/summary")
@login_required
def summary(attempt_id: int) -> str | Response:
    attempt = service.load_practice(current_user, attempt_id)
    if attempt.is_open:
        return redirect(url_for("practice.take", attempt_id=attempt.id))
    result = service.summary(attempt)
    items = [present.result_view(i, i["tries"]) for i in result.items]
    return render_template("practice/summary.html", attempt=attempt, summary=result, items=items)
