from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template
from flask_login import current_user

from ..exams.catalog import exam_cards
from ..progress.service import levels_taken
from ..setup import bank_loading

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def index() -> str:
    if not current_user.is_authenticated:
        return render_template("dashboard/welcome.html")
    return render_template("dashboard/index.html", cards=exam_cards(current_user.id),
                           bank_loading=bank_loading(current_app), progress=levels_taken(current_user.id))


@bp.route("/help")
def help_page() -> str:
    return render_template("dashboard/help.html")


@bp.route("/favicon.ico")
def favicon() -> Response:
    """Browsers ask every site for /favicon.ico, whatever its pages link."""
    return current_app.send_static_file("favicon.ico")
