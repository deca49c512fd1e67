"""Results, review of every item, and the history of attempts."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..exams import catalog, lifecycle, presenters, rules
from ..models import MODE_PRACTICE
from ..progress import service as progress

bp = Blueprint("review", __name__)
# Points as results show them (two decimals at most), by the result rule of exams.rules.
bp.add_app_template_filter(rules.points_text, "points")


@bp.route("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> str | Response:
    attempt = lifecycle.load_attempt_for(current_user.id, attempt_id)
    if attempt.mode == MODE_PRACTICE:  # a practice set has pages of its own
        return redirect(url_for("practice.take", attempt_id=attempt.id))
    if attempt.is_open:
        return redirect(url_for("exam.take", attempt_id=attempt.id))
    wrong_only = request.args.get("wrong") == "1"
    items = presenters.result_items(attempt)
    summary = presenters.summary(attempt)
    domains = presenters.domain_breakdown(items)
    # Wrong and partly right items first; the right ones after them, folded (unless wrong only).
    wrong = [i for i in items if not i["correct"]]
    groups = [{"entries": wrong, "folded": False}]
    if not wrong_only:
        groups.append({"entries": [i for i in items if i["correct"]], "folded": True})
    pass_total = summary["pass_rule"].get("total", progress.DEFAULT_PASS_TOTAL)
    return render_template("review/result.html", attempt=attempt, summary=summary, groups=groups,
                           total_items=len(items), domains=domains, wrong_count=len(wrong), wrong_only=wrong_only,
                           level=attempt.rules.get("level"), weak_domains=progress.weak_domains(domains, pass_total))


@bp.route("/history")
@login_required
def history() -> str:
    return render_template("review/history.html", attempts=catalog.history(current_user.id))
