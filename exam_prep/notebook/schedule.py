"""The notebook's spaced schedule (Leitner boxes), pure: no database, the clock passed in.

See docs/study.md for the reasoning. A miss puts an entry in box 1, due at once; the first right
answer on a Seoul calendar day moves it to box 2, due three days later (from that day's midnight
in Seoul); a right answer on a second, later Seoul day clears it. Two right answers on the same
day count once. A miss at any point starts over: box 1, due at once, no right day kept.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
RIGHT_DAYS_TO_CLEAR = 2
# Days from the Seoul day an entry enters a box until it is due again (box 1: at once).
BOX_DAYS = {1: 0, 2: 3}


class Scheduled(Protocol):
    misses: int
    box: int
    due_at: datetime
    right_days: int
    last_right_on: date | None
    cleared_at: datetime | None


def seoul_day(at: datetime) -> date:
    """The Asia/Seoul calendar day of a naive UTC time."""
    return at.replace(tzinfo=UTC).astimezone(SEOUL).date()


def seoul_midnight(day: date) -> datetime:
    """The start of a Seoul calendar day, as naive UTC."""
    return datetime.combine(day, time(), SEOUL).astimezone(UTC).replace(tzinfo=None)


def start(entry: Scheduled, now: datetime) -> None:
    """A new entry: missed once, due at once."""
    entry.misses = 1
    _back_to_box_one(entry, now)


def miss(entry: Scheduled, now: datetime) -> None:
    """Missed again (also after it was cleared: it comes back)."""
    entry.misses = (entry.misses or 0) + 1
    _back_to_box_one(entry, now)


def _back_to_box_one(entry: Scheduled, now: datetime) -> None:
    entry.box = 1
    entry.due_at = now
    entry.right_days = 0
    entry.last_right_on = None
    entry.cleared_at = None


def right(entry: Scheduled, now: datetime) -> bool:
    """Answered with full marks. Returns True when this counted as a new right day."""
    if entry.cleared_at is not None:
        return False
    day = seoul_day(now)
    if entry.last_right_on is not None and day <= entry.last_right_on:
        return False  # the same day (or an older one arriving late) counts once
    entry.right_days = (entry.right_days or 0) + 1
    entry.last_right_on = day
    if entry.right_days >= RIGHT_DAYS_TO_CLEAR:
        entry.cleared_at = now
        return True
    entry.box = min(entry.right_days + 1, max(BOX_DAYS))
    entry.due_at = seoul_midnight(day + timedelta(days=BOX_DAYS[entry.box]))
    return True


def is_due(entry: Scheduled, now: datetime) -> bool:
    return entry.cleared_at is None and entry.due_at <= now


def days_until_due(entry: Scheduled, now: datetime) -> int:
    """0 when due now (or today), else how many Seoul calendar days from today."""
    if entry.due_at <= now:
        return 0
    return max(0, (seoul_day(entry.due_at) - seoul_day(now)).days)
