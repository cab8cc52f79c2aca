"""Times on the wire: RFC 3339 in UTC with a `Z`, read back as aware UTC datetimes; report months."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from shared.errors import InvalidInput


def format_time(moment: datetime) -> str:
    """`2026-12-02T05:45:36.123456Z`; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def format_optional(moment: datetime | None) -> str | None:
    return format_time(moment) if moment is not None else None


def parse_time(value: str) -> datetime:
    """An RFC 3339 (ISO 8601) time as an aware UTC datetime; one without an offset is UTC."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_optional(value: str | None) -> datetime | None:
    return parse_time(value) if value else None


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """A report month on the wire, `YYYY-MM`, as [first instant, first instant of the next) in UTC."""
    match = _MONTH.match(month or "")
    if not match:
        raise InvalidInput("month must look like YYYY-MM", field="month")
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=UTC)
    return start, end
