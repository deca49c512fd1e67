"""Domain errors carry no HTTP status; the web layer's one mapping gives every one of them its
status, its own or its nearest listed base class's (a new error class with neither would fail
here, not fall silently to 400)."""
from __future__ import annotations

import exam_prep.notebook.api  # noqa: F401  (their domain errors are subclasses too)
import exam_prep.practice.service  # noqa: F401
from exam_prep.errors import STATUS_OF_EXAM_ERROR, status_of
from exam_prep.exams import errors


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_domain_errors_know_no_http_status() -> None:
    for cls in {errors.ExamError, *_subclasses(errors.ExamError)}:
        assert not hasattr(cls, "status"), cls


def test_every_domain_error_has_its_status() -> None:
    unlisted = [cls for cls in _subclasses(errors.ExamError)
                if not any(base in STATUS_OF_EXAM_ERROR for base in cls.__mro__)]
    assert unlisted == []
    assert {cls.__name__ for cls in _subclasses(errors.ExamError)} >= {"NothingDue", "NoMatchingQuestions"}
    assert {cls.__name__: status_of(cls("x")) for cls in STATUS_OF_EXAM_ERROR} == {
        "BadRequest": 400, "NotLoggedIn": 401, "ExamLocked": 403, "NotFound": 404,
        "AttemptClosed": 409, "AttemptStillOpen": 409, "PoolTooSmall": 409,
    }
