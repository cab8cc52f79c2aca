"""Erasure (docs/design.md §11): on `customer-erased`, remove what the service holds about the customer
(preferences, message texts) and confirm, keeping the anonymous delivery figures."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository
from services.notification.domain.delivery import Status
from services.notification.service.statuses import change_status
from shared.app import ServiceContext
from shared.events.envelope import Event
from shared.rfc3339 import format_time

SERVICE = "notification"


async def erase_customer(ctx: ServiceContext, session: AsyncSession, event: Event) -> dict[str, int]:
    """Inside the consumer's transaction: applied once per erasure event."""
    customer_id, now = event.data["customer_id"], ctx.clock.now()
    redacted = {"preferences": 0, "message_texts": 0, "messages_suppressed": 0}
    preferences = await repository.preferences_row(session, customer_id, for_update=True)
    if preferences is not None:
        await session.delete(preferences)
        redacted["preferences"] = 1
    for row in await repository.customer_messages(session, customer_id):
        if row.status == Status.QUEUED.value:
            await change_status(ctx, session, row, Status.SUPPRESSED, now, "customer erased")
            redacted["messages_suppressed"] += 1
        if row.subject is not None or row.body is not None or row.last_error is not None:
            redacted["message_texts"] += 1
        # Status, channel, template and times stay: the anonymous counts of the delivery log.
        row.subject = row.body = row.last_error = None
        row.context = {
            k: v for k, v in (row.context or {}).items() if k.endswith("_id") or k in ("kind", "level")
        }
        row.redacted_at = now
    await ctx.outbox.append(
        session,
        "customer-erasure-confirmed",
        customer_id,
        {
            "customer_id": customer_id,
            "erasure_id": event.data["erasure_id"],
            "service": SERVICE,
            "confirmed_at": format_time(now),
            "redacted": redacted,
        },
    )
    return redacted
