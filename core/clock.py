"""The time, as the navigator's records keep it: aware, in UTC.

`aware()` sits beside `now()` because it exists for the same reason: SQLite hands back
naive datetimes even for `DateTime(timezone=True)` columns, PostgreSQL aware ones, and
comparing the two raises. Every moment read from the database goes through `aware()`
before it meets `now()`.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import overload


def now() -> datetime:
    """This moment, in UTC (what every record's timestamps are)."""
    return datetime.now(timezone.utc)


@overload
def aware(moment: datetime) -> datetime: ...
@overload
def aware(moment: None) -> None: ...
def aware(moment: datetime | None) -> datetime | None:
    """A moment read from the database, made UTC-aware when SQLite gave it back naive."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment
