"""Ticket use cases: open, assign, change status, resolve, verify, edit (docs/design.md §5); the
conversation (replies and customer messages) is in `conversation.py`.

Each public function is one transaction and answers with the ticket's API view; the `_in_tx`
variants run inside a transaction the caller owns (the event consumer's, which also records
the event id).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository, schemas
from services.feedback.domain.closure import CloseReason
from services.feedback.domain.lifecycle import (
    Status,
    after_assign,
    check_transition,
    first_contact_resolution,
)
from services.feedback.domain.priority import propose_priority
from services.feedback.domain.sla import Metric, SlaPolicy, applied_sla, clock_for
from services.feedback.models import CsatRatingRow, TicketHistoryRow, TicketRow
from services.feedback.service import clocks, config
from services.feedback.service.ticket_state import (
    base_event,
    history_row,
    move,
    record,
    reopen,
    ticket_for_update,
)
from services.feedback.service.ticket_views import get_ticket, page_out, ticket_out
from shared.access import Scope, ensure_in_scope
from shared.app import ServiceContext
from shared.errors import InvalidInput, NotFound
from shared.merge_patch import merged
from shared.pagination import Page
from shared.preconditions import NO_PRECONDITION, IfMatch, representation_tag
from shared.rfc3339 import format_time

log = structlog.get_logger()
CLOCK_SKEW = timedelta(minutes=5)


async def list_tickets(
    session: AsyncSession, *, status: Status | None, priority: str | None, breached: bool | None,
    customer_id: str | None, limit: int, cursor: str | None, now: datetime, scope: Scope,
) -> Page[schemas.TicketOut]:
    """Newest first, without their history; only the tickets in the caller's scope."""
    return page_out(await repository.list_tickets(
        session, status=status, priority=priority, breached=breached, customer_id=customer_id,
        limit=limit, cursor=cursor, now=now, scope=scope))


async def open_ticket_in_tx(
    ctx: ServiceContext, session: AsyncSession, body: schemas.TicketIn, actor: str, now: datetime
) -> tuple[TicketRow, TicketHistoryRow]:
    """A new ticket and its first history row ("created"), added to the caller's transaction."""
    reported_at = body.reported_at or now
    if reported_at > now + CLOCK_SKEW:
        raise InvalidInput("reported_at cannot be in the future", field="reported_at")
    # Its tier may be arriving: the customer is held before the tier is read.
    version, policy, rules, routing = await config.hold_customer_with_documents(
        ctx, session, body.customer_id)
    if body.priority is not None:
        priority, reason = body.priority, {"source": "given", "matched": []}
    else:
        proposal = propose_priority(body.description, body.type.value, rules)
        priority, reason = proposal.priority, proposal.explain()
    tier = await repository.customer_tier(session, body.customer_id)
    sla = applied_sla(priority, tier, policy)
    clock = clock_for(sla, policy)
    ticket = TicketRow(
        id=str(uuid.uuid4()), customer_id=body.customer_id, channel=body.channel.value,
        type=body.type.value, category=body.category.strip(), description=body.description,
        priority=priority.value, priority_reason=reason, team=routing.team_for(body.category),
        assignee=None, status=Status.NEW.value, tier=tier.value if tier else None,
        policy_version=version, calendar=clocks.clock_name(sla, policy),
        sla_rows={"version": version, **sla.explain()},
        reported_at=reported_at, created_at=now, updated_at=now,
        first_response_level=-1, first_response_breached=False,
        resolution_started_at=reported_at, resolution_level=-1, resolution_breached=False,
        was_pending_customer=False, response_count=0, reopen_count=0,
        next_reply_level=-1, next_reply_cycle=0, next_replies_on_time=0, next_replies_late=0,
        status_since=reported_at, requester_wait_seconds=0.0, requester_wait_business_seconds=0.0,
        agent_work_seconds=0.0, agent_work_business_seconds=0.0,
    )
    for metric in (Metric.FIRST_RESPONSE, Metric.RESOLUTION):
        clocks.start_clock(ticket, metric, sla, policy, clock, reported_at)
    if ticket.sla_rows.get("calendar_fallback_years"):
        log.warning("calendar_year_unknown", ticket_id=ticket.id,
                    years=ticket.sla_rows["calendar_fallback_years"],
                    detail="weekends and configured holidays only")
    clocks.refresh_next_check(ticket)
    created = history_row(ticket, now, actor, "created", None, Status.NEW.value,
                           priority=priority.value, priority_reason=reason, team=ticket.team,
                           sla=ticket.sla_rows, first_response_due=format_time(ticket.first_response_due),
                           resolution_due=format_time(ticket.resolution_due))
    event = ("ticket-created", ticket.customer_id, {
        **base_event(ticket), "channel": ticket.channel, "type": ticket.type,
        "category": ticket.category, "team": ticket.team,
        "first_response_due": format_time(ticket.first_response_due),
        "resolution_due": format_time(ticket.resolution_due), "created_at": format_time(now),
    })
    await repository.insert_new_ticket(session, ticket, created, ctx.outbox, event)
    return ticket, created


