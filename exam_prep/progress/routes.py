"""Blueprint "progress": the candidate's progress page per level (/progress?level=2)."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..exams.errors import BadRequest
from . import service

bp = Blueprint("progress", __name__)


def practice_url(level: int, domain: str | None = None, type: str | None = None) -> str:  # noqa: A002
    """The practice chooser (blueprint "practice") prefilled with the level and one domain or type."""
    values = {key: value for key, value in (("domain", domain), ("type", type)) if value}
    return url_for("practice.new", level=level, **values)


bp.add_app_template_global(practice_url, "practice_url")


def _level_arg() -> int | None:
    raw = request.args.get("level")
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 3:
        raise BadRequest(_("급수는 2나 1 같은 숫자로 적어 주세요."))
    return int(raw)


@bp.route("/progress")
@login_required
def index() -> str:
    progress = service.level_progress(current_user.id, _level_arg())
    return render_template("progress/index.html", progress=progress)
