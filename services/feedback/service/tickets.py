"""Ticket use cases: open, assign, change status, resolve, verify (docs/design.md §5); the conversation
(replies and customer messages) is in `conversation.py`.

Each public function is one transaction; the `_in_tx` variants run inside a transaction the
caller owns (the event consumer's, which also records the event id).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository, schemas
from services.feedback.domain.lifecycle import OPEN, Status, after_assign, check_transition
from services.feedback.domain.priority import propose_priority
from services.feedback.domain.sla import (
    Deadlines,
    Metric,
    Priority,
    Tier,
    applied_sla,
    clock_for,
    is_stricter_tier,
)
from services.feedback.models import CsatRatingRow, CustomerTierRow, TicketHistoryRow, TicketRow
from services.feedback.service import clocks, config
from services.feedback.service.ticket_state import (
    base_event,
    history_row,
    move,
    record,
    reopen,
    ticket_for_update,
)
from shared.app import ServiceContext
from shared.errors import InvalidInput
from shared.merge_patch import merged
from shared.preconditions import NO_PRECONDITION, IfMatch

log = structlog.get_logger()
CLOCK_SKEW = timedelta(minutes=5)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


async def customer_tier(session: AsyncSession, customer_id: str) -> Tier | None:
    row = await session.get(CustomerTierRow, customer_id)
    return Tier(row.tier) if row else None


async def open_ticket_in_tx(
    ctx: ServiceContext, session: AsyncSession, body: schemas.TicketIn, actor: str, now: datetime
) -> tuple[TicketRow, TicketHistoryRow]:
    """A new ticket and its first history row ("created"), added to the caller's transaction."""
    reported_at = body.reported_at or now
    if reported_at > now + CLOCK_SKEW:
        raise InvalidInput("reported_at cannot be in the future", field="reported_at")
    version, policy, rules, routing = await config.current_documents(ctx, session)
    if body.priority is not None:
        priority, reason = body.priority, {"source": "given", "matched": []}
    else:
        proposal = propose_priority(body.description, body.type.value, rules)
        priority, reason = proposal.priority, proposal.explain()
    tier = await customer_tier(session, body.customer_id)
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
                           sla=ticket.sla_rows, first_response_due=_iso(ticket.first_response_due),
                           resolution_due=_iso(ticket.resolution_due))
    await repository.insert_new_ticket(session, ticket, created)
    await ctx.outbox.append(session, "ticket-created", ticket.customer_id, {
        **base_event(ticket), "channel": ticket.channel, "type": ticket.type,
        "category": ticket.category, "team": ticket.team,
        "first_response_due": _iso(ticket.first_response_due),
        "resolution_due": _iso(ticket.resolution_due), "created_at": _iso(now),
    })
    return ticket, created


async def open_ticket(
    ctx: ServiceContext, session: AsyncSession, body: schemas.TicketIn, actor: str, now: datetime
) -> schemas.TicketOut:
    """Open a ticket; its view is built from the rows just written: a new ticket's whole history
    is its "created" row, so nothing is read back."""
    async with session.begin():
        ticket, created = await open_ticket_in_tx(ctx, session, body, actor, now)
    return repository.ticket_out(ticket, [created], [])


