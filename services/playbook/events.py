"""What the playbook does with the events it consumes (each applied once, inside the inbox transaction).

- `score-updated`: the read model per customer (tier, quadrant, owner, amount_12m, orders_12m,
  last order) and its history, then the rules on it (tier and quadrant plans);
- `tier-changed`: tier and owner in the read model, then the rules on it;
- `satisfaction-scored`: kept for reports and experiments, then the rules (by level);
- `ticket-escalated`, `churn-risk-detected`: kept for reports, then the rules (retention);
- `ticket-created`, `ticket-resolved`: kept for the complaint-resolution report, then the rules;
- `order-recorded`: every order and its amount, for experiments and the effect report;
- `message-status-changed`: a message the notification service sent to the customer is a contact
  outcome, unopened until its open or click arrives (3 unopened in a row pause the channel);
  a bounced one never reached the customer and is dropped.

`score-updated` and `tier-changed` also re-plan the customer's recurring care at once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository
from services.playbook.models import (
    CUSTOMER_ACCESS,
    ChurnSignalRow,
    CustomerRow,
    CustomerSnapshotRow,
    TicketRow,
)
from services.playbook.service import erasure
from services.playbook.service.planning import plan_for_event
from services.playbook.service.recurring import plan_recurring
from shared.access import keep_assignment
from shared.app import EventHandler, ServiceContext
from shared.erasure import apply_erasure
from shared.events.envelope import Event
from shared.rfc3339 import parse_optional, parse_time

# Delivery statuses of the notification service: reached the customer, and opened it.
MESSAGE_REACHED = frozenset({"sent", "delivered"})
MESSAGE_OPENED = frozenset({"opened", "clicked"})

async def _customer(session: AsyncSession, customer_id: str) -> CustomerRow:
    row = await session.get(CustomerRow, customer_id, with_for_update=True)
    if row is None:
        row = CustomerRow(customer_id=customer_id, updated_at=datetime.now(UTC))
        session.add(row)
    return row


async def _ticket(session: AsyncSession, data: dict) -> TicketRow:
    row = await session.get(TicketRow, data["ticket_id"], with_for_update=True)
    if row is None:
        row = TicketRow(ticket_id=data["ticket_id"], customer_id=data["customer_id"])
        session.add(row)
    row.type = data.get("type") or row.type
    row.priority = data.get("priority") or row.priority
    return row


async def on_score_updated(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    computed_at = parse_time(data["computed_at"])
    last_order_at = parse_optional(data.get("last_order_at"))
    amount = Decimal(str(data["amount_12m"])) if data.get("amount_12m") is not None else None
    row = await _customer(session, data["customer_id"])
    if row.computed_at is None or computed_at >= row.computed_at:
        # An older score arriving late does not replace a newer one.
        row.tier, row.quadrant, row.score = data["tier"], data.get("quadrant"), data["score"]
        if "owner" in data:
            row.owner = data["owner"]
        row.amount_12m, row.orders_12m = amount, data.get("orders_12m")
        if last_order_at and (row.last_order_at is None or last_order_at > row.last_order_at):
            row.last_order_at = last_order_at
        row.computed_at, row.updated_at = computed_at, datetime.now(UTC)
    session.add(CustomerSnapshotRow(
        customer_id=data["customer_id"], computed_at=computed_at, tier=data["tier"],
        quadrant=data.get("quadrant"), score=data["score"], amount_12m=amount,
        orders_12m=data.get("orders_12m"),
    ))
    if last_order_at is not None:
        await repository.observe_order(session, data["customer_id"], last_order_at)
    await session.flush()
    await plan_for_event(ctx, session, event)
    await plan_recurring(ctx, session, row, ctx.clock.now())


async def on_tier_changed(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    row = await _customer(session, data["customer_id"])
    changed_at = parse_time(data["changed_at"])
    if row.computed_at is None or changed_at >= row.computed_at:
        row.tier = data["to_tier"]
        if data.get("owner"):
            row.owner = data["owner"]
        row.updated_at = datetime.now(UTC)
    await session.flush()
    await plan_for_event(ctx, session, event)
    await plan_recurring(ctx, session, row, ctx.clock.now())


async def on_satisfaction_scored(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    if not data.get("customer_id"):
        return  # an anonymous survey's answer: no customer to plan care for (docs/design.md §11)
    await repository.keep_answer(session, {
        "response_id": data["response_id"], "customer_id": data["customer_id"], "value": data["value"],
        "level": data["level"], "nps": data.get("nps"), "csat": data.get("csat"),
        "answered_at": parse_time(data["answered_at"]),
    })
    await plan_for_event(ctx, session, event)


async def on_ticket_created(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    row = await _ticket(session, event.data)
    row.opened_at = parse_time(event.data["created_at"])
    await session.flush()
    await plan_for_event(ctx, session, event)


async def on_ticket_resolved(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    row = await _ticket(session, event.data)
    row.resolved_at = parse_time(event.data["resolved_at"])
    await session.flush()
    await plan_for_event(ctx, session, event)


async def on_ticket_escalated(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    row = await _ticket(session, event.data)
    row.escalation_level = max(row.escalation_level or 0, event.data["level"])
    await session.flush()
    await plan_for_event(ctx, session, event)


async def on_churn_risk(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    data = event.data
    session.add(ChurnSignalRow(event_id=event.id, customer_id=data["customer_id"],
                               reasons=data["reasons"], detected_at=parse_time(data["detected_at"])))
    if data.get("owner"):
        row = await _customer(session, data["customer_id"])
        row.owner = data["owner"]
    await session.flush()
    await plan_for_event(ctx, session, event)


async def on_order_recorded(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Every order, with its amount: the 30-day win-back and the 3-month spend of experiments and
    the repurchase of the effect report become real figures, not what score events carried."""
    data = event.data
    ordered_at = parse_time(data["ordered_at"])
    await repository.keep_order(session, {
        "customer_id": data["customer_id"], "order_id": data["order_id"],
        "amount": Decimal(str(data["amount"])), "ordered_at": ordered_at,
    })
    await repository.observe_order(session, data["customer_id"], ordered_at)


