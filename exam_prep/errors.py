"""Error pages and JSON errors: every failure answers with a reason, never a bare 500 page."""
from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .exams import errors as exam_errors
from .questions.base import StoredQuestionInvalid

# The one place domain errors become HTTP statuses (the services know nothing of HTTP).
STATUS_OF_EXAM_ERROR: dict[type[exam_errors.ExamError], int] = {
    exam_errors.BadRequest: 400,
    exam_errors.NotLoggedIn: 401,
    exam_errors.ExamLocked: 403,
    exam_errors.NotFound: 404,
    exam_errors.AttemptClosed: 409,
    exam_errors.AttemptStillOpen: 409,
    exam_errors.PoolTooSmall: 409,
}


def status_of(exc: exam_errors.ExamError) -> int:
    """The status of a domain error: its own class's, or the nearest base class's listed above."""
    for cls in type(exc).__mro__:
        if cls in STATUS_OF_EXAM_ERROR:
            return STATUS_OF_EXAM_ERROR[cls]
    return 400


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _messages() -> dict[int, str]:
    return {
        400: _("요청을 처리할 수 없습니다."),
        403: _("이 페이지를 볼 권한이 없습니다."),
        404: _("찾으시는 페이지가 없습니다."),
        405: _("허용되지 않는 요청 방식입니다."),
        409: _("지금은 처리할 수 없는 요청입니다."),
        413: _("보낸 내용이 너무 큽니다."),
        500: _("서버에 문제가 생겼습니다. 잠시 뒤 다시 시도해 주세요."),
    }


def error_response(status: int, message: str) -> Any:
    if _wants_json():
        return jsonify(error=message), status
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        return error_response(
            400, _("보안 토큰(CSRF)이 없거나 만료되었습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요."))

    @app.errorhandler(exam_errors.ExamError)
    def exam_error(exc: exam_errors.ExamError) -> Any:
        return error_response(status_of(exc), exc.message)

    @app.errorhandler(StoredQuestionInvalid)
    def stored_question_invalid(exc: StoredQuestionInvalid) -> Any:
        # A stored version its type's schema no longer accepts: never shown or scored on a guess.
        app.logger.error("%s", exc)
        from .extensions import db

        db.session.rollback()
        return error_response(409, _("문항 %(question)s(버전 %(version)s)이 지금의 문항 형식에 맞지 않아 "
                                     "쓸 수 없습니다. 관리자에게 알려 주세요.",
                                     question=exc.question_id, version=exc.version))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        message = _messages().get(status, exc.name)
        return error_response(status, message)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from .extensions import db

        db.session.rollback()
        return error_response(500, _messages()[500])
