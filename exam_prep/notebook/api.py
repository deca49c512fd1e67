"""The notebook's JSON API under /api/v1/notebook (docs/api.md): thin views over service.py.
Errors are JSON ({"error": "<Korean reason>"}) as everywhere under /api/."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..api.bodies import json_of_request
from ..exams.errors import BadRequest, PoolTooSmall
from ..practice.service import start_practice
from . import args, presenters, service

bp = Blueprint("notebook_api", __name__, url_prefix="/api/v1/notebook")


class NothingDue(PoolTooSmall):
    """A retry with no question of the notebook due (409)."""


def _object_with(body: Any, key: str, kind: type, shape: str) -> Any:
    if not isinstance(body, dict) or set(body) != {key} or not isinstance(body[key], kind):
        raise BadRequest(_("본문은 %(shape)s 형식이어야 합니다", shape=shape))
    return body[key]


def _page_json(page: service.Page, rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return {key: rows, "page": page.page, "pages": page.pages, "total": page.total}


@bp.get("")
@login_required
def entries() -> Any:
    filters = args.filters(request.args)
    page = service.entries_page(current_user.id, filters, args.page(request.args), cleared=args.cleared(request.args))
    views = presenters.entry_views(current_user.id, page.rows)
    return jsonify({**_page_json(page, [presenters.entry_json(v) for v in views], "entries"),
                    "due": service.due_count(current_user.id), "filters": page.options})


@bp.put("/entries/<int:entry_id>/note")
@login_required
def note(entry_id: int) -> Any:
    text = _object_with(json_of_request(), "note", str, '{"note": "메모"}')
    entry = service.update_note(current_user.id, entry_id, text)
    return jsonify(id=entry.id, note=entry.note)


@bp.get("/bookmarks")
@login_required
def bookmarks() -> Any:
    page = service.bookmarks_page(current_user.id, args.page(request.args))
    views = presenters.bookmark_views(current_user.id, page.rows)
    return jsonify(_page_json(page, [presenters.bookmark_json(v) for v in views], "bookmarks"))


@bp.post("/bookmarks")
@login_required
def toggle_bookmark() -> Any:
    question_id = _object_with(json_of_request(), "question_id", str, '{"question_id": "문항 id"}')
    if not 0 < len(question_id) <= 100:
        raise BadRequest(_("question_id는 1~100자여야 합니다"))
    return jsonify(question_id=question_id, bookmarked=service.toggle_bookmark(current_user.id, question_id))


@bp.post("/retry")
@login_required
def retry() -> Any:
    due = service.due_question_ids(current_user.id, limit=service.RETRY_MAX)
    if not due:
        raise NothingDue(_("지금 다시 풀 문항이 없습니다"))
    attempt = start_practice(current_user, question_ids=due, title=_("오답노트 다시 풀기"))
    return jsonify(attempt=attempt.id, questions=len(attempt.items),
                   url=url_for("practice.take", attempt_id=attempt.id)), 201
