"""The API view of a ticket: its SLA clocks, wait and work time, conversation and history."""

from __future__ import annotations

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository, schemas
from services.feedback.models import TicketHistoryRow, TicketMessageRow, TicketRow
from shared.pagination import Page


def ticket_out(
    ticket: TicketRow | Row, history: list[TicketHistoryRow | Row] | None = None,
    messages: list[TicketMessageRow | Row] | None = None,
) -> schemas.TicketOut:
    """The view of a ticket, its history and conversation: ORM objects or plain rows alike (only
    the model's attributes are read)."""
    sla = schemas.SlaOut(
        first_response_due=ticket.first_response_due,
        resolution_due=ticket.resolution_due,
        calendar=ticket.calendar,
        policy=ticket.sla_rows,
        first_response_warning_at=ticket.first_response_warn_at,
        first_response_task_force_at=ticket.first_response_task_force_at,
        first_responded_at=ticket.first_responded_at,
        first_response_breached=ticket.first_response_breached,
        first_response_level=ticket.first_response_level,
        resolution_started_at=ticket.resolution_started_at,
        resolution_warning_at=ticket.resolution_warn_at,
        resolution_task_force_at=ticket.resolution_task_force_at,
        resolution_breached=ticket.resolution_breached,
        resolution_level=ticket.resolution_level,
        next_reply_started_at=ticket.next_reply_started_at,
        next_reply_due=ticket.next_reply_due,
        next_reply_warning_at=ticket.next_reply_warn_at,
        next_reply_task_force_at=ticket.next_reply_task_force_at,
        next_reply_level=ticket.next_reply_level,
        next_replies_on_time=ticket.next_replies_on_time,
        next_replies_late=ticket.next_replies_late,
        paused=ticket.paused_at is not None,
        paused_at=ticket.paused_at,
    )
    return schemas.TicketOut(
        id=ticket.id, customer_id=ticket.customer_id, channel=ticket.channel, type=ticket.type,
        category=ticket.category, description=ticket.description, priority=ticket.priority,
        priority_reason=ticket.priority_reason, team=ticket.team, assignee=ticket.assignee,
        status=ticket.status, tier=ticket.tier, sla=sla, response_count=ticket.response_count,
        reopen_count=ticket.reopen_count, solution=ticket.solution, improvement=ticket.improvement,
        first_contact_resolution=ticket.first_contact_resolution, satisfaction=ticket.satisfaction,
        satisfaction_level=ticket.satisfaction_level, csat_rating=ticket.csat_rating,
        csat_rated_at=ticket.csat_rated_at, reported_at=ticket.reported_at,
        created_at=ticket.created_at, updated_at=ticket.updated_at, resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        durations=schemas.DurationsOut(
            requester_wait_seconds=ticket.requester_wait_seconds,
            requester_wait_business_seconds=ticket.requester_wait_business_seconds,
            agent_work_seconds=ticket.agent_work_seconds,
            agent_work_business_seconds=ticket.agent_work_business_seconds,
            counted_until=ticket.status_since or ticket.updated_at,
        ),
        messages=None if messages is None else [
            schemas.MessageOut(id=m.id, author=m.author, body=m.body, channel=m.channel, actor=m.actor,
                               at=m.at)
            for m in messages
        ],
        history=None if history is None else [
            schemas.HistoryOut(at=h.at, actor=h.actor, action=h.action, from_status=h.from_status,
                               to_status=h.to_status, detail=h.detail or {})
            for h in history
        ],
    )


async def view_of(session: AsyncSession, ticket: TicketRow) -> schemas.TicketOut:
    """The full view of a ticket already loaded in the caller's transaction."""
    return ticket_out(ticket, await repository.history_of(session, ticket.id),
                      await repository.messages_of(session, ticket.id))


async def get_ticket(session: AsyncSession, ticket_id: str) -> schemas.TicketOut:
    """A ticket with its SLA, its conversation and its full history."""
    ticket, history = await repository.ticket_with_history(session, ticket_id)
    return ticket_out(ticket, history, await repository.messages_of(session, ticket_id))


def page_out(page: Page) -> Page[schemas.TicketOut]:
    """A page of tickets, without their history and conversation."""
    return page.map(ticket_out)
