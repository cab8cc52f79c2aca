"""Steps every ticket use case shares: lock the row, change the status (recorded, with the time
in the old status counted), reopen, and the common part of the ticket events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository
from services.feedback.domain.calendar import Clock
from services.feedback.domain.lifecycle import Status, check_transition
from services.feedback.domain.sla import Metric, Priority, SlaPolicy, Tier, applied_sla
from services.feedback.models import TicketHistoryRow, TicketRow
from services.feedback.service import clocks
from services.feedback.service.ticket_views import view_of
from shared.app import ServiceContext
from shared.preconditions import NO_PRECONDITION, IfMatch, representation_tag
from shared.rfc3339 import format_optional


def history_row(
    ticket: TicketRow, at: datetime, actor: str, action: str,
    from_status: str | None = None, to_status: str | None = None, **detail: Any,
) -> TicketHistoryRow:
    return TicketHistoryRow(
        ticket_id=ticket.id, at=at, actor=actor, action=action,
        from_status=from_status, to_status=to_status, detail=detail,
    )


def record(
    session: AsyncSession, ticket: TicketRow, at: datetime, actor: str, action: str,
    from_status: str | None = None, to_status: str | None = None, **detail: Any,
) -> None:
    session.add(history_row(ticket, at, actor, action, from_status, to_status, **detail))


def set_status(session: AsyncSession, ticket: TicketRow, to: Status, at: datetime, actor: str,
               action: str, sla_clock: Clock, **detail: Any) -> None:
    """Record the transition; the time spent in the old status counts toward wait and work time
    (on the wall clock and on the ticket's SLA clock)."""
    current = ticket.status
    clocks.accrue_durations(ticket, at, sla_clock)
    ticket.status = to.value
    ticket.updated_at = at
    record(session, ticket, at, actor, action, current, to.value, **detail)


def move(session: AsyncSession, ticket: TicketRow, to: Status, at: datetime, actor: str,
         action: str, sla_clock: Clock, **detail: Any) -> None:
    """A transition the life cycle allows (else 409)."""
    check_transition(Status(ticket.status), to)
    set_status(session, ticket, to, at, actor, action, sla_clock, **detail)


def base_event(ticket: TicketRow) -> dict[str, Any]:
    return {"customer_id": ticket.customer_id, "ticket_id": ticket.id,
            "priority": ticket.priority, "tier": ticket.tier}


async def ticket_for_update(
    session: AsyncSession, ticket_id: str, precondition: IfMatch = NO_PRECONDITION
) -> TicketRow:
    """The ticket, locked for the caller's transaction; If-Match is checked under that lock, so
    of two agents holding the same ETag only the first one's change goes through."""
    ticket = await repository.ticket_for_update(session, ticket_id)
    if precondition.given or precondition.required:
        precondition.check(representation_tag(await view_of(session, ticket)))
    return ticket


async def reopen(
    ctx: ServiceContext, session: AsyncSession, ticket: TicketRow, policy: SlaPolicy, actor: str,
    now: datetime, reason: str, **detail: Any,
) -> None:
    """Reopen a resolved (or recently closed) ticket: a new resolution clock, `ticket-reopened`.

    The caller has decided the reopening is allowed (a "not solved" answer, or a customer message
    within the reopening window).
    """
    clock = clocks.ticket_clock(ticket, policy)
    set_status(session, ticket, Status.REOPENED, now, actor, "reopened", clock, reason=reason, **detail)
    sla = applied_sla(Priority(ticket.priority), Tier(ticket.tier) if ticket.tier else None, policy)
    ticket.reopen_count += 1
    ticket.resolved_at = None
    ticket.closed_at, ticket.close_reason = None, None
    ticket.resolution_started_at = now
    ticket.resolution_level = -1
    clocks.start_clock(ticket, Metric.RESOLUTION, sla, policy, clock, now)
    clocks.refresh_next_check(ticket)
    await ctx.outbox.append(session, "ticket-reopened", ticket.customer_id, {
        **base_event(ticket), "reopened_at": format_optional(now), "reopen_count": ticket.reopen_count,
        "resolution_due": format_optional(ticket.resolution_due), "reason": reason,
    })
