"""Erasure (docs/design.md §11): on `customer-erased`, remove what the service holds about the
customer (preferences, message texts) and confirm, keeping the anonymous delivery figures.

`redact_customer` has the signature of the shared erasure skeleton's redaction
(`async def redact(ctx, session, customer_id, now) -> dict[str, int]`), so the handler can become
`erasure_handler(redact_customer)` once that skeleton is on main; until then `erase_customer`
confirms with the same event.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository
from services.notification.domain.delivery import Status
from services.notification.service.statuses import change_status
from shared.app import ServiceContext
from shared.events.envelope import Event
from shared.rfc3339 import format_time

SERVICE = "notification"


async def redact_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> dict[str, int]:
    """Preferences deleted; subject, text, last error and free context of the customer's messages
    removed, queued ones suppressed. Idempotent: a second pass finds nothing left to remove."""
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
        row.redacted_at = row.redacted_at or now
    return redacted


async def erase_customer(ctx: ServiceContext, session: AsyncSession, event: Event) -> dict[str, int]:
    """Inside the consumer's transaction: applied once per erasure event."""
    customer_id, now = event.data["customer_id"], ctx.clock.now()
    redacted = await redact_customer(ctx, session, customer_id, now)
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
