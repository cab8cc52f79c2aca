"""When a scheduled job is due: calendar periods in the business time zone (docs/design.md §9).

A job runs once per *period*. Calendar periods (day, week, month, quarter, half-year, year)
start at a local midnight; a job of such a period is due at a wall time (`at`) on the day the
period closes, e.g. the monthly snapshot of November is due on December 1st at 02:00, the
weekly digest of the week that just closed on Monday at 09:00. `every N minutes` periods are
aligned to the epoch and due as they close. Pure: the moment and the zone are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from shared.business_time import (
    MONDAY,
    at_local,
    first_of_month,
    local_date,
    start_of_day,
    start_of_half_year,
    start_of_month,
    start_of_quarter,
    start_of_week,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Unit(StrEnum):
    MINUTES = "minutes"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half-year"
    YEAR = "year"


_MONTHS_IN = {Unit.MONTH: 1, Unit.QUARTER: 3, Unit.HALF_YEAR: 6, Unit.YEAR: 12}


@dataclass(frozen=True)
class Period:
    """[start, end) of one period, and when its job is due; UTC datetimes."""

    start: datetime
    end: datetime
    due_at: datetime


class TimesError(ValueError):
    """An edited schedule time that cannot be: names the field at fault."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


MAX_DAY_OF_MONTH = 28  # every month has it


