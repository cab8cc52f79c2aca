"""Lifespan-owned loops of the notification service. Each claims rows with SKIP LOCKED under a
lease, so any number of replicas run them side by side:

- message sender: queued messages that are due (new, held by quiet hours or the cap, retries);
- webhook dispatcher: due webhook deliveries, one lane per subscription;
- janitor: event log retention, past days' daily cap counts, and the gauges of what waits to go out;
- bounce listener: delivery status notifications over SMTP, when `CRM_BOUNCE_SMTP_PORT` is set
  (each replica listens on its own address; a report is applied once whichever receives it).
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import aiohttp
import httpx
import structlog
from sqlalchemy import delete

from services.notification import repository
from services.notification.domain.respect import business_day
from services.notification.lookups import PlatformLookups
from services.notification.metrics import OLDEST_UNDELIVERED, UNDELIVERED
from services.notification.models import EventLogRow
from services.notification.providers.channels import Providers
from services.notification.service.bounce_listener import serve_bounces
from services.notification.service.dispatch import LANES, WEBHOOK_HTTP, dispatch_due
from services.notification.service.intake import DISPATCHER_WAKEUP, SENDER_WAKEUP, wakeup
from services.notification.service.sending import LOOKUPS, PROVIDERS, RESPECT_POLICY, send_due_messages
from services.notification.settings import NotificationSettings
from shared.app import ServiceContext

log = structlog.get_logger()
JANITOR_SECONDS = 15.0


async def _wait(event: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout=seconds)
    event.clear()


async def message_sender(ctx: ServiceContext) -> None:
    settings: NotificationSettings = ctx.settings
    woken = wakeup(ctx, SENDER_WAKEUP)
    async with httpx.AsyncClient(trust_env=False, follow_redirects=False) as http:
        ctx.state[LOOKUPS], ctx.state[PROVIDERS] = PlatformLookups(settings, http), Providers(settings, http)
        await _send_forever(ctx, settings, woken)


async def _send_forever(ctx: ServiceContext, settings: NotificationSettings, woken: asyncio.Event) -> None:
    while True:
        try:
            claimed = await send_due_messages(ctx)
        except Exception as exc:  # database away: the messages wait in the table
            log.warning("message_sender_error", error=f"{type(exc).__name__}: {exc}")
            claimed = 0
            await asyncio.sleep(1.0)
        if claimed >= settings.message_batch_size:
            continue
        await _wait(woken, settings.message_poll_seconds)


async def webhook_dispatcher(ctx: ServiceContext) -> None:
    settings: NotificationSettings = ctx.settings
    woken = wakeup(ctx, DISPATCHER_WAKEUP)
    # aiohttp for the receivers: a third of httpx's CPU per request, which is most of a delivery's.
    connector = aiohttp.TCPConnector(limit=256, limit_per_host=64, enable_cleanup_closed=True)
    try:
        async with aiohttp.ClientSession(connector=connector, trust_env=False, auto_decompress=False) as http:
            ctx.state[WEBHOOK_HTTP] = http
            await _dispatch_forever(ctx, settings, woken)
    finally:
        lanes: dict[str, asyncio.Task] = ctx.state.get(LANES, {})
        for task in lanes.values():
            task.cancel()
        await asyncio.gather(*lanes.values(), return_exceptions=True)


async def _dispatch_forever(
    ctx: ServiceContext, settings: NotificationSettings, woken: asyncio.Event
) -> None:
    """Lanes are started when the consumer queued deliveries (woken after its commit), when a lane
    that did work ends, and by the poll (retries coming due, other replicas' deliveries)."""
    while True:
        try:
            await dispatch_due(ctx)
        except Exception as exc:
            log.warning("webhook_dispatcher_error", error=f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(1.0)
        await _wait(woken, settings.webhook_poll_seconds)


async def janitor(ctx: ServiceContext) -> None:
    settings: NotificationSettings = ctx.settings
    while True:
        try:
            await tidy(ctx, settings)
        except Exception as exc:
            log.warning("janitor_error", error=f"{type(exc).__name__}: {exc}")
        await asyncio.sleep(JANITOR_SECONDS)


async def tidy(ctx: ServiceContext, settings: NotificationSettings) -> None:
    now = ctx.clock.now()
    async with ctx.db.session() as session, session.begin():
        if await ctx.db.advisory_xact_lock(session, "event-log-retention"):
            await session.execute(
                delete(EventLogRow).where(
                    EventLogRow.received_at < now - timedelta(days=settings.event_log_retention_days)
                )
            )
            # The daily cap counts only today; yesterday's rows stay while a late send finishes.
            today = business_day(ctx.state[RESPECT_POLICY], now)
            await repository.forget_daily_counts(session, today - timedelta(days=1))
    async with ctx.db.session() as session:
        oldest_message, messages, oldest_delivery, deliveries = await repository.oldest_waiting(session)
    for kind, oldest, count in (
        ("message", oldest_message, messages),
        ("webhook", oldest_delivery, deliveries),
    ):
        OLDEST_UNDELIVERED.labels(kind).set((now - oldest).total_seconds() if oldest else 0)
        UNDELIVERED.labels(kind).set(count)


async def bounce_listener(ctx: ServiceContext) -> None:
    await serve_bounces(ctx)
