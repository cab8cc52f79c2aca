"""What feedback does with the events it consumes (each applied once, inside the inbox transaction).

- `score-updated`: the local read model customer -> tier; open tickets are re-evaluated only
  when the new tier is stricter (deadlines only tighten), and the ticket records it.
- `ticket-verification-answered`: solved closes the ticket, not solved reopens it; its optional
  1-5 rating is kept as CSAT after resolution, credited to the ticket's assignee and team.
- `satisfaction-scored`: kept on the ticket it follows (satisfaction after resolution), and
  optionally opens a ticket for a very dissatisfied customer (setting, default off); every answer
  is also kept for the monthly report (satisfaction and NPS by tier).
- `action-created`, `action-completed`, `action-overdue`, `tier-changed`: read models of the
  playbook's care actions and segmentation's tier moves, for the monthly report.
"""

from __future__ import annotations

from datetime import datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository, schemas
from services.feedback.domain.lifecycle import Status
from services.feedback.domain.sla import Priority, Tier
from services.feedback.models import (
    CUSTOMER_ACCESS,
    CareActionRow,
    CustomerTierRow,
    SatisfactionAnswerRow,
    TicketRow,
    TierMoveRow,
)
from services.feedback.service import erasure, reevaluation, tickets
from shared.access import keep_assignment
from shared.app import EventHandler, ServiceContext
from shared.erasure import apply_erasure
from shared.events.envelope import Event
from shared.rfc3339 import parse_time

log = structlog.get_logger()


async def on_score_updated(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    computed_at = parse_time(data["computed_at"])
    new = Tier(data["tier"])
    row = await session.get(CustomerTierRow, data["customer_id"], with_for_update=True)
    if row is not None and computed_at < row.computed_at:
        return  # an older score arriving late does not replace a newer one
    old = Tier(row.tier) if row else None
    if old != new:
        # A ticket being opened for the customer finishes first, and is re-evaluated below. Most
        # score updates leave the tier as it is (a ticket opened meanwhile read the right one):
        # they only move computed_at, without waiting for the customer.
        await repository.hold_customer(session, data["customer_id"])
    if row is None:
        session.add(CustomerTierRow(customer_id=data["customer_id"], tier=new.value,
                                    computed_at=computed_at))
    else:
        row.tier, row.computed_at = new.value, computed_at
    if old != new:
        changed = await reevaluation.apply_tier_change(ctx, session, data["customer_id"], old, new,
                                                       ctx.clock.now())
        log.info("customer_tier_changed", customer_id=data["customer_id"], old=old, new=new.value,
                 tickets_reevaluated=changed)


async def on_verification_answered(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    ticket = await session.get(TicketRow, data["ticket_id"], with_for_update=True)
    if ticket is None or ticket.customer_id != data["customer_id"]:
        log.warning("verification_for_unknown_ticket", ticket_id=data["ticket_id"])
        return
    now = ctx.clock.now()
    if data.get("rating") is not None:
        # The rating counts even when the life cycle moved on: it is the customer's view of the
        # resolution they were asked about.
        tickets.record_rating(session, ticket, int(data["rating"]), bool(data["solved"]), "survey",
                              "customer", now)
    if ticket.status != Status.RESOLVED.value:
        # A second answer, or one overtaken by an agent: the life cycle already moved on.
        log.info("verification_ignored", ticket_id=ticket.id, status=ticket.status)
        return
    await tickets.verify_in_tx(
        ctx, session, ticket, bool(data["solved"]), "customer", now,
        via="survey", answered_at=data["answered_at"], invitation_id=data.get("invitation_id"),
    )


async def on_satisfaction_scored(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    settings = ctx.settings
    data = event.data
    answered_at = parse_time(data["answered_at"])
    await _keep_answer(session, data, answered_at)
    if not data.get("customer_id"):
        return  # an anonymous survey's answer counts in the report by tier, and links to no ticket
    ticket: TicketRow | None = None
    if data.get("ticket_id"):
        ticket = await session.get(TicketRow, data["ticket_id"], with_for_update=True)
    if ticket is None:
        ticket = await repository.resolved_ticket_awaiting_satisfaction(
            session, data["customer_id"], answered_at, settings.satisfaction_link_days)
    if ticket is not None and ticket.customer_id == data["customer_id"]:
        ticket.satisfaction, ticket.satisfaction_level = float(data["value"]), data["level"]
    if settings.auto_ticket_on_very_dissatisfied and data["level"] == "very_dissatisfied":
        body = schemas.TicketIn(
            customer_id=data["customer_id"], channel=schemas.Channel.SURVEY,
            type=schemas.TicketType.COMPLAINT, category=settings.auto_ticket_category,
            description=(f"Very dissatisfied survey answer (satisfaction {data['value']}, "
                         f"response {data['response_id']})"),
            priority=Priority(settings.auto_ticket_priority), reported_at=answered_at,
        )
        await tickets.open_ticket_in_tx(ctx, session, body, "system:survey", ctx.clock.now())


async def _keep_answer(session: AsyncSession, data: dict, answered_at: datetime) -> None:
    if await session.get(SatisfactionAnswerRow, data["response_id"]) is not None:
        return
    tier = data.get("tier")
    if tier is None and data.get("customer_id"):
        tier = await repository.customer_tier(session, data["customer_id"])
    session.add(SatisfactionAnswerRow(
        response_id=data["response_id"], customer_id=data.get("customer_id"), tier=tier,
        value=float(data["value"]), nps=data.get("nps"), answered_at=answered_at))


async def _action(session: AsyncSession, data: dict) -> CareActionRow:
    """The action's read-model row, made on whichever of its events comes first."""
    row = await session.get(CareActionRow, data["action_id"], with_for_update=True)
    if row is None:
        row = CareActionRow(action_id=data["action_id"], customer_id=data["customer_id"], kind=data["kind"],
                            tier=await repository.customer_tier(session, data["customer_id"]))
        session.add(row)
    if data.get("due_at"):
        row.due_at = parse_time(data["due_at"])
    return row


async def on_action_created(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    (await _action(session, event.data)).created_at = parse_time(event.data["created_at"])


async def on_action_completed(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    (await _action(session, event.data)).completed_at = parse_time(event.data["completed_at"])


async def on_action_overdue(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    (await _action(session, event.data)).overdue_at = parse_time(event.data["detected_at"])


async def on_tier_changed(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    session.add(TierMoveRow(
        event_id=event.id, customer_id=data["customer_id"], from_tier=data.get("from_tier"),
        to_tier=data["to_tier"], reason=data.get("review") or data["reason"],
        changed_at=parse_time(data["changed_at"])))


async def on_customer_assigned(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """A customer's owner and team, for the access scopes (docs/design.md §11)."""
    await keep_assignment(session, CUSTOMER_ACCESS, event)


async def on_customer_erased(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Erase the texts of the customer's tickets and confirm (docs/design.md §11)."""
    await apply_erasure(ctx, session, event, erasure.SERVICE, erasure.redact_customer)


HANDLERS: dict[str, EventHandler] = {
    "customer-assigned": on_customer_assigned,
    "customer-erased": on_customer_erased,
    "score-updated": on_score_updated,
    "ticket-verification-answered": on_verification_answered,
    "satisfaction-scored": on_satisfaction_scored,
    "action-created": on_action_created,
    "action-completed": on_action_completed,
    "action-overdue": on_action_overdue,
    "tier-changed": on_tier_changed,
}
