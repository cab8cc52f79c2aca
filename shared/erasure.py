"""Erasure and retention, the platform side (docs/design.md §11).

A service that holds data about customers answers `customer-erased` with a top-level handler in its
events.py that calls `apply_erasure(ctx, session, event, SERVICE, redact)`: `redact(ctx, session,
customer_id, now) -> {kind: count}` removes or redacts what the service holds (idempotent: a second
pass finds nothing left) and the confirmation `customer-erasure-confirmed` goes out through the
outbox in the same transaction, the consumer's, which records the event id: applied once.

The retention sweep (`retention_schedule`) is a daily job of the shared scheduler redacting the
free text older than `CRM_TEXT_RETENTION_DAYS` (3 years by default) in batches, each committed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, or_
from sqlalchemy.ext.asyncio import AsyncSession

from shared.events.envelope import Event
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import CatchUp, Occurrence, Schedule

if TYPE_CHECKING:
    from shared.app import ServiceContext

# What replaces a redacted text: the row stays (figures, times, statuses), its words go.
REDACTED = "(redacted)"
Redact = Callable[["ServiceContext", AsyncSession, str, datetime], Awaitable[dict[str, int]]]
# `sweep(ctx, session, cutoff, limit) -> {kind: count}` redacts at most `limit` rows of each kind
# older than `cutoff` that still hold text; the job calls it until a batch finds nothing.
Sweep = Callable[["ServiceContext", AsyncSession, datetime, int], Awaitable[dict[str, int]]]
RETENTION_SCHEDULE = "text-retention"
RETENTION_BATCH = 500


async def apply_erasure(
    ctx: ServiceContext, session: AsyncSession, event: Event, service: str, redact: Redact
) -> dict[str, int]:
    """Inside the consumer's transaction: redact the customer's data and confirm the erasure."""
    customer_id, now = event.data["customer_id"], ctx.clock.now()
    redacted = await redact(ctx, session, customer_id, now)
    redacted["stored_responses"] = await forget_stored_responses(ctx, session, customer_id)
    await ctx.outbox.append(
        session,
        "customer-erasure-confirmed",
        customer_id,
        {
            "customer_id": customer_id,
            "erasure_id": event.data["erasure_id"],
            "service": service,
            "confirmed_at": format_time(now),
            "redacted": redacted,
        },
    )
    return redacted


async def forget_stored_responses(ctx: ServiceContext, session: AsyncSession, customer_id: str) -> int:
    """Delete the responses kept for Idempotency-Key replays that are about the customer (a profile,
    a ticket, ...): they may hold what the erasure removes. A retry with such a key runs anew."""
    table = ctx.tables["idempotency_keys"]
    about = or_(
        *(
            table.c.response_body.contains(f'"{field}":"{customer_id}"', autoescape=True)
            for field in ("customer_id", "id")
        )
    )
    return (await session.execute(delete(table).where(about))).rowcount or 0


def retention_schedule(sweep: Sweep, what: str) -> Schedule:
    """The daily retention job of a service: `what` says which texts it redacts."""

    async def run(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
        cutoff = occurrence.now - timedelta(days=ctx.settings.text_retention_days)
        totals: dict[str, int] = {}
        while True:
            async with ctx.db.session() as session, session.begin():
                done = await sweep(ctx, session, cutoff, RETENTION_BATCH)
            for kind, count in done.items():
                totals[kind] = totals.get(kind, 0) + count
            if not any(done.values()):
                break
        return {"cutoff": format_time(cutoff), **totals}

    return Schedule(
        RETENTION_SCHEDULE,
        Recurrence.daily(at=time(3, 30)),
        run,
        f"Redacts {what} older than the retention period (CRM_TEXT_RETENTION_DAYS, 3 years by "
        "default); anonymous figures stay",
        catch_up=CatchUp.LATEST,
    )