async def open_ticket(
    ctx: ServiceContext, body: schemas.TicketIn, scope: Scope, now: datetime
) -> schemas.TicketOut:
    """Open a ticket; its view is built from the rows just written: a new ticket's whole history
    is its "created" row, so nothing is read back. An account manager opens tickets only for the
    customers it sees (404 for another's, as if unknown)."""
    if scope.opens_tickets_for_anyone:
        # The hot path (agents): prebuilt statements only, in a transaction without a session.
        async with ctx.db.transaction() as transaction:
            ticket, created = await open_ticket_in_tx(ctx, transaction, body, scope.actor, now)
        return ticket_out(ticket, [created], [])
    async with ctx.db.session() as session, session.begin():
        await ensure_in_scope(session, repository.customer_in_scope(scope, body.customer_id),
                              f"customer {body.customer_id!r} does not exist")
        ticket, created = await open_ticket_in_tx(ctx, session, body, scope.actor, now)
    return ticket_out(ticket, [created], [])


async def assign(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.AssignIn, actor: str,
    now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        current = Status(ticket.status)
        target = after_assign(current)
        previous = {"assignee": ticket.assignee, "team": ticket.team}
        detail = {"assignee": body.assignee, "team": body.team or ticket.team, "previous": previous}
        if target != current:
            policy = await config.policy_version(ctx, session, ticket.policy_version)
            move(session, ticket, target, now, actor, "assigned", clocks.ticket_clock(ticket, policy),
                 **detail)
        else:
            record(session, ticket, now, actor, "reassigned", current.value, current.value, **detail)
        ticket.updated_at = now
        ticket.assignee = body.assignee
        ticket.team = body.team or ticket.team
        # Segmentation follows it: the assignee (and the new team's agents) see the customer's summary.
        await ctx.outbox.append(session, "ticket-assigned", ticket.customer_id, {
            **base_event(ticket), "assignee": ticket.assignee, "team": ticket.team,
            "previous_assignee": previous["assignee"], "previous_team": previous["team"],
            "assigned_at": format_time(now),
        })
    return await get_ticket(session, ticket_id)


async def change_status(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.StatusIn,
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    """pending_customer pauses the clocks; leaving it resumes them, shifted by the pause. on_hold
    (waiting on a third party) leaves them running."""
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        policy = await config.policy_version(ctx, session, ticket.policy_version)
        wanted = Status(body.status)
        current = Status(ticket.status)
        check_transition(current, wanted)
        detail: dict[str, Any] = {"note": body.note} if body.note else {}
        if wanted is Status.PENDING_CUSTOMER and current is not Status.PENDING_CUSTOMER:
            ticket.paused_at = now
            ticket.was_pending_customer = True
            detail["clock"] = "paused"
        elif current is Status.PENDING_CUSTOMER and wanted is not Status.PENDING_CUSTOMER:
            detail.update(resume_clocks(ticket, policy, now))
        move(session, ticket, wanted, now, actor, "status-changed", clocks.ticket_clock(ticket, policy),
             **detail)
        clocks.refresh_next_check(ticket)
    return await get_ticket(session, ticket_id)


def resume_clocks(ticket: TicketRow, policy: SlaPolicy, now: datetime) -> dict[str, Any]:
    """End a wait for the customer; the history detail of the resumed clocks."""
    paused = clocks.resume(ticket, policy, now)
    return {"clock": "resumed", "paused_seconds": paused.total_seconds(),
            "first_response_due": format_time(ticket.first_response_due),
            "resolution_due": format_time(ticket.resolution_due)}


async def resolve(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.ResolveIn,
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    solution = body.solution.strip()
    if not solution:
        raise InvalidInput("a resolution needs the solution given to the customer", field="solution")
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        policy = await config.policy_version(ctx, session, ticket.policy_version)
        check_transition(Status(ticket.status), Status.RESOLVED)
        if ticket.paused_at is not None:
            clocks.resume(ticket, policy, now)
        on_time = now <= ticket.resolution_due
        ticket.resolution_breached = ticket.resolution_breached or not on_time
        if ticket.first_contact_resolution is None:
            ticket.first_contact_resolution = first_contact_resolution(
                ticket.reopen_count, ticket.response_count, ticket.was_pending_customer)
        ticket.solution, ticket.improvement = solution, body.improvement
        ticket.resolved_at = now
        ticket.first_resolved_at = ticket.first_resolved_at or now
        move(session, ticket, Status.RESOLVED, now, actor, "resolved", clocks.ticket_clock(ticket, policy),
             solution=solution, improvement=body.improvement, on_time=on_time)
        clocks.refresh_next_check(ticket)
        await ctx.outbox.append(session, "ticket-resolved", ticket.customer_id, {
            **base_event(ticket), "type": ticket.type, "category": ticket.category,
            "resolved_at": format_time(now), "first_contact_resolution": ticket.first_contact_resolution,
            "resolution_on_time": on_time, "reopen_count": ticket.reopen_count,
        })
    return await get_ticket(session, ticket_id)


async def edit(
    session: AsyncSession, ticket_id: str, patch: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    """Correct what was recorded when the ticket was opened (channel, type, category,
    description) with a merge patch; the result is validated as a whole new ticket would be.
    The customer, the priority and the report time drive the SLA and are not edited here. The
    answer is the ticket's view built from what was read under the lock and what was written."""
    async with session.begin():
        ticket, history, messages = await repository.ticket_view_for_update(session, ticket_id)
        if precondition.given or precondition.required:
            precondition.check(representation_tag(ticket_out(ticket, history, messages)))
        stored = {"customer_id": ticket.customer_id, "channel": ticket.channel, "type": ticket.type,
                  "category": ticket.category, "description": ticket.description,
                  "priority": ticket.priority, "reported_at": ticket.reported_at}
        edited = merged(schemas.TicketIn, stored, patch)
        for fixed in ("customer_id", "priority", "reported_at"):
            if fixed in patch and getattr(edited, fixed) != stored[fixed]:
                raise InvalidInput(f"{fixed} cannot be changed by an edit of the ticket", field=fixed)
        values = {"channel": edited.channel.value, "type": edited.type.value,
                  "category": edited.category.strip(), "description": edited.description}
        previous = {name: stored[name] for name in repository.EDITABLE_FIELDS if stored[name] != values[name]}
        if not previous:
            return ticket_out(ticket, history, messages)
        entry = {"ticket_id": ticket_id, "at": now, "actor": actor, "action": "edited",
                 "from_status": ticket.status, "to_status": ticket.status,
                 "detail": {"fields": sorted(previous), "previous": previous}}
        await repository.store_edit(session, values, entry)
    return ticket_out(SimpleNamespace(**{**ticket._asdict(), **values, "updated_at": now}),
                      [*history, SimpleNamespace(**entry)], messages)


async def verify_in_tx(
    ctx: ServiceContext, session: AsyncSession, ticket: TicketRow, solved: bool, actor: str,
    now: datetime, **detail: Any,
) -> None:
    """The customer's answer: solved closes the ticket; not solved reopens it with a new clock."""
    policy = await config.policy_version(ctx, session, ticket.policy_version)
    if solved:
        move(session, ticket, Status.CLOSED, now, actor, "closed", clocks.ticket_clock(ticket, policy),
             solved=True, **detail)
        ticket.closed_at = now
        ticket.close_reason = CloseReason.CONFIRMED.value
        clocks.refresh_next_check(ticket)
        await ctx.outbox.append(session, "ticket-closed", ticket.customer_id, {
            **base_event(ticket), "closed_at": format_time(now), "reason": CloseReason.CONFIRMED.value,
        })
        return
    check_transition(Status(ticket.status), Status.REOPENED)
    await reopen(ctx, session, ticket, policy, actor, now, "not-solved", solved=False, **detail)


async def verify(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.VerificationIn,
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.TicketOut:
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        detail = {"comment": body.comment} if body.comment else {}
        if body.rating is not None:  # kept only if the answer is (the ticket must be resolved)
            record_rating(session, ticket, body.rating, body.solved, "api", actor, now)
        await verify_in_tx(ctx, session, ticket, body.solved, actor, now, via="api", **detail)
    return await get_ticket(session, ticket_id)


def record_rating(
    session: AsyncSession, ticket: TicketRow, rating: int, solved: bool, via: str, actor: str,
    now: datetime,
) -> None:
    """A 1-5 rating of the resolution (CSAT), credited to the ticket's assignee and team."""
    session.add(CsatRatingRow(
        ticket_id=ticket.id, customer_id=ticket.customer_id, rating=rating, solved=solved,
        agent=ticket.assignee, team=ticket.team, tier=ticket.tier, priority=ticket.priority,
        cycle=ticket.reopen_count, via=via, rated_at=now,
    ))
    ticket.csat_rating, ticket.csat_rated_at = rating, now
    record(session, ticket, now, actor, "rated", ticket.status, ticket.status, rating=rating,
           agent=ticket.assignee, team=ticket.team, via=via)


async def ticket_resolution(session: AsyncSession, ticket_id: str) -> schemas.TicketResolutionOut:
    """The solution and improvement measures of a ticket, for the notification service's message to
    the customer (the texts are not carried in events)."""
    async with session.begin():
        ticket = await session.get(TicketRow, ticket_id)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id!r} does not exist", field="ticket_id")
    return schemas.TicketResolutionOut(
        ticket_id=ticket.id, customer_id=ticket.customer_id, status=ticket.status,
        priority=ticket.priority, solution=ticket.solution, improvement=ticket.improvement,
        resolved_at=ticket.resolved_at,
    )
