"""Instructor pages: the loaded bank at a glance (the hub). The question list and question page
(questions.py) and the question editor with its history (editor.py) register on the same
blueprint, imported here so that create_app gets every view with ``bp``."""
from __future__ import annotations

from flask import render_template

from .. import instructor_stats
from ..auth import instructor_required
from . import editor, questions  # noqa: F401  (their views register on bp)
from .blueprint import bp

__all__ = ["bp"]


@bp.route("/")
@instructor_required
def index() -> str:
    return render_template("instructor/index.html", overview=instructor_stats.overview())

# Item analysis, the cohort, account management, the labeling tools and the bank zip
# export/import page register their views on bp too.
from . import accounts, analysis, bank_io, cohort, labeling_tools  # noqa: E402,F401
