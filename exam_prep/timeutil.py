"""The one clock of the application: naive UTC datetimes, comparable in SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 with an explicit UTC offset, for the API."""
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC).isoformat()
