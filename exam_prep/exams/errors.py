"""Domain errors of the attempt lifecycle; views turn them into pages or JSON with a status."""
from __future__ import annotations


class ExamError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ExamError):
    status = 404


class ExamLocked(ExamError):
    status = 403


class AttemptClosed(ExamError):
    """The attempt is finished or past its deadline and grace: saves are refused (409)."""

    status = 409


class AttemptStillOpen(ExamError):
    status = 409


class PoolTooSmall(ExamError):
    status = 409


class BadRequest(ExamError):
    status = 400
