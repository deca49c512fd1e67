"""GET /healthz: 200 {"status": "ok", ...} or 503 {"status": "unavailable", "problems": [...]}."""
from __future__ import annotations

from flask import Blueprint, jsonify
from werkzeug.wrappers import Response

from .service import check

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    health = check()
    body = {"status": "ok" if health.ok else "unavailable", "problems": health.problems, **health.report}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if health.ok else 503
