"""Thin JSON views: parse (bodies.py), call the exam service, answer. Errors become {"error": ...}."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user, login_required

from ..accounts.sessions import request_owner
from ..exams import lifecycle, presenters
from . import bodies

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.post("/attempts")
@login_required
def start_attempt() -> Any:
    exam_id = bodies.exam_to_start(bodies.json_of_request())
    attempt, created = lifecycle.start_attempt(current_user.id, exam_id)
    return jsonify(presenters.attempt_state(attempt)), (201 if created else 200)


@bp.get("/attempts/<int:attempt_id>")
@login_required
def get_attempt(attempt_id: int) -> Any:
    attempt = lifecycle.load_attempt_for(current_user.id, attempt_id)
    include_items = request.args.get("items", "1") != "0"
    return jsonify(presenters.attempt_state(attempt, include_items=include_items))


@bp.put("/attempts/<int:attempt_id>/items/<int:position>")
def save_item(attempt_id: int, position: int) -> Any:
    """The save checks the session's login on the account row its own statement reads
    (accounts.sessions) rather than loading the user first; without a login in the session,
    Flask-Login decides (a remember-me cookie logs in, else 401)."""
    owner = request_owner()
    if owner is None:
        return current_app.login_manager.unauthorized()
    save = bodies.save_request(bodies.json_of_request())
    outcome = lifecycle.save_response(owner, attempt_id, position, save.seq, save.response, save.flagged)
    return jsonify(saved=outcome.saved, seq=outcome.seq)


@bp.post("/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id: int) -> Any:
    attempt = lifecycle.load_attempt_for(current_user.id, attempt_id)
    attempt = lifecycle.finish_attempt(attempt.id, lifecycle.FINISH_SUBMITTED)
    return jsonify(presenters.summary(attempt))


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int) -> Any:
    attempt = lifecycle.load_attempt_for(current_user.id, attempt_id)
    summary = presenters.summary(attempt)
    return jsonify({**summary, "items": presenters.result_items(attempt)})