async def on_message_status_changed(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """The contact log follows the delivery log: sent is an unopened contact, opened or clicked
    opens it (arriving in either order), bounced removes it. Manual outcomes are untouched."""
    data = event.data
    status, message_id = data["status"], data["message_id"]
    if status == "bounced":
        await repository.forget_message_contact(session, message_id)
        return
    if status not in MESSAGE_REACHED | MESSAGE_OPENED:
        return  # queued, suppressed or failed: the customer never got it
    opened = status in MESSAGE_OPENED
    await repository.record_message_contact(session, {
        "customer_id": data["customer_id"], "channel": data["channel"], "opened": opened,
        "occurred_at": parse_time(data["changed_at"]), "action_id": data.get("action_id"),
        "recorded_by": "notification", "message_id": message_id,
    })
    if opened:
        await repository.mark_message_opened(session, message_id)


async def on_customer_assigned(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """A customer's owner and team, for the access scopes (docs/design.md §11)."""
    await keep_assignment(session, CUSTOMER_ACCESS, event)


async def on_customer_erased(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Erase the free text about the customer's care and confirm (docs/design.md §11)."""
    await apply_erasure(ctx, session, event, erasure.SERVICE, erasure.redact_customer)


HANDLERS: dict[str, EventHandler] = {
    "customer-assigned": on_customer_assigned,
    "customer-erased": on_customer_erased,
    "score-updated": on_score_updated,
    "tier-changed": on_tier_changed,
    "satisfaction-scored": on_satisfaction_scored,
    "ticket-escalated": on_ticket_escalated,
    "churn-risk-detected": on_churn_risk,
    "ticket-created": on_ticket_created,
    "ticket-resolved": on_ticket_resolved,
    "order-recorded": on_order_recorded,
    "message-status-changed": on_message_status_changed,
}
