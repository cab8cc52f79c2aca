"""Calendar boundaries in the business time zone (docs/design.md §9).

Every day, week, month, quarter and half-year boundary the platform uses (schedules, caps,
reports) is a local midnight of the configured zone (`CRM_BUSINESS_TIMEZONE`, Asia/Shanghai by
default), returned as an aware UTC datetime. Pure functions: the moment is passed in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_BUSINESS_TIMEZONE = "Asia/Shanghai"
MONDAY = 0


@cache
def zone_named(name: str) -> ZoneInfo:
    """The IANA zone of that name; ValueError when the name is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Asia/Shanghai)") from exc


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    """The business day a moment falls on."""
    return moment.astimezone(zone).date()


def at_local(day: date, zone: ZoneInfo, wall: time = time(0)) -> datetime:
    """That wall-clock time of that business day, as UTC. A time a DST change skips is read as the
    time after the change; an ambiguous one as its first occurrence."""
    # fold=0 (PEP 495): a skipped time takes the offset from before the change, which lands after
    # it (02:30 that does not exist is 03:30); a repeated time is its first occurrence.
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def start_of_day(moment: datetime, zone: ZoneInfo) -> datetime:
    return at_local(local_date(moment, zone), zone)


def start_of_week(moment: datetime, zone: ZoneInfo, first_weekday: int = MONDAY) -> datetime:
    day = local_date(moment, zone)
    return at_local(day - timedelta(days=(day.weekday() - first_weekday) % 7), zone)


def first_of_month(day: date, months_later: int = 0) -> date:
    """The 1st of the month `months_later` months after the month of `day` (negative: before)."""
    index = day.year * 12 + day.month - 1 + months_later
    return date(index // 12, index % 12 + 1, 1)


def start_of_month(moment: datetime, zone: ZoneInfo, months_later: int = 0) -> datetime:
    return at_local(first_of_month(local_date(moment, zone), months_later), zone)


def start_of_quarter(moment: datetime, zone: ZoneInfo, quarters_later: int = 0) -> datetime:
    day = local_date(moment, zone)
    first = first_of_month(day, -((day.month - 1) % 3))
    return at_local(first_of_month(first, 3 * quarters_later), zone)


def start_of_half_year(moment: datetime, zone: ZoneInfo, halves_later: int = 0) -> datetime:
    day = local_date(moment, zone)
    first = first_of_month(day, -((day.month - 1) % 6))
    return at_local(first_of_month(first, 6 * halves_later), zone)


def add_months(moment: datetime, months: int, zone: ZoneInfo) -> datetime:
    """The same wall time `months` later, the day clamped to the month's end (Jan 31 + 1 = Feb 28)."""
    local = moment.astimezone(zone)
    first = first_of_month(local.date(), months)
    last_day = (first_of_month(first, 1) - timedelta(days=1)).day
    return at_local(first.replace(day=min(local.day, last_day)), zone, local.time())


def month_of(moment: datetime, zone: ZoneInfo) -> str:
    """`YYYY-MM` of the business month a moment falls in."""
    return local_date(moment, zone).strftime("%Y-%m")


def parse_month(month: str) -> date:
    """`YYYY-MM` -> the 1st of that month; ValueError otherwise."""
    try:
        parsed = datetime.strptime(month, "%Y-%m").date()
    except ValueError as exc:
        raise ValueError(f"{month!r} is not a month written YYYY-MM") from exc
    if len(month) != 7:
        raise ValueError(f"{month!r} is not a month written YYYY-MM")
    return parsed


def month_bounds(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a business month `YYYY-MM`, as UTC."""
    first = parse_month(month)
    return at_local(first, zone), at_local(first_of_month(first, 1), zone)


def month_starts(moment: datetime, zone: ZoneInfo, count: int) -> list[datetime]:
    """Starts of the `count` full business months before the one of `moment`, oldest first, then
    the start of the month of `moment`: `count + 1` boundaries of `count` months."""
    return [start_of_month(moment, zone, -k) for k in range(count, -1, -1)]
