"""The conversation on a ticket: agent replies and customer messages (docs/design.md §5, §14).

An agent's reply - through `POST /v1/tickets/{id}/responses` or a message with `author: agent` -
stops the first-response clock the first time and answers the reply owed since the customer's
last message. A customer message (any channel, recorded by an agent) makes the team owe a reply:
the next-reply clock starts at the oldest message not answered yet. It also moves the ticket on:
a ticket pending the customer resumes, a resolved one is reopened, and a closed one is reopened
within the policy's reopening window (after that, 409: it belongs on a new ticket).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import schemas
from services.feedback.domain.lifecycle import Status, after_customer_message, after_reply
from services.feedback.domain.sla import Metric, Priority, SlaPolicy, Tier, applied_sla
from services.feedback.metrics import FIRST_RESPONSE_SECONDS
from services.feedback.models import TicketMessageRow, TicketRow
from services.feedback.service import clocks, config
from services.feedback.service.ticket_state import move, record, reopen, ticket_for_update
from services.feedback.service.ticket_views import get_ticket
from services.feedback.service.tickets import resume_clocks
from shared.app import ServiceContext
from shared.preconditions import NO_PRECONDITION, IfMatch
from shared.rfc3339 import format_time


def _message(ticket: TicketRow, author: schemas.Author, body: str, channel: str | None, actor: str,
             now: datetime) -> TicketMessageRow:
    return TicketMessageRow(ticket_id=ticket.id, author=author.value, actor=actor, channel=channel,
                            body=body, at=now)


def _agent_reply(
    session: AsyncSession, ticket: TicketRow, policy: SlaPolicy, message: str, actor: str, now: datetime,
    **extra: Any,
) -> None:
    """A reply; the first one stops the first-response clock and starts the work."""
    current = Status(ticket.status)
    target = after_reply(current)
    first = ticket.first_responded_at is None
    detail: dict[str, Any] = {"message": message, "first_response": first, **extra}
    if first:
        ticket.first_responded_at = now
        on_time = now <= clocks.due_now(ticket, Metric.FIRST_RESPONSE, policy, now)
        ticket.first_response_breached = ticket.first_response_breached or not on_time
        detail["on_time"] = on_time
        FIRST_RESPONSE_SECONDS.labels(ticket.priority).observe(
            max((now - ticket.reported_at).total_seconds(), 0.0))
    answered = clocks.stop_next_reply(ticket, policy, now)
    if answered is not None:
        detail["next_reply"] = answered
    ticket.response_count += 1
    ticket.updated_at = now
    if not ticket.assignee:
        ticket.assignee = actor
    if target != current:
        move(session, ticket, target, now, actor, "responded", clocks.ticket_clock(ticket, policy), **detail)
    else:
        record(session, ticket, now, actor, "responded", current.value, current.value, **detail)
    clocks.refresh_next_check(ticket)


async def _customer_message(
    ctx: ServiceContext, session: AsyncSession, ticket: TicketRow, policy: SlaPolicy,
    message: TicketMessageRow, actor: str, now: datetime,
) -> None:
    current = Status(ticket.status)
    window = timedelta(days=policy.reopen_closed_within_days)
    target = after_customer_message(current, ticket.closed_at, now, window)
    about = {"message_id": message.id, "channel": message.channel}
    if target is Status.REOPENED:
        await reopen(ctx, session, ticket, policy, actor, now, "customer-message", **about)
    elif current is Status.PENDING_CUSTOMER:
        detail = resume_clocks(ticket, policy, now)
        move(session, ticket, target, now, actor, "customer-replied", clocks.ticket_clock(ticket, policy),
             **about, **detail)
    sla = applied_sla(Priority(ticket.priority), Tier(ticket.tier) if ticket.tier else None, policy)
    started = clocks.start_next_reply(ticket, sla, policy, clocks.ticket_clock(ticket, policy), now)
    owed = {"next_reply_due": format_time(ticket.next_reply_due)} if ticket.next_reply_due else {}
    record(session, ticket, now, actor, "customer-message", ticket.status, ticket.status, **about,
           next_reply_started=started, **owed)
    ticket.updated_at = now
    clocks.refresh_next_check(ticket)


async def respond(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.ResponseIn, actor: str,
    now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    """`POST .../responses`: an agent's reply, kept in the conversation like any message."""
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        policy = await config.policy_version(ctx, session, ticket.policy_version)
        _agent_reply(session, ticket, policy, body.message, actor, now)
        session.add(_message(ticket, schemas.Author.AGENT, body.message, None, actor, now))
    return await get_ticket(session, ticket_id)


async def add_message(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.MessageIn, actor: str,
    now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    """A message on the ticket, from the customer or an agent."""
    channel = body.channel.value if body.channel else None
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        policy = await config.policy_version(ctx, session, ticket.policy_version)
        message = _message(ticket, body.author, body.body, channel, actor, now)
        if body.author is schemas.Author.AGENT:
            _agent_reply(session, ticket, policy, body.body, actor, now, channel=channel)
            session.add(message)
        else:
            session.add(message)
            await session.flush()  # the history names the message by its id
            await _customer_message(ctx, session, ticket, policy, message, actor, now)
    return await get_ticket(session, ticket_id)
