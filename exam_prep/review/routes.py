"""Results, review of every item, and the history of attempts."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..exams import catalog, lifecycle, presenters, rules

bp = Blueprint("review", __name__)
# Points as results show them (two decimals at most), by the result rule of exams.rules.
bp.add_app_template_filter(rules.points_text, "points")


@bp.route("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> str | Response:
    attempt = lifecycle.load_attempt_for(current_user.id, attempt_id)
    if attempt.is_open:
        return redirect(url_for("exam.take", attempt_id=attempt.id))
    wrong_only = request.args.get("wrong") == "1"
    items = presenters.result_items(attempt)
    shown = [i for i in items if not i["correct"]] if wrong_only else items
    return render_template("review/result.html", attempt=attempt, summary=presenters.summary(attempt),
                           items=shown, total_items=len(items), domains=presenters.domain_breakdown(items),
                           wrong_count=sum(1 for i in items if not i["correct"]), wrong_only=wrong_only)


@bp.route("/history")
@login_required
def history() -> str:
    return render_template("review/history.html", attempts=catalog.history(current_user.id))
