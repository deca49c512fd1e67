"""The 오답노트's spaced schedule with a fake clock: pure rules (schedule.py), then the whole
schedule through record_results and due_question_ids over simulated days, as exams and practice
checks record them. Times are naive UTC; days are Asia/Seoul calendar days (UTC+9)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from exam_prep.extensions import db
from exam_prep.models import MODE_EXAM, STATUS_FINISHED, Attempt, AttemptItem, NotebookEntry, QuestionVersion, User
from exam_prep.notebook import schedule, service

# 2026-12-01 10:00 in Seoul is 01:00 UTC; Seoul's midnight is 15:00 UTC the day before.
DAY1 = datetime(2026, 12, 1, 1, 0)


def seoul(day: int, hour: int) -> datetime:
    """A naive UTC time at ``hour`` o'clock in Seoul on December ``day``, 2026."""
    return datetime(2026, 12, day, hour) - timedelta(hours=9)


@dataclass
class Entry:
    misses: int = 0
    box: int = 0
    due_at: datetime = DAY1
    right_days: int = 0
    last_right_on: date | None = None
    cleared_at: datetime | None = None


def test_seoul_days_and_midnights() -> None:
    assert schedule.seoul_day(datetime(2026, 12, 1, 14, 59)) == date(2026, 12, 1)
    assert schedule.seoul_day(datetime(2026, 12, 1, 15, 0)) == date(2026, 12, 2)  # midnight in Seoul
    assert schedule.seoul_midnight(date(2026, 12, 4)) == datetime(2026, 12, 3, 15, 0)


def test_missed_right_on_day_one_due_in_three_days_right_on_day_two_cleared() -> None:
    entry = Entry()
    schedule.start(entry, seoul(1, 10))
    assert (entry.misses, entry.box, entry.right_days) == (1, 1, 0)
    assert schedule.is_due(entry, seoul(1, 10)) and schedule.days_until_due(entry, seoul(1, 10)) == 0

    assert schedule.right(entry, seoul(1, 11))  # retried at once: right day 1
    assert (entry.box, entry.right_days, entry.last_right_on) == (2, 1, date(2026, 12, 1))
    assert entry.due_at == seoul(4, 0)  # three days later, from Seoul's midnight
    for now in (seoul(1, 12), seoul(2, 9), seoul(3, 23)):
        assert not schedule.is_due(entry, now)
    assert schedule.days_until_due(entry, seoul(1, 23)) == 3
    assert schedule.days_until_due(entry, seoul(3, 8)) == 1
    assert schedule.is_due(entry, seoul(4, 0)) and schedule.days_until_due(entry, seoul(4, 7)) == 0

    assert schedule.right(entry, seoul(4, 9))  # right day 2: cleared
    assert entry.right_days == 2 and entry.cleared_at == seoul(4, 9)
    assert not schedule.is_due(entry, seoul(30, 9))
    assert not schedule.right(entry, seoul(5, 9))  # a cleared entry takes no more steps


def test_two_rights_on_one_seoul_day_count_once() -> None:
    entry = Entry()
    schedule.start(entry, seoul(1, 8))
    assert schedule.right(entry, seoul(1, 9))
    assert not schedule.right(entry, seoul(1, 23))  # 23:00 the same Seoul day
    assert entry.right_days == 1 and entry.cleared_at is None
    # 00:30 in Seoul is still the evening before in UTC, but a new Seoul day: it counts.
    assert schedule.right(entry, seoul(2, 0) + timedelta(minutes=30))
    assert entry.cleared_at is not None


def test_a_miss_in_between_starts_over() -> None:
    entry = Entry()
    schedule.start(entry, seoul(1, 8))
    schedule.right(entry, seoul(1, 9))
    schedule.miss(entry, seoul(4, 10))
    assert (entry.misses, entry.box, entry.right_days, entry.last_right_on) == (2, 1, 0, None)
    assert entry.due_at == seoul(4, 10) and schedule.is_due(entry, seoul(4, 10))
    assert schedule.right(entry, seoul(4, 11))  # the same day as the miss: right day 1 again
    assert not schedule.right(entry, seoul(4, 12))
    assert entry.right_days == 1 and entry.due_at == seoul(7, 0)
    schedule.right(entry, seoul(7, 9))
    assert entry.cleared_at == seoul(7, 9)
    schedule.miss(entry, seoul(9, 9))  # missed after it was cleared: back in the notebook
    assert entry.cleared_at is None and entry.misses == 3 and schedule.is_due(entry, seoul(9, 9))


# --- the whole schedule, through the service -----------------------------------------------


