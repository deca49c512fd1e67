"""Instructor pages: the loaded bank at a glance, each question with its answer."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from .. import instructor_stats
from ..auth import instructor_required

bp = Blueprint("instructor", __name__, url_prefix="/instructor")


@bp.route("/")
@instructor_required
def index() -> str:
    return render_template("instructor/index.html", overview=instructor_stats.overview())


@bp.route("/questions")
@instructor_required
def question_list() -> str:
    level = request.args.get("level", type=int)
    domain = request.args.get("domain")
    versions = instructor_stats.current_questions(level, domain)
    return render_template("instructor/questions.html", versions=versions, level=level, domain=domain)
