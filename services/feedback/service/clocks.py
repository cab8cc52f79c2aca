"""The SLA clocks stored on a ticket row: read and write its deadlines with the pure rules."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.feedback.domain.calendar import ROUND_THE_CLOCK, Clock, RoundTheClock
from services.feedback.domain.durations import Durations, accrue
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


# The ticket columns holding each metric's (warning, due, task force) times and last level.
_COLUMNS = {
    Metric.FIRST_RESPONSE: ("first_response_warn_at", "first_response_due", "first_response_task_force_at",
                            "first_response_level"),
    Metric.RESOLUTION: ("resolution_warn_at", "resolution_due", "resolution_task_force_at",
                        "resolution_level"),
    Metric.NEXT_REPLY: ("next_reply_warn_at", "next_reply_due", "next_reply_task_force_at",
                        "next_reply_level"),
}


def get_deadlines(ticket: TicketRow, metric: Metric) -> Deadlines:
    warning, due, task_force, _ = _COLUMNS[metric]
    return Deadlines(getattr(ticket, warning), getattr(ticket, due), getattr(ticket, task_force))


def set_deadlines(ticket: TicketRow, metric: Metric, d: Deadlines | None) -> None:
    """Store a metric's deadlines; None clears them (a next reply no longer owed)."""
    warning, due, task_force, _ = _COLUMNS[metric]
    setattr(ticket, warning, d.warning_at if d else None)
    setattr(ticket, due, d.due_at if d else None)
    setattr(ticket, task_force, d.task_force_at if d else None)


def last_level(ticket: TicketRow, metric: Metric) -> int:
    return getattr(ticket, _COLUMNS[metric][3])


def set_last_level(ticket: TicketRow, metric: Metric, level: int) -> None:
    setattr(ticket, _COLUMNS[metric][3], level)


def cycle_of(ticket: TicketRow, metric: Metric) -> int:
    """Clock number: the resolution clock restarts at each reopen, the next-reply one at each
    customer message that finds no reply owed, the first-response one never."""
    if metric is Metric.RESOLUTION:
        return ticket.reopen_count
    if metric is Metric.NEXT_REPLY:
        return ticket.next_reply_cycle
    return 0


def running_metrics(ticket: TicketRow) -> list[Metric]:
    if Status(ticket.status) not in OPEN:
        return []
    metrics = [Metric.RESOLUTION]
    if ticket.first_responded_at is None:
        metrics.insert(0, Metric.FIRST_RESPONSE)
    if ticket.next_reply_due is not None:
        metrics.append(Metric.NEXT_REPLY)
    return metrics


def due_now(ticket: TicketRow, metric: Metric, policy: SlaPolicy, now: datetime) -> datetime:
    """The metric's due time as it stands at `now`: during a pause, shifted by the pause so far."""
    due = get_deadlines(ticket, metric).due_at
    if ticket.paused_at is None:
        return due
    return resume_after_pause(due, ticket.paused_at, now, ticket_clock(ticket, policy))


def start_next_reply(
    ticket: TicketRow, sla: AppliedSla, policy: SlaPolicy, clock: Clock, at: datetime
) -> bool:
    """A customer message: the team owes a reply, unless one is owed already (the clock keeps
    running from the oldest unanswered message) or the first response still is. True if started."""
    if ticket.first_responded_at is None or ticket.next_reply_due is not None:
        return False
    ticket.next_reply_cycle += 1
    ticket.next_reply_started_at = at
    ticket.next_reply_level = -1
    start_clock(ticket, Metric.NEXT_REPLY, sla, policy, clock, at)
    return True


def stop_next_reply(ticket: TicketRow, policy: SlaPolicy, now: datetime) -> dict | None:
    """An agent's reply answers the owed reply: counted on time or late. None when none was owed."""
    if ticket.next_reply_due is None:
        return None
    due = due_now(ticket, Metric.NEXT_REPLY, policy, now)
    on_time = now <= due
    if on_time:
        ticket.next_replies_on_time += 1
    else:
        ticket.next_replies_late += 1
    stopped = {"cycle": ticket.next_reply_cycle, "due": due.isoformat().replace("+00:00", "Z"),
               "on_time": on_time}
    ticket.next_reply_started_at = None
    ticket.next_reply_level = -1
    set_deadlines(ticket, Metric.NEXT_REPLY, None)
    return stopped


def accrue_durations(ticket: TicketRow, until: datetime, clock: Clock) -> None:
    """Add the time spent in the current status to the requester wait and agent work totals."""
    since = ticket.status_since or ticket.updated_at
    totals = accrue(Durations(ticket.requester_wait_seconds, ticket.requester_wait_business_seconds,
                              ticket.agent_work_seconds, ticket.agent_work_business_seconds),
                    Status(ticket.status), since, until, clock)
    ticket.requester_wait_seconds = totals.requester_wait
    ticket.requester_wait_business_seconds = totals.requester_wait_business
    ticket.agent_work_seconds = totals.agent_work
    ticket.agent_work_business_seconds = totals.agent_work_business
    ticket.status_since = max(since, until)


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
