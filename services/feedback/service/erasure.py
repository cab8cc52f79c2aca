"""Erasure and retention of ticket texts (docs/design.md §11): the description, the conversation,
the solution and improvement notes and the verification comments. Priorities, times, SLA clocks,
ratings and statuses stay, so SLA rates and reports keep their figures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback.models import TicketHistoryRow, TicketMessageRow, TicketRow
from shared.app import ServiceContext
from shared.erasure import REDACTED

SERVICE = "feedback"
# Keys of a ticket history entry that hold words someone typed.
_TEXT_DETAIL_KEYS = ("comment", "note", "message", "solution", "improvement", "description", "body", "text")


async def _redact_tickets(session: AsyncSession, tickets: list[TicketRow], now: datetime) -> dict[str, int]:
    ids = [t.id for t in tickets]
    for ticket in tickets:
        ticket.description = REDACTED
        if ticket.solution is not None:
            ticket.solution = REDACTED
        if ticket.improvement is not None:
            ticket.improvement = REDACTED
        ticket.redacted_at = now
    if not ids:
        return {"tickets": 0, "messages": 0, "history_notes": 0}
    messages = await session.execute(
        update(TicketMessageRow)
        .where(TicketMessageRow.ticket_id.in_(ids), TicketMessageRow.body != REDACTED)
        .values(body=REDACTED)
    )
    notes = 0
    for entry in (
        await session.scalars(select(TicketHistoryRow).where(TicketHistoryRow.ticket_id.in_(ids)))
    ).all():
        detail = entry.detail or {}
        if any(key in detail for key in _TEXT_DETAIL_KEYS):
            entry.detail = {k: v for k, v in detail.items() if k not in _TEXT_DETAIL_KEYS}
            notes += 1
    return {"tickets": len(tickets), "messages": messages.rowcount or 0, "history_notes": notes}


async def redact_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> dict[str, int]:
    """Every text of the customer's tickets; idempotent (a second pass finds nothing left)."""
    tickets = (
        await session.scalars(
            select(TicketRow)
            .where(TicketRow.customer_id == customer_id)
            .order_by(TicketRow.id)
            .with_for_update()
        )
    ).all()
    return await _redact_tickets(session, list(tickets), now)


async def sweep_old_texts(
    ctx: ServiceContext, session: AsyncSession, cutoff: datetime, limit: int
) -> dict[str, int]:
    """Retention: the texts of tickets opened before `cutoff`, at most `limit` tickets."""
    tickets = (
        await session.scalars(
            select(TicketRow)
            .where(TicketRow.created_at < cutoff, TicketRow.redacted_at.is_(None))
            .order_by(TicketRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    return await _redact_tickets(session, list(tickets), ctx.clock.now())
