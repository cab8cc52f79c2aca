"""Surveys on cadence (docs/design.md §9, §4): periods, reminders, the fatigue guard, coverage.

Seed 004 (分级服务标准): Regular customers get a quarterly satisfaction survey (季度满意度调研);
the other tiers have none unless an admin sets one. Periods are calendar months, quarters,
halves and years of the business time zone, so a quarter starts at 00:00 Shanghai time on
1 January, April, July and October, not at midnight UTC.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

TIERS = ("VIP", "Key", "Regular", "Observation")


class Cadence(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"


MONTHS_PER_PERIOD = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.HALF_YEARLY: 6, Cadence.YEARLY: 12}
_PERIOD_KEY = re.compile(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$")


@dataclass(frozen=True)
class Period:
    """One period of a cadence: `key` as `2026-11`, `2026-Q4`, `2026-H2` or `2026`; UTC bounds."""

    key: str
    cadence: Cadence
    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def _local_month_start(year: int, month: int, zone: ZoneInfo) -> datetime:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime(year, month, 1, tzinfo=zone).astimezone(UTC)


def _period(cadence: Cadence, year: int, first_month: int, zone: ZoneInfo) -> Period:
    months = MONTHS_PER_PERIOD[cadence]
    index = (first_month - 1) // months + 1
    key = {
        Cadence.MONTHLY: f"{year}-{first_month:02d}",
        Cadence.QUARTERLY: f"{year}-Q{index}",
        Cadence.HALF_YEARLY: f"{year}-H{index}",
        Cadence.YEARLY: f"{year}",
    }[cadence]
    return Period(key, cadence, _local_month_start(year, first_month, zone),
                  _local_month_start(year, first_month + months, zone))


def period_containing(cadence: Cadence, moment: datetime, zone: ZoneInfo) -> Period:
    """The period of `cadence` that `moment` falls in, in the business time zone."""
    local = moment.astimezone(zone)
    months = MONTHS_PER_PERIOD[cadence]
    first_month = (local.month - 1) // months * months + 1
    return _period(cadence, local.year, first_month, zone)


def parse_period(key: str, zone: ZoneInfo) -> Period:
    """`2026-11` (month), `2026-Q4`, `2026-H2`, `2026` (year); ValueError otherwise."""
    match = _PERIOD_KEY.match(key or "")
    if not match:
        raise ValueError("a period is YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")
    year = int(match.group(1))
    month, quarter, half = match.group(2), match.group(3), match.group(4)
    if month:
        return _period(Cadence.MONTHLY, year, int(month), zone)
    if quarter:
        return _period(Cadence.QUARTERLY, year, (int(quarter) - 1) * 3 + 1, zone)
    if half:
        return _period(Cadence.HALF_YEARLY, year, (int(half) - 1) * 6 + 1, zone)
    return _period(Cadence.YEARLY, year, 1, zone)


# --- the schedule an admin edits ---------------------------------------------------------------


@dataclass(frozen=True)
class SurveySchedule:
    """Who is surveyed how often, and how the platform follows up (every number a default)."""

    cadence: dict[str, Cadence | None] = field(default_factory=lambda: {
        "VIP": None, "Key": None, "Regular": Cadence.QUARTERLY, "Observation": None,
    })
    survey_id: str = "default"
    reminder_after_days: tuple[int, ...] = (3, 7)
    fatigue_days: int = 30
    coverage_target: float = 0.8
    verification_reminder_after_days: int | None = 2
    invitation_expires_in_days: int = 30

    def tiers_on_cadence(self) -> dict[str, Cadence]:
        return {tier: cadence for tier, cadence in self.cadence.items() if cadence is not None}


MAX_REMINDERS = 2


class ScheduleError(ValueError):
    """A schedule that cannot be stored; `field` names the offending value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def schedule_to_document(schedule: SurveySchedule) -> dict[str, Any]:
    return {
        "cadence": {tier: (c.value if c else None) for tier, c in schedule.cadence.items()},
        "survey_id": schedule.survey_id,
        "reminder_after_days": list(schedule.reminder_after_days),
        "fatigue_days": schedule.fatigue_days,
        "coverage_target": schedule.coverage_target,
        "verification_reminder_after_days": schedule.verification_reminder_after_days,
        "invitation_expires_in_days": schedule.invitation_expires_in_days,
    }


