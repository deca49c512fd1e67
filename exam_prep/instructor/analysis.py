"""Item analysis pages: every question version's facility and discrimination (with flags), and
one version's figures: its options, or what candidates miss in its labeling or inspection task."""
from __future__ import annotations

from flask import abort, render_template, request

from .. import questions
from ..auth import instructor_required
from ..extensions import db
from ..item_analysis import exercise_figures, inspection, items
from ..models import QuestionVersion
from .blueprint import bp

PAGE_SIZE = 50


def _page(total: int) -> tuple[int, int]:
    pages = max(1, -(-total // PAGE_SIZE))
    return min(max(1, request.args.get("page", 1, type=int) or 1), pages), pages


@bp.route("/analysis")
@instructor_required
def analysis_list() -> str:
    level = request.args.get("level", type=int)
    type_name = request.args.get("type") or None
    if level not in (None, 1, 2) or (type_name is not None and type_name not in questions.names()):
        abort(400)
    flagged = request.args.get("flagged") == "1"
    analysis = items.analyse(level, type_name, flagged)
    page, pages = _page(len(analysis.items))
    shown = analysis.items[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return render_template("instructor/analysis.html", analysis=analysis, shown=shown, page=page, pages=pages,
                           level=level, type_name=type_name, flagged=flagged, type_names=questions.names())


@bp.route("/analysis/<int:version_id>")
@instructor_required
def analysis_question(version_id: int) -> str:
    version = db.get_or_404(QuestionVersion, version_id)
    figures = items.analyse_version(version)
    exercise = exercise_figures(version)
    template = "instructor/analysis_question.html"
    return render_template(template, version=version, figures=figures, exercise=exercise,
                           wrong_answers=items.frequent_wrong_answers(version),
                           inspection=isinstance(exercise, inspection.InspectionFigures),
                           min_attempts=items.MIN_ATTEMPTS)
