"""What the notification service does with the events it consumes (each applied once via the inbox).

Every event type of the contract is consumed: each is logged and queued for the partner
webhooks subscribed to it; besides that,
- `invitation-created`, `action-created`, `action-overdue`, `ticket-escalated`, `ticket-resolved`,
  `digest-ready`, `report-published`: the messages docs/design.md §10 calls for are queued;
- `customer-erased`: the customer's preferences and message texts are removed and the erasure
  confirmed with `customer-erasure-confirmed`.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.models import CUSTOMER_ACCESS
from services.notification.service import erasure
from services.notification.service.intake import fan_out_to_webhooks, queue_messages
from shared.access import keep_assignment
from shared.app import EventHandler, ServiceContext
from shared.erasure import apply_erasure
from shared.events.envelope import Event, known_event_types

MESSAGE_EVENTS = (
    "invitation-created",
    "action-created",
    "action-overdue",
    "ticket-escalated",
    "ticket-resolved",
    "digest-ready",
    "report-published",
)


async def on_any_event(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Relay to the webhooks subscribed to the event's type."""
    await fan_out_to_webhooks(ctx, session, event)


async def on_message_event(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    await fan_out_to_webhooks(ctx, session, event)
    await queue_messages(ctx, session, event)


async def on_customer_erased(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    await fan_out_to_webhooks(ctx, session, event)
    await apply_erasure(ctx, session, event, erasure.SERVICE, erasure.redact_customer)


async def on_customer_assigned(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Relay, and keep the customer's owner and team for the access scopes (docs/design.md §11)."""
    await fan_out_to_webhooks(ctx, session, event)
    await keep_assignment(session, CUSTOMER_ACCESS, event)


HANDLERS: dict[str, EventHandler] = {
    **dict.fromkeys(known_event_types(), on_any_event),
    **dict.fromkeys(MESSAGE_EVENTS, on_message_event),
    "customer-erased": on_customer_erased,
    "customer-assigned": on_customer_assigned,
}
