"""The notebook pages (blueprint "notebook"): thin views over service.py."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ..exams.errors import BadRequest
from ..practice.service import start_practice
from . import args, presenters, service
from .forms import PostForm

bp = Blueprint("notebook", __name__, url_prefix="/notebook")


@bp.app_template_global("bookmarked_question_ids")
def bookmarked_question_ids() -> set[str]:
    """The questions the signed-in candidate keeps (read once per request), for bookmark buttons."""
    if not current_user.is_authenticated:
        return set()
    if "bookmarked_question_ids" not in g:
        g.bookmarked_question_ids = service.bookmarked_question_ids(current_user.id)
    return g.bookmarked_question_ids


def _checked_post() -> None:
    if not PostForm().validate_on_submit():
        abort(400)


def _notebook(cleared: bool) -> str:
    filters = args.filters(request.args)
    page = service.entries_page(current_user.id, filters, args.page(request.args), cleared=cleared)
    return render_template("notebook/index.html", page=page, filters=filters, cleared=cleared,
                           items=presenters.entry_views(current_user.id, page.rows),
                           due_count=service.due_count(current_user.id), note_max=service.NOTE_MAX)


@bp.get("/")
@login_required
def index() -> str:
    return _notebook(cleared=False)


@bp.get("/cleared")
@login_required
def cleared() -> str:
    return _notebook(cleared=True)


@bp.post("/entries/<int:entry_id>/note")
@login_required
def note(entry_id: int) -> Response:
    _checked_post()
    service.update_note(current_user.id, entry_id, request.form.get("note", ""))
    flash(_("메모를 저장했습니다."), "success")
    back = args.safe_next(request.form.get("next")) or url_for("notebook.index")
    return redirect(f"{back.split('#')[0]}#entry-{entry_id}")


@bp.post("/retry")
@login_required
def retry() -> Response:
    _checked_post()
    due = service.due_question_ids(current_user.id, limit=service.RETRY_MAX)
    if not due:
        flash(_("지금 다시 풀 문항이 없습니다."), "info")
        return redirect(url_for("notebook.index"))
    attempt = start_practice(current_user, question_ids=due, title=_("오답노트 다시 풀기"))
    return redirect(url_for("practice.take", attempt_id=attempt.id))


@bp.get("/bookmarks")
@login_required
def bookmarks() -> str:
    page = service.bookmarks_page(current_user.id, args.page(request.args))
    return render_template("notebook/bookmarks.html", page=page,
                           items=presenters.bookmark_views(current_user.id, page.rows))


@bp.post("/bookmarks")
@login_required
def toggle_bookmark() -> Response:
    _checked_post()
    question_id = request.form.get("question_id", "")
    if not question_id or len(question_id) > 100:
        raise BadRequest(_("보관할 문항 번호(question_id)가 없거나 너무 깁니다"))
    keep = request.form.get("keep")
    if keep not in (None, "0", "1"):
        raise BadRequest(_("keep은 0 또는 1이어야 합니다"))
    kept = (service.toggle_bookmark(current_user.id, question_id) if keep is None
            else service.set_bookmark(current_user.id, question_id, keep == "1"))
    flash(_("문항을 보관했습니다.") if kept else _("보관을 취소했습니다."), "success")
    return redirect(args.safe_next(request.form.get("next")) or url_for("notebook.bookmarks"))