@dataclass(frozen=True)
class Recurrence:
    """A period rule: `Recurrence.monthly(at=time(2))`, `Recurrence.weekly(MONDAY, time(9))`,
    `Recurrence.daily(time(0, 30))`, `Recurrence.every_minutes(10)`. `day` is the day of the
    month after a month (quarter, half-year, year) closes on which its job is due (the 1st by
    default)."""

    unit: Unit
    minutes: int = 0
    at: time = time(0)
    weekday: int = MONDAY
    day: int = 1

    def __post_init__(self) -> None:
        if self.unit is Unit.MINUTES and not 1 <= self.minutes <= 24 * 60:
            raise ValueError("every N minutes needs 1 <= N <= 1440")
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
        if not 1 <= self.day <= MAX_DAY_OF_MONTH:
            raise ValueError(f"day is 1 to {MAX_DAY_OF_MONTH}")

    # --- the times an admin may change (docs/design.md §9) ----------------------------------

    def times(self) -> dict[str, Any]:
        """What of this rule an admin may change, as a settings document: the interval of an
        every-N-minutes job; the time of day of the others, with the weekday of a weekly job and
        the day of the month of a monthly (quarterly, half-yearly, yearly) one."""
        if self.unit is Unit.MINUTES:
            return {"every_minutes": self.minutes}
        document: dict[str, Any] = {"at": self.at.strftime("%H:%M")}
        if self.unit is Unit.WEEK:
            document["weekday"] = WEEKDAYS[self.weekday]
        elif self.unit in _MONTHS_IN:
            document["day_of_month"] = self.day
        return document

    def with_times(self, document: Any) -> Recurrence:
        """This rule with the times of an edited document (fields left out keep this rule's);
        TimesError names the first field at fault."""
        if not isinstance(document, dict):
            raise TimesError("body", "the schedule's times are an object")
        allowed = self.times()
        for name in document:
            if name not in allowed:
                raise TimesError(name, f"does not apply to a job that runs {self._kind()}; "
                                       f"it takes {', '.join(allowed)}")
        changes: dict[str, Any] = {}
        if "every_minutes" in document:
            changes["minutes"] = _whole(document, "every_minutes", 1, 24 * 60)
        if "at" in document:
            changes["at"] = _time_of_day(document["at"])
        if "weekday" in document:
            weekday = document["weekday"]
            names = [w.lower() for w in WEEKDAYS]
            if not isinstance(weekday, str) or weekday.lower() not in names:
                raise TimesError("weekday", f"must be one of {', '.join(WEEKDAYS)}")
            changes["weekday"] = names.index(weekday.lower())
        if "day_of_month" in document:
            changes["day"] = _whole(document, "day_of_month", 1, MAX_DAY_OF_MONTH)
        return replace(self, **changes)

    def _kind(self) -> str:
        return "every few minutes" if self.unit is Unit.MINUTES else {
            Unit.DAY: "daily", Unit.WEEK: "weekly", Unit.MONTH: "monthly", Unit.QUARTER: "quarterly",
            Unit.HALF_YEAR: "half-yearly", Unit.YEAR: "yearly"}[self.unit]

    @classmethod
    def every_minutes(cls, minutes: int) -> Recurrence:
        return cls(Unit.MINUTES, minutes=minutes)

    @classmethod
    def daily(cls, at: time = time(0)) -> Recurrence:
        return cls(Unit.DAY, at=at)

    @classmethod
    def weekly(cls, weekday: int = MONDAY, at: time = time(0)) -> Recurrence:
        return cls(Unit.WEEK, at=at, weekday=weekday)

    @classmethod
    def monthly(cls, at: time = time(0)) -> Recurrence:
        return cls(Unit.MONTH, at=at)

    @classmethod
    def quarterly(cls, at: time = time(0)) -> Recurrence:
        return cls(Unit.QUARTER, at=at)

    @classmethod
    def half_yearly(cls, at: time = time(0)) -> Recurrence:
        return cls(Unit.HALF_YEAR, at=at)

    @classmethod
    def yearly(cls, at: time = time(0)) -> Recurrence:
        return cls(Unit.YEAR, at=at)

    def describe(self, zone: ZoneInfo) -> str:
        """What a person reads in `GET /v1/schedules`."""
        at = self.at.strftime("%H:%M")
        day = _ordinal(self.day)
        text = {
            Unit.MINUTES: f"every {self.minutes} minutes",
            Unit.DAY: f"daily at {at}, for the day before",
            Unit.WEEK: f"weekly on {WEEKDAYS[self.weekday]} at {at}, for the week before",
            Unit.MONTH: f"monthly on the {day} at {at}, for the month before",
            Unit.QUARTER: f"quarterly on the {day} at {at}, for the quarter before",
            Unit.HALF_YEAR: f"half-yearly on the {day} at {at}, for the half-year before",
            Unit.YEAR: f"yearly on January {day} at {at}, for the year before",
        }[self.unit]
        return f"{text} ({zone.key})"

    def period_start(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """Start of the period that contains `moment`."""
        match self.unit:
            case Unit.MINUTES:
                step = timedelta(minutes=self.minutes)
                return EPOCH + ((moment - EPOCH) // step) * step
            case Unit.DAY:
                return start_of_day(moment, zone)
            case Unit.WEEK:
                return start_of_week(moment, zone, self.weekday)
            case Unit.MONTH:
                return start_of_month(moment, zone)
            case Unit.QUARTER:
                return start_of_quarter(moment, zone)
            case Unit.HALF_YEAR:
                return start_of_half_year(moment, zone)
            case Unit.YEAR:
                return at_local(local_date(moment, zone).replace(month=1, day=1), zone)

    def next_start(self, start: datetime, zone: ZoneInfo) -> datetime:
        """Start of the period after the one starting at `start` (local calendar arithmetic)."""
        match self.unit:
            case Unit.MINUTES:
                return start + timedelta(minutes=self.minutes)
            case Unit.DAY | Unit.WEEK:
                days = 1 if self.unit is Unit.DAY else 7
                return at_local(local_date(start, zone) + timedelta(days=days), zone)
            case _:
                return at_local(first_of_month(local_date(start, zone), _MONTHS_IN[self.unit]), zone)

    def due_at(self, period_end: datetime, zone: ZoneInfo) -> datetime:
        """When the job of the period ending at `period_end` is due."""
        if self.unit is Unit.MINUTES:
            return period_end
        day = local_date(period_end, zone)
        if self.unit in _MONTHS_IN:
            day += timedelta(days=self.day - 1)
        return at_local(day, zone, self.at)

    def period(self, start: datetime, zone: ZoneInfo) -> Period:
        end = self.next_start(start, zone)
        return Period(start, end, self.due_at(end, zone))

    def latest_due(self, now: datetime, zone: ZoneInfo) -> Period:
        """The most recent period whose job is due at `now`."""
        current = self.period_start(now, zone)
        closed = self.period(self.period_start(current - timedelta(microseconds=1), zone), zone)
        if closed.due_at <= now:
            return closed
        # Closed, but its `at` has not come yet: the one before is the latest due.
        return self.period(self.period_start(closed.start - timedelta(microseconds=1), zone), zone)

    def due_after(self, last_start: datetime, now: datetime, zone: ZoneInfo, limit: int) -> list[Period]:
        """Periods after the one starting at `last_start` that are due at `now`, oldest first; at
        most the newest `limit` of them."""
        latest = self.latest_due(now, zone)
        found: list[Period] = []
        # The period after the last one run, on this rule's grid: an admin may have moved the
        # grid since (another interval or weekday), and the next period starts on the new one.
        start = self.next_start(self.period_start(last_start, zone), zone)
        if self.unit is Unit.MINUTES and latest.start - start > limit * timedelta(minutes=self.minutes):
            start = latest.start - (limit - 1) * timedelta(minutes=self.minutes)  # skip ahead
        while start <= latest.start:
            found.append(self.period(start, zone))
            start = self.next_start(start, zone)
        return found[-limit:] if limit > 0 else []

    def next_due(self, last_start: datetime | None, now: datetime, zone: ZoneInfo) -> datetime:
        """When the next run falls due: the period after the last one run, or the latest due one
        when none ran yet. A time in the past means due now."""
        if last_start is None:
            return self.latest_due(now, zone).due_at
        return self.period(self.next_start(self.period_start(last_start, zone), zone), zone).due_at


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _whole(document: dict[str, Any], name: str, low: int, high: int) -> int:
    value = document[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise TimesError(name, f"must be a whole number from {low} to {high}")
    return value


def _time_of_day(value: Any) -> time:
    """`HH:MM`, 00:00 to 23:59."""
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        hours, minutes = value[:2], value[3:]
        if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
            return time(int(hours), int(minutes))
    raise TimesError("at", "must be a time of day HH:MM, from 00:00 to 23:59")
