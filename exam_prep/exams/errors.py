"""Domain errors of the attempt lifecycle. They say what went wrong, in Korean; which HTTP
status each becomes is the web layer's business (exam_prep/errors.py maps them)."""
from __future__ import annotations


class ExamError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(ExamError):
    """No such exam, attempt or item, or not the candidate's own."""


class NotLoggedIn(ExamError):
    """The session's login is no longer admitted (logged out elsewhere, deactivated)."""


class ExamLocked(ExamError):
    """The exam requires passing another one first."""


class AttemptClosed(ExamError):
    """The attempt is finished or past its deadline and grace: saves are refused."""


class AttemptStillOpen(ExamError):
    """Results are asked for while the attempt is still open."""


class PoolTooSmall(ExamError):
    """The bank holds fewer questions than a section draws."""


class BadRequest(ExamError):
    """The request's values cannot be used (a malformed body, a response its type refuses)."""