def _whole(value: Any, low: int, high: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ScheduleError(name, f"must be a whole number of days, {low}..{high}")
    return value


def schedule_from_document(doc: Any) -> SurveySchedule:
    """Parse and check an edited schedule; ScheduleError names the first bad field."""
    if not isinstance(doc, dict):
        raise ScheduleError("body", "must be an object")
    default = SurveySchedule()
    allowed = set(schedule_to_document(default))
    for key in doc:
        if key not in allowed:
            raise ScheduleError(key, f"unknown field; allowed: {', '.join(sorted(allowed))}")
    raw_cadence = doc.get("cadence", {})
    if not isinstance(raw_cadence, dict):
        raise ScheduleError("cadence", "must be an object: tier -> cadence or null")
    cadence: dict[str, Cadence | None] = dict.fromkeys(TIERS)
    for tier, value in raw_cadence.items():
        if tier not in TIERS:
            raise ScheduleError(f"cadence.{tier}", f"unknown tier; one of {list(TIERS)}")
        if value is not None and (not isinstance(value, str) or value not in Cadence._value2member_map_):
            raise ScheduleError(f"cadence.{tier}",
                                f"{value!r} is not a cadence; one of {[c.value for c in Cadence]} or null")
        cadence[tier] = Cadence(value) if value is not None else None
    survey_id = doc.get("survey_id", default.survey_id)
    if not isinstance(survey_id, str) or not 1 <= len(survey_id) <= 64:
        raise ScheduleError("survey_id", "must be the id of a survey template")
    reminders = doc.get("reminder_after_days", list(default.reminder_after_days))
    if not isinstance(reminders, list) or len(reminders) > MAX_REMINDERS:
        raise ScheduleError("reminder_after_days", f"must be a list of at most {MAX_REMINDERS} day counts")
    for i, days in enumerate(reminders):
        _whole(days, 1, 60, f"reminder_after_days[{i}]")
        if i and days <= reminders[i - 1]:
            raise ScheduleError(f"reminder_after_days[{i}]", "must come after the reminder before it")
    verification = doc.get("verification_reminder_after_days", default.verification_reminder_after_days)
    if verification is not None:
        _whole(verification, 1, 30, "verification_reminder_after_days")
    target = doc.get("coverage_target", default.coverage_target)
    if isinstance(target, bool) or not isinstance(target, int | float) or not 0 < target <= 1:
        raise ScheduleError("coverage_target", "must be a share above 0 and at most 1")
    expires = _whole(doc.get("invitation_expires_in_days", default.invitation_expires_in_days), 1, 365,
                     "invitation_expires_in_days")
    if reminders and reminders[-1] >= expires:
        raise ScheduleError("reminder_after_days",
                            "the last reminder must come before the invitation expires")
    return SurveySchedule(
        cadence=cadence, survey_id=survey_id, reminder_after_days=tuple(reminders),
        fatigue_days=_whole(doc.get("fatigue_days", default.fatigue_days), 0, 365, "fatigue_days"),
        coverage_target=float(target), verification_reminder_after_days=verification,
        invitation_expires_in_days=expires,
    )


# --- the rules the scheduled jobs apply ---------------------------------------------------------


def fatigue_block(last_invited_at: datetime | None, now: datetime, fatigue_days: int) -> datetime | None:
    """None when a new survey invitation may go out now, else the moment it may (the 30-day guard).

    Verification questions are not survey invitations and never count here.
    """
    if last_invited_at is None or fatigue_days <= 0:
        return None
    allowed_at = last_invited_at + timedelta(days=fatigue_days)
    return allowed_at if now < allowed_at else None


def next_reminder_at(
    invited_at: datetime, reminders_sent: int, last_reminded_at: datetime | None,
    after_days: Sequence[int],
) -> datetime | None:
    """When the next reminder of an unanswered invitation is due, or None when none is left.

    Reminder n is due `after_days[n-1]` days after the invitation and, after downtime, never
    sooner after the previous reminder than the schedule spaces them: a late run sends the
    first reminder, not both at once.
    """
    if reminders_sent >= len(after_days):
        return None
    due = invited_at + timedelta(days=after_days[reminders_sent])
    if reminders_sent and last_reminded_at is not None:
        gap = timedelta(days=after_days[reminders_sent] - after_days[reminders_sent - 1])
        due = max(due, last_reminded_at + gap)
    return due


def reminder_due(
    invited_at: datetime, reminders_sent: int, last_reminded_at: datetime | None,
    after_days: Sequence[int], now: datetime,
) -> int | None:
    """The number (1, 2) of the reminder due at `now`, or None."""
    due = next_reminder_at(invited_at, reminders_sent, last_reminded_at, after_days)
    return reminders_sent + 1 if due is not None and now >= due else None


@dataclass(frozen=True)
class Coverage:
    """Of a period's target customers: invited (coverage) and answered (response rate)."""

    target: int
    invited: int
    answered: int
    coverage: float | None
    response_rate: float | None
    coverage_target: float
    met: bool | None


def coverage_of(target: int, invited: int, answered: int, coverage_target: float) -> Coverage:
    """Coverage = invited / target (met at `coverage_target`, 80%); response rate = answered / invited."""
    coverage = round(invited / target, 4) if target else None
    return Coverage(
        target=target, invited=invited, answered=answered, coverage=coverage,
        response_rate=round(answered / invited, 4) if invited else None,
        coverage_target=coverage_target,
        met=None if coverage is None else coverage >= coverage_target,
    )