async def assign(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.AssignIn, actor: str,
    now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> TicketRow:
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
    return ticket


async def change_status(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.StatusIn,
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> TicketRow:
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
    return ticket


def resume_clocks(ticket: TicketRow, policy, now: datetime) -> dict[str, Any]:
    """End a wait for the customer; the history detail of the resumed clocks."""
    paused = clocks.resume(ticket, policy, now)
    return {"clock": "resumed", "paused_seconds": paused.total_seconds(),
            "first_response_due": _iso(ticket.first_response_due),
            "resolution_due": _iso(ticket.resolution_due)}


async def resolve(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.ResolveIn,
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> TicketRow:
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
            # First-contact resolution: solved in the first cycle with a single reply, never
            # waiting for the customer.
            ticket.first_contact_resolution = (
                ticket.reopen_count == 0 and ticket.response_count <= 1 and not ticket.was_pending_customer
            )
        ticket.solution, ticket.improvement = solution, body.improvement
        ticket.resolved_at = now
        ticket.first_resolved_at = ticket.first_resolved_at or now
        move(session, ticket, Status.RESOLVED, now, actor, "resolved", clocks.ticket_clock(ticket, policy),
             solution=solution, improvement=body.improvement, on_time=on_time)
        clocks.refresh_next_check(ticket)
        await ctx.outbox.append(session, "ticket-resolved", ticket.customer_id, {
            **base_event(ticket), "type": ticket.type, "category": ticket.category,
            "resolved_at": _iso(now), "first_contact_resolution": ticket.first_contact_resolution,
            "resolution_on_time": on_time, "reopen_count": ticket.reopen_count,
        })
    return ticket


EDITABLE_FIELDS = ("channel", "type", "category", "description")


async def edit(
    session: AsyncSession, ticket_id: str, patch: dict[str, Any], actor: str, now: datetime,
    precondition: IfMatch = NO_PRECONDITION,
) -> TicketRow:
    """Correct what was recorded when the ticket was opened (channel, type, category,
    description) with a merge patch; the result is validated as a whole new ticket would be.
    The customer, the priority and the report time drive the SLA and are not edited here."""
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        stored = {"customer_id": ticket.customer_id, "channel": ticket.channel, "type": ticket.type,
                  "category": ticket.category, "description": ticket.description,
                  "priority": ticket.priority, "reported_at": ticket.reported_at}
        edited = merged(schemas.TicketIn, stored, patch)
        for fixed in ("customer_id", "priority", "reported_at"):
            if fixed in patch and getattr(edited, fixed) != stored[fixed]:
                raise InvalidInput(f"{fixed} cannot be changed by an edit of the ticket", field=fixed)
        values = {"channel": edited.channel.value, "type": edited.type.value,
                  "category": edited.category.strip(), "description": edited.description}
        previous = {name: getattr(ticket, name) for name in EDITABLE_FIELDS
                    if getattr(ticket, name) != values[name]}
        if previous:
            for name in previous:
                setattr(ticket, name, values[name])
            ticket.updated_at = now
            record(session, ticket, now, actor, "edited", ticket.status, ticket.status,
                     fields=sorted(previous), previous=previous)
    return ticket


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
        clocks.refresh_next_check(ticket)
        await ctx.outbox.append(session, "ticket-closed", ticket.customer_id, {
            **base_event(ticket), "closed_at": _iso(now), "reason": "customer-confirmed",
        })
        return
    check_transition(Status(ticket.status), Status.REOPENED)
    await reopen(ctx, session, ticket, policy, actor, now, "not-solved", solved=False, **detail)


async def verify(
    ctx: ServiceContext, session: AsyncSession, ticket_id: str, body: schemas.VerificationIn,
    actor: str, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> TicketRow:
    async with session.begin():
        ticket = await ticket_for_update(session, ticket_id, precondition)
        detail = {"comment": body.comment} if body.comment else {}
        if body.rating is not None:  # kept only if the answer is (the ticket must be resolved)
            record_rating(session, ticket, body.rating, body.solved, "api", actor, now)
        await verify_in_tx(ctx, session, ticket, body.solved, actor, now, via="api", **detail)
    return ticket


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


async def apply_tier_change(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, old: Tier | None, new: Tier,
    now: datetime,
) -> int:
    """Open tickets are re-evaluated only when the new tier is stricter; deadlines only tighten.

    A customer moving down keeps the targets promised when the ticket opened. Returns the number
    of tickets re-evaluated.
    """
    tickets = (await session.scalars(
        select(TicketRow).where(
            TicketRow.customer_id == customer_id,
            TicketRow.status.in_([s.value for s in OPEN]),
        ).with_for_update()
    )).all()
    changed = 0
    for ticket in tickets:
        ticket_tier = Tier(ticket.tier) if ticket.tier else None
        if not is_stricter_tier(new, ticket_tier):
            record(session, ticket, now, "system", "tier-changed", ticket.status, ticket.status,
                     old_tier=old.value if old else None, new_tier=new.value, reevaluated=False,
                     reason="not stricter: the ticket keeps its targets")
            continue
        policy = await config.policy_version(ctx, session, ticket.policy_version)
        sla = applied_sla(Priority(ticket.priority), new, policy)
        clock = clock_for(sla, policy)
        before = {"first_response_due": _iso(ticket.first_response_due),
                  "resolution_due": _iso(ticket.resolution_due), "calendar": ticket.calendar}
        for metric in clocks.running_metrics(ticket):
            start = {Metric.FIRST_RESPONSE: ticket.reported_at,
                     Metric.RESOLUTION: ticket.resolution_started_at,
                     Metric.NEXT_REPLY: ticket.next_reply_started_at}[metric]
            old_d = clocks.get_deadlines(ticket, metric)
            clocks.start_clock(ticket, metric, sla, policy, clock, start)
            new_d = clocks.get_deadlines(ticket, metric)
            clocks.set_deadlines(ticket, metric, Deadlines(
                min(old_d.warning_at, new_d.warning_at), min(old_d.due_at, new_d.due_at),
                min(old_d.task_force_at, new_d.task_force_at),
            ))
        ticket.tier = new.value
        ticket.calendar = clocks.clock_name(sla, policy)
        ticket.sla_rows = {**ticket.sla_rows, **sla.explain(),
                           "reevaluated": {"at": _iso(now), "from_tier": ticket_tier.value if ticket_tier
                                           else None, "to_tier": new.value}}
        ticket.updated_at = now
        clocks.refresh_next_check(ticket)
        record(session, ticket, now, "system", "sla-reevaluated", ticket.status, ticket.status,
                 old_tier=ticket_tier.value if ticket_tier else None, new_tier=new.value,
                 before=before, after={"first_response_due": _iso(ticket.first_response_due),
                                       "resolution_due": _iso(ticket.resolution_due),
                                       "calendar": ticket.calendar})
        changed += 1
    return changed
