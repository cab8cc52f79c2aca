"""Times on the wire: RFC 3339 in UTC with a `Z`, read back as aware UTC datetimes; report months."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from shared.business_time import month_bounds as business_month_bounds
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


def month_bounds(month: str, zone: tzinfo = UTC) -> tuple[datetime, datetime]:
    """A report month on the wire, `YYYY-MM`, as [first instant, first instant of the next), in UTC,
    the month taken in `zone` (the business time zone, docs/design.md §9); else a 422 naming it."""
    try:
        return business_month_bounds(month or "", zone)
    except ValueError as exc:
        raise InvalidInput("month must look like YYYY-MM", field="month") from exc
