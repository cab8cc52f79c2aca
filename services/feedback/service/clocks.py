"""The SLA clocks stored on a ticket row: read and write its deadlines with the pure rules."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.feedback.domain.calendar import ROUND_THE_CLOCK, Clock, RoundTheClock
from services.feedback.domain.lifecycle import OPEN, Status
from services.feedback.domain.sla import (
    AppliedSla,
    Deadlines,
    Metric,
    SlaPolicy,
    deadlines,
    next_step_at,
    resume_after_pause,
)
from services.feedback.metrics import CALENDAR_FALLBACKS
from services.feedback.models import TicketRow


def ticket_clock(ticket: TicketRow, policy: SlaPolicy) -> Clock:
    if ticket.calendar == ROUND_THE_CLOCK:
        return RoundTheClock()
    return policy.calendar.business_calendar()


def clock_name(sla: AppliedSla, policy: SlaPolicy) -> str:
    return ROUND_THE_CLOCK if sla.round_the_clock else policy.calendar.business_calendar().name


def get_deadlines(ticket: TicketRow, metric: Metric) -> Deadlines:
    if metric is Metric.FIRST_RESPONSE:
        return Deadlines(ticket.first_response_warn_at, ticket.first_response_due,
                         ticket.first_response_task_force_at)
    return Deadlines(ticket.resolution_warn_at, ticket.resolution_due, ticket.resolution_task_force_at)


def set_deadlines(ticket: TicketRow, metric: Metric, d: Deadlines) -> None:
    if metric is Metric.FIRST_RESPONSE:
        ticket.first_response_warn_at, ticket.first_response_due, ticket.first_response_task_force_at = (
            d.warning_at, d.due_at, d.task_force_at)
    else:
        ticket.resolution_warn_at, ticket.resolution_due, ticket.resolution_task_force_at = (
            d.warning_at, d.due_at, d.task_force_at)


def last_level(ticket: TicketRow, metric: Metric) -> int:
    return ticket.first_response_level if metric is Metric.FIRST_RESPONSE else ticket.resolution_level


def set_last_level(ticket: TicketRow, metric: Metric, level: int) -> None:
    if metric is Metric.FIRST_RESPONSE:
        ticket.first_response_level = level
    else:
        ticket.resolution_level = level


def cycle_of(ticket: TicketRow, metric: Metric) -> int:
    """Clock number: the resolution clock restarts at each reopen, the first-response one never."""
    return ticket.reopen_count if metric is Metric.RESOLUTION else 0


def running_metrics(ticket: TicketRow) -> list[Metric]:
    if Status(ticket.status) not in OPEN:
        return []
    metrics = [Metric.RESOLUTION]
    if ticket.first_responded_at is None:
        metrics.insert(0, Metric.FIRST_RESPONSE)
    return metrics


def refresh_next_check(ticket: TicketRow) -> None:
    """The earliest pending escalation step; none while paused or once no clock runs."""
    if ticket.paused_at is not None:
        ticket.next_check_at = None
        return
    pending = [
        at for metric in running_metrics(ticket)
        if (at := next_step_at(get_deadlines(ticket, metric), last_level(ticket, metric))) is not None
    ]
    ticket.next_check_at = min(pending) if pending else None


def start_clock(
    ticket: TicketRow, metric: Metric, sla: AppliedSla, policy: SlaPolicy, clock: Clock, start: datetime
) -> None:
    set_deadlines(ticket, metric, deadlines(start, sla.target(metric).hours, clock, policy))
    fallback_years = getattr(clock, "fallback_years", set())
    for year in sorted(fallback_years):
        CALENDAR_FALLBACKS.labels(str(year)).inc()
    if fallback_years:
        warnings = set(ticket.sla_rows.get("calendar_fallback_years", [])) | fallback_years
        ticket.sla_rows = {**ticket.sla_rows, "calendar_fallback_years": sorted(warnings)}


def resume(ticket: TicketRow, policy: SlaPolicy, now: datetime) -> timedelta:
    """End a pause: every running deadline moves by the counted time the pause took."""
    paused_at = ticket.paused_at
    if paused_at is None:
        return timedelta(0)
    clock = ticket_clock(ticket, policy)
    for metric in running_metrics(ticket):
        d = get_deadlines(ticket, metric)
        set_deadlines(ticket, metric, Deadlines(
            resume_after_pause(d.warning_at, paused_at, now, clock),
            resume_after_pause(d.due_at, paused_at, now, clock),
            resume_after_pause(d.task_force_at, paused_at, now, clock),
        ))
    ticket.paused_at = None
    return clock.elapsed(paused_at, now)
