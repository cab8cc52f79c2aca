"""The SLA clock a ticket shows in the queue: which target runs, how long is left, which badge.

The feedback service computes due times on its calendars (docs/design.md §5); the console only
reads them against now, so the countdown and the badges agree with the service's escalations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from shared.rfc3339 import parse_time

OPEN_STATUSES = ("new", "assigned", "in_progress", "pending_customer", "on_hold", "reopened")


class Metric(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"
    NEXT_REPLY = "next_reply"  # a reply owed since the customer's oldest unanswered message


class ClockState(StrEnum):
    ON_TRACK = "on_track"
    WARNING = "warning"  # past the warning share of the target (80% by default)
    BREACHED = "breached"
    PAUSED = "paused"  # waiting for the customer: the clock does not run
    STOPPED = "stopped"  # resolved or closed: nothing is due


@dataclass(frozen=True)
class SlaClock:
    metric: Metric | None
    state: ClockState
    due: datetime | None
    seconds_left: int | None  # negative once breached

    @property
    def urgency(self) -> tuple[int, float]:
        """Sort key: breached first, then warnings, then the nearest due time; paused and stopped last."""
        order = {
            ClockState.BREACHED: 0,
            ClockState.WARNING: 1,
            ClockState.ON_TRACK: 2,
            ClockState.PAUSED: 3,
            ClockState.STOPPED: 4,
        }[self.state]
        return order, float(self.seconds_left if self.seconds_left is not None else 0)


def _time(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_time(value)


def _running(sla: dict[str, Any]) -> list[Metric]:
    """The clocks that run: first response until the first reply, then resolution; and the next
    reply while one is owed."""
    running = [Metric.RESOLUTION if sla.get("first_responded_at") is not None else Metric.FIRST_RESPONSE]
    if sla.get("next_reply_due") is not None:
        running.append(Metric.NEXT_REPLY)
    return running


def _breached(sla: dict[str, Any], metric: Metric) -> bool:
    if metric is Metric.NEXT_REPLY:
        return int(sla.get("next_reply_level", -1)) >= 1  # the owed reply's breach step was taken
    return bool(sla.get(f"{metric.value}_breached"))


def sla_clock(status: str, sla: dict[str, Any], now: datetime) -> SlaClock:
    """The clock that matters now: of those running, the one due first."""
    if status not in OPEN_STATUSES:
        return SlaClock(None, ClockState.STOPPED, None, None)
    metric = min(_running(sla), key=lambda m: _time(sla[f"{m.value}_due"]))
    due = _time(sla[f"{metric.value}_due"])
    warning_at = _time(sla.get(f"{metric.value}_warning_at"))
    seconds_left = int((due - now).total_seconds()) if due else None
    # A first response given late leaves the ticket breached on that metric: keep showing it until
    # the resolution clock is the one that runs.
    if sla.get("paused"):
        state = ClockState.PAUSED
    elif _breached(sla, metric) or (seconds_left is not None and seconds_left < 0):
        state = ClockState.BREACHED
    elif warning_at is not None and now >= warning_at:
        state = ClockState.WARNING
    else:
        state = ClockState.ON_TRACK
    return SlaClock(metric, state, due, seconds_left)


def next_reply_clock(status: str, sla: dict[str, Any], now: datetime) -> SlaClock | None:
    """The reply owed to the customer, when one is: its due time, countdown and badge."""
    if status not in OPEN_STATUSES or sla.get("next_reply_due") is None:
        return None
    due = _time(sla["next_reply_due"])
    warning_at = _time(sla.get("next_reply_warning_at"))
    seconds_left = int((due - now).total_seconds())
    if sla.get("paused"):
        state = ClockState.PAUSED
    elif _breached(sla, Metric.NEXT_REPLY) or seconds_left < 0:
        state = ClockState.BREACHED
    elif warning_at is not None and now >= warning_at:
        state = ClockState.WARNING
    else:
        state = ClockState.ON_TRACK
    return SlaClock(Metric.NEXT_REPLY, state, due, seconds_left)


def ever_breached(sla: dict[str, Any]) -> bool:
    """A target missed at any point: first response, resolution, or a reply owed to the customer."""
    return bool(
        sla.get("first_response_breached")
        or sla.get("resolution_breached")
        or sla.get("next_replies_late")
        or int(sla.get("next_reply_level", -1)) >= 1
    )


def duration_parts(seconds: int) -> tuple[int, int, int]:
    """Days, hours and minutes of a duration (its absolute value), for the countdown text."""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    return days, hours, rest // 60
