"""Resolved tickets the customer never confirms close by themselves (docs/design.md §9).

A schedule every few minutes claims the resolved tickets whose resolution is older than the
verification policy's days (`FOR UPDATE SKIP LOCKED`, so replicas share them); each is closed,
its history says "closed without confirmation", and `ticket-closed` is published once: a ticket
already closed is not matched again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from services.feedback.domain.closure import CloseReason, auto_close_cutoff
from services.feedback.domain.lifecycle import Status
from services.feedback.models import TicketRow
from services.feedback.service import clocks, config
from services.feedback.service.ticket_state import base_event, move
from shared.app import ServiceContext
from shared.rfc3339 import format_time
from shared.scheduler import Occurrence

BATCH = 200
SYSTEM_ACTOR = "system:auto-close"


async def close_unconfirmed(ctx: ServiceContext, now: datetime) -> int:
    """Close every resolved ticket left unanswered past the policy's delay; returns how many."""
    closed = 0
    while True:
        async with ctx.db.session() as session, session.begin():
            policy = await config.current_verification_policy(ctx, session)
            cutoff = auto_close_cutoff(now, policy)
            tickets = (await session.scalars(
                select(TicketRow)
                .where(TicketRow.status == Status.RESOLVED.value, TicketRow.resolved_at <= cutoff)
                .order_by(TicketRow.resolved_at).limit(BATCH).with_for_update(skip_locked=True)
            )).all()
            for ticket in tickets:
                sla_policy = await config.policy_version(ctx, session, ticket.policy_version)
                move(session, ticket, Status.CLOSED, now, SYSTEM_ACTOR, "closed-without-confirmation",
                     clocks.ticket_clock(ticket, sla_policy), reason="closed without confirmation",
                     resolved_at=format_time(ticket.resolved_at), after_days=policy.auto_close_after_days)
                ticket.closed_at = now
                ticket.close_reason = CloseReason.WITHOUT_CONFIRMATION.value
                clocks.refresh_next_check(ticket)
                await ctx.outbox.append(session, "ticket-closed", ticket.customer_id, {
                    **base_event(ticket), "closed_at": format_time(now),
                    "reason": CloseReason.WITHOUT_CONFIRMATION.value,
                })
            closed += len(tickets)
        if len(tickets) < BATCH:
            return closed


async def auto_close(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    """Schedule entry."""
    return {"closed": await close_unconfirmed(ctx, occurrence.now)}
