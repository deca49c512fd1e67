"""The practice part of the JSON API (/api/v1/practice/...), documented in docs/api.md.

Saving an item's answer is the exam's own endpoint (PUT /api/v1/attempts/<id>/items/<n>): a
practice set is an attempt, and the one save path serves both."""
from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..exams.errors import BadRequest
from ..practice import present, service
from . import bodies
from .routes import bp

CRITERIA_KEYS = {"level", "domains", "types", "difficulty", "unseen_only", "size"}


def _strings(body: dict[str, Any], key: str) -> list[str]:
    values = body.get(key, [])
    if not isinstance(values, list) or len(values) > 40 or not all(
            isinstance(v, str) and len(v) <= 100 for v in values):
        raise BadRequest(_("%(key)s는 문자열 목록이어야 합니다", key=key))
    return values


def practice_criteria(body: Any) -> service.PracticeCriteria:
    """{"level": 2, "domains": [...], "types": [...], "difficulty": [1, 2], "unseen_only": false,
    "size": 10 | 20 | null}; only level is required."""
    if not isinstance(body, dict) or "level" not in body:
        raise BadRequest(_('본문은 {"level": 2, ...} 형식의 JSON이어야 합니다'))
    unknown = set(body) - CRITERIA_KEYS
    if unknown:
        raise BadRequest(_("알 수 없는 키: %(keys)s", keys=", ".join(sorted(unknown))))
    level, size, unseen = body["level"], body.get("size", 10), body.get("unseen_only", False)
    difficulty = body.get("difficulty", [])
    if isinstance(level, bool) or not isinstance(level, int):
        raise BadRequest(_("level은 1 또는 2여야 합니다"))
    if size is not None and (isinstance(size, bool) or not isinstance(size, int)):
        raise BadRequest(_("size는 10, 20 또는 null이어야 합니다"))
    if not isinstance(unseen, bool):
        raise BadRequest(_("unseen_only는 true 또는 false여야 합니다"))
    if not isinstance(difficulty, list) or len(difficulty) > 3 or not all(
            isinstance(d, int) and not isinstance(d, bool) for d in difficulty):
        raise BadRequest(_("difficulty는 1, 2, 3 중에서 고른 목록이어야 합니다"))
    return service.PracticeCriteria(level=level, domains=_strings(body, "domains"), types=_strings(body, "types"),
                                    difficulty=difficulty, unseen_only=unseen, size=size)


@bp.post("/practice")
@login_required
def practice_start() -> Any:
    criteria = practice_criteria(bodies.json_of_request())
    attempt = service.start_practice(current_user, criteria)
    return jsonify(present.practice_state(attempt)), 201


@bp.get("/practice/<int:attempt_id>")
@login_required
def practice_get(attempt_id: int) -> Any:
    return jsonify(present.practice_state(service.load_practice(current_user, attempt_id)))


@bp.post("/practice/<int:attempt_id>/items/<int:position>/check")
@login_required
def practice_check(attempt_id: int, position: int) -> Any:
    result = service.check_item(current_user, attempt_id, position)
    return jsonify(present.result_json(result.review, result.tries))


@bp.post("/practice/<int:attempt_id>/finish")
@login_required
def practice_finish(attempt_id: int) -> Any:
    attempt = service.finish_practice(current_user, attempt_id)
    return jsonify({"id": attempt.id, "status": attempt.status, **present.summary_json(service.summary(attempt))})
