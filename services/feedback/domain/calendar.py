"""Clocks that SLA targets run on: around the clock, or business hours (docs/design.md §5).

The business calendar counts working days 09:00-18:00 in its time zone (Asia/Shanghai by
default). Chinese public holidays and adjusted working days (调休) come from the
`chinesecalendar` library; configured holidays and working days override it. A year the
library does not know yet falls back to weekends plus the configured days, and the year is
recorded in `fallback_years` so the caller can log a warning: a ticket never fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

import chinese_calendar

ROUND_THE_CLOCK = "24x7"
MAX_DAYS_SCANNED = 3660  # ten years: a calendar with no working day at all stops here


class Clock(Protocol):
    name: str

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of counted time has passed after `start`."""
        ...

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Counted time between two moments (zero when `end` is not after `start`)."""
        ...


@dataclass
class RoundTheClock:
    """Every hour counts (P1 and VIP tickets)."""

    name: str = ROUND_THE_CLOCK

    def add(self, start: datetime, duration: timedelta) -> datetime:
        return start + duration

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        return max(end - start, timedelta(0))


@lru_cache(maxsize=8192)
def _chinese_workday(day: date) -> bool | None:
    """The library's answer for a day (None for a year it does not know), looked up once: its
    checks cost more than the rest of a due-time computation."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


@dataclass
class BusinessCalendar:
    """Working days and hours; holidays from the Chinese calendar plus configured overrides."""

    timezone: str = "Asia/Shanghai"
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    use_chinese_calendar: bool = True
    fallback_years: set[int] = field(default_factory=set, compare=False)

    def __post_init__(self) -> None:
        if self.work_end <= self.work_start:
            raise ValueError("work_end must be after work_start")
        self._zone = ZoneInfo(self.timezone)

    @property
    def name(self) -> str:
        return f"business:{self.timezone}"

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if self.use_chinese_calendar:
            working = _chinese_workday(day)
            if working is not None:
                return working
            self.fallback_years.add(day.year)
        return day.weekday() < 5

    def _window(self, day: date) -> tuple[datetime, datetime] | None:
        if not self.is_working_day(day):
            return None
        return (
            datetime.combine(day, self.work_start, tzinfo=self._zone),
            datetime.combine(day, self.work_end, tzinfo=self._zone),
        )

    def add(self, start: datetime, duration: timedelta) -> datetime:
        remaining = duration
        cursor = start.astimezone(self._zone)
        if remaining <= timedelta(0):
            return start.astimezone(UTC)
        for _ in range(MAX_DAYS_SCANNED):
            window = self._window(cursor.date())
            if window is not None:
                opens, closes = window
                begin = max(cursor, opens)
                if begin < closes:
                    available = closes - begin
                    if remaining <= available:
                        return (begin + remaining).astimezone(UTC)
                    remaining -= available
            next_day = cursor.date() + timedelta(days=1)
            cursor = datetime.combine(next_day, time(0), tzinfo=self._zone)
        raise ValueError("the business calendar has no working time in ten years")

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        if end <= start:
            return timedelta(0)
        total = timedelta(0)
        cursor = start.astimezone(self._zone)
        stop = end.astimezone(self._zone)
        while cursor.date() <= stop.date():
            window = self._window(cursor.date())
            if window is not None:
                begin = max(cursor, window[0])
                finish = min(stop, window[1])
                if finish > begin:
                    total += finish - begin
            cursor = datetime.combine(cursor.date() + timedelta(days=1), time(0), tzinfo=self._zone)
        return total