class Clock:
    """A candidate answering one question in attempts made by hand, at the times given."""

    def __init__(self, question_id: str) -> None:
        self.user = User(username="시계", username_key="시계", password_hash="x")
        db.session.add(self.user)
        db.session.commit()
        self.version = db.session.scalars(select(QuestionVersion).where(
            QuestionVersion.question_id == question_id, QuestionVersion.is_current.is_(True))).one()

    def answer(self, at: datetime, points: float | None) -> None:
        """A finished mock exam with this question, scored ``points`` of 1 (None: not answered)."""
        attempt = Attempt(user_id=self.user.id, exam_id="level2", mode=MODE_EXAM, status=STATUS_FINISHED,
                          started_at=at, deadline=at, finished_at=at, rules={"title": "t"})
        item = AttemptItem(position=1, section=0, question_version_id=self.version.id, type=self.version.type,
                           response=None if points is None else {"choice": 1},
                           points=points or 0.0, max_points=1.0)
        attempt.items.append(item)
        db.session.add(attempt)
        db.session.flush()
        service.record_finished_attempt(attempt, [item], at)
        db.session.commit()

    def entry(self) -> NotebookEntry | None:
        return db.session.scalar(select(NotebookEntry).where(NotebookEntry.user_id == self.user.id))

    def due(self, at: datetime) -> list[str]:
        return service.due_question_ids(self.user, now=at)


@pytest.fixture
def clock(app) -> Clock:
    with app.app_context():
        yield Clock("t2-basics-1")


def test_the_schedule_over_simulated_days(clock: Clock) -> None:
    clock.answer(seoul(1, 10), 1.0)  # right, and not in the notebook: nothing
    assert clock.entry() is None and clock.due(seoul(1, 10)) == []

    clock.answer(seoul(1, 11), 0.0)  # missed: in, due at once
    entry = clock.entry()
    assert (entry.misses, entry.box, entry.last_points, entry.last_max_points) == (1, 1, 0.0, 1.0)
    assert clock.due(seoul(1, 11)) == ["t2-basics-1"]

    clock.answer(seoul(1, 12), 1.0)  # right on day 1: box 2, not due until day 4
    clock.answer(seoul(1, 20), 1.0)  # right again the same day: counts once
    entry = clock.entry()
    assert (entry.box, entry.right_days, entry.cleared_at) == (2, 1, None)
    for day in (1, 2, 3):
        assert clock.due(seoul(day, 23)) == []
    assert clock.due(seoul(4, 0)) == ["t2-basics-1"]

    clock.answer(seoul(4, 9), 0.5)  # partial credit is a miss: starts over
    entry = clock.entry()
    assert (entry.misses, entry.box, entry.right_days, entry.last_points) == (2, 1, 0, 0.5)
    assert clock.due(seoul(4, 9)) == ["t2-basics-1"]

    clock.answer(seoul(4, 10), 1.0)
    assert clock.due(seoul(6, 12)) == []
    clock.answer(seoul(6, 12), 1.0)  # right on a second day (before it was due): cleared
    entry = clock.entry()
    assert entry.cleared_at == seoul(6, 12) and entry.right_days == 2
    assert clock.due(seoul(20, 9)) == []

    clock.answer(seoul(8, 9), None)  # left unanswered in an exam: a miss, back in the notebook
    entry = clock.entry()
    assert entry.cleared_at is None and entry.misses == 3 and clock.due(seoul(8, 9)) == ["t2-basics-1"]


def test_due_questions_longest_due_first_and_limited(app) -> None:
    with app.app_context():
        first, second = Clock("t2-basics-1"), None
        first.answer(seoul(1, 10), 0.0)
        version = db.session.scalars(select(QuestionVersion).where(
            QuestionVersion.question_id == "t2-basics-2", QuestionVersion.is_current.is_(True))).one()
        second = first.version
        first.version = version
        first.answer(seoul(1, 9), 0.0)  # missed an hour earlier: due first
        assert first.due(seoul(1, 12)) == ["t2-basics-2", "t2-basics-1"]
        assert service.due_question_ids(first.user.id, now=seoul(1, 12), limit=1) == ["t2-basics-2"]
        assert second.question_id == "t2-basics-1"
        # A question the bank no longer has (no current version) cannot be retried: not offered.
        second.is_current = False
        db.session.commit()
        assert first.due(seoul(1, 12)) == ["t2-basics-2"]


def test_the_entry_shows_the_latest_version_seen(app, clock: Clock) -> None:
    """Missed on version 1; the question is changed (version 2) and answered right once: the entry
    shows version 2 with its own answer, not the response given to version 1."""
    from exam_prep.notebook import presenters

    clock.answer(seoul(1, 10), 0.0)
    old = clock.version
    new = QuestionVersion(question_id=old.question_id, version=old.version + 1, type=old.type, level=old.level,
                          domain=old.domain, difficulty=old.difficulty, content_hash="0" * 64,
                          payload={**old.payload, "explanation": "고친 해설 NEW-VERSION"}, is_current=True)
    old.is_current = False
    db.session.add(new)
    db.session.commit()
    clock.version = new
    clock.answer(seoul(1, 11), 1.0)
    entry = clock.entry()
    assert entry.version_id == new.id and entry.right_days == 1
    with app.test_request_context():
        (view,) = presenters.entry_views(clock.user, [entry], now=seoul(1, 12))
    assert view["earned"] and view["question_version"] == new.version
    assert "NEW-VERSION" in view["explanation"] and view["response"] is None
    assert view["due_days"] == 3 and view["missed_in"]["exam"] is True
