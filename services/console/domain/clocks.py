"""Moving the services' test clocks together from the operations page (docs/design.md §9): where the
clocks go for each step a person may choose, and a time typed as wall time in the business zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.console.domain.forms import FormError, parse_local_time
from shared.business_time import at_local, first_of_month, local_date


class ClockStep(StrEnum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    # The 2nd of next month at 10:00: the month-end jobs of the 1st (snapshot 01:00, report 02:00)
    # have run, and the new month's recurring care and surveys are planned.
    NEXT_MONTH = "next-month"


STEP_LENGTHS = {ClockStep.HOUR: timedelta(hours=1), ClockStep.DAY: timedelta(days=1),
                ClockStep.WEEK: timedelta(weeks=1)}


def furthest(clocks: list[datetime]) -> datetime:
    """The clocks move to one time, never backwards for any of them: steps count from the furthest."""
    return max(clocks)


def step_target(current: datetime, step: ClockStep, zone: ZoneInfo) -> datetime:
    if step is ClockStep.NEXT_MONTH:
        return at_local(first_of_month(local_date(current, zone), 1), zone, time(10)) + timedelta(days=1)
    return current + STEP_LENGTHS[step]


def typed_target(text: str, current: datetime, zone: ZoneInfo) -> datetime:
    """`2027-01-02T10:00` (a datetime-local input) as wall time in the business zone; it must lie
    ahead of every clock (the services refuse to go back)."""
    moment = parse_local_time("to", text, zone)
    if moment <= current:
        shown = current.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        raise FormError("to", f"the clocks are at {shown} already: choose a later time (they never go back)")
    return moment


def clock_target(
    current: datetime, zone: ZoneInfo, step: str | None = None, to: str | None = None
) -> datetime:
    """Where every clock goes: a typed time, else a step; FormError names the input at fault."""
    if to and to.strip():
        return typed_target(to, current, zone)
    try:
        return step_target(current, ClockStep(step or ""), zone)
    except ValueError:
        raise FormError("step", "choose how far to move the clocks") from None
