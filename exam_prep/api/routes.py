"""Thin JSON views: parse, call the exam service, answer. Errors become {"error": ...}."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..exams import lifecycle, presenters
from ..exams.errors import BadRequest
from . import json_body

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _json_body() -> Any:
    if not request.is_json:
        raise BadRequest(_("Content-Type: application/json 본문이 필요합니다"))
    try:
        return json_body.parse(request.get_data(cache=True))
    except json_body.MalformedBody as exc:
        raise BadRequest(str(exc)) from None


@bp.post("/attempts")
@login_required
def start_attempt() -> Any:
    body = _json_body()
    if not isinstance(body, dict) or not isinstance(body.get("exam"), str):
        raise BadRequest('본문은 {"exam": "시험 id"} 형식이어야 합니다')
    attempt, created = lifecycle.start_attempt(current_user.id, body["exam"])
    return jsonify(presenters.attempt_state(attempt)), (201 if created else 200)


@bp.get("/attempts/<int:attempt_id>")
@login_required
def get_attempt(attempt_id: int) -> Any:
    attempt = lifecycle.refresh_if_overdue(lifecycle.get_owned_attempt(current_user.id, attempt_id))
    include_items = request.args.get("items", "1") != "0"
    return jsonify(presenters.attempt_state(attempt, include_items=include_items))


@bp.put("/attempts/<int:attempt_id>/items/<int:item_id>")
@login_required
def save_item(attempt_id: int, item_id: int) -> Any:
    outcome = lifecycle.save_response(current_user.id, attempt_id, item_id, _json_body())
    return jsonify(saved=outcome.saved, seq=outcome.seq)


@bp.post("/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id: int) -> Any:
    attempt = lifecycle.get_owned_attempt(current_user.id, attempt_id)
    attempt = lifecycle.finish_attempt(attempt.id, lifecycle.FINISH_SUBMITTED)
    return jsonify(presenters.summary(attempt))


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> Any:
    attempt = lifecycle.refresh_if_overdue(lifecycle.get_owned_attempt(current_user.id, attempt_id))
    summary = presenters.summary(attempt)
    return jsonify({**summary, "items": presenters.result_items(attempt)})
