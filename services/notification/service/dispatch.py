"""The webhook dispatcher: one lane per subscription, so a receiver that is slow, down or
failing never holds up another (docs/design.md §10).

A pass claims due deliveries (SKIP LOCKED, a lease) of subscriptions that have no lane running
here and are not blocked after a failure, and starts a lane for each. A lane posts its
deliveries a few at a time, records each chunk in one transaction, and stops at the first
failure: the failed ones are retried with backoff, the subscription is left alone until then,
and the rest are handed back untouched. Every request is signed per Standard Webhooks.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import structlog
from sqlalchemy import update

from services.notification import repository
from services.notification.domain.backoff import next_attempt_at, receiver_pause
from services.notification.domain.webhooks import (
    disable_verdict,
    forbidden_address,
    signed_headers,
    valid_secrets,
)
from services.notification.metrics import WEBHOOK_DELIVERIES, WEBHOOK_LATENCY, WEBHOOKS_DISABLED
from services.notification.models import WebhookDeliveryRow, WebhookSubscriptionRow
from services.notification.service.intake import DISPATCHER_WAKEUP, wakeup
from services.notification.settings import NotificationSettings
from shared.app import ServiceContext
from shared.db import ids_match
from shared.rfc3339 import format_optional, format_time

log = structlog.get_logger()
WEBHOOK_HTTP, LANES = "webhook_http", "webhook_lanes"
# Outcomes of a lane are stored in one transaction per this many requests: a crash re-sends at
# most these (at least once; receivers deduplicate on webhook-id).
RECORD_EVERY = 32


@dataclass(frozen=True)
class DeliveryJob:
    id: int
    subscription_id: str
    event_id: str
    envelope: str


@dataclass(frozen=True)
class Attempt:
    job: DeliveryJob
    ok: bool
    status_code: int | None
    error: str | None


class ForbiddenTarget(Exception):
    """The receiver's host resolves to a loopback, private or link-local address (SSRF guard)."""


async def pinned_request(url: str, private_allowed: bool) -> tuple[str, dict[str, str], str | None]:
    """The URL to connect to, extra headers and the TLS server name. In production the host is resolved
    here, every address checked, and the connection made to a checked address (Host and TLS SNI
    keep the name), so a DNS answer cannot change between the check and the connection."""
    if private_allowed:
        return url, {}, None
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=0)
    addresses = sorted({info[4][0] for info in infos})
    if not addresses or any(forbidden_address(address) for address in addresses):
        raise ForbiddenTarget(f"{host} resolves to a loopback, private or link-local address")
    pinned = addresses[0]
    netloc = f"[{pinned}]:{port}" if ":" in pinned else f"{pinned}:{port}"
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": parts.netloc}, host


async def dispatch_due(ctx: ServiceContext) -> int:
    """Start a lane for each subscription with due deliveries and none running here."""
    lanes: dict[str, asyncio.Task] = ctx.state.setdefault(LANES, {})
    for sid in [sid for sid, task in lanes.items() if task.done()]:
        del lanes[sid]
    async with ctx.db.session() as session:
        ready = await repository.subscriptions_with_due_deliveries(session, ctx.clock.now(), set(lanes))
    for sid in ready:
        lanes[sid] = asyncio.create_task(run_lane(ctx, sid), name=f"webhook-lane-{sid}")
    return len(ready)


async def run_lane(ctx: ServiceContext, subscription_id: str) -> None:
    """Claim this subscription's due deliveries and send them, until none is due or one fails."""
    settings: NotificationSettings = ctx.settings
    worked = False
    try:
        while True:
            now = ctx.clock.now()
            lease = now + timedelta(seconds=settings.webhook_lease_seconds)
            async with ctx.db.session() as session, session.begin():
                subscription = await repository.subscription(session, subscription_id)
                if subscription is None or subscription.status != "active":
                    return
                claimed = await repository.claim_deliveries(
                    session, subscription_id, now, settings.webhook_batch_size, lease
                )
            if not claimed:
                return
            worked = True
            jobs = [
                DeliveryJob(did, subscription_id, event_id, envelope) for did, event_id, envelope in claimed
            ]
            if await _send(ctx, subscription, jobs):
                return  # a failure: the subscription waits for its retry time
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("webhook_lane_failed", subscription_id=subscription_id)
    finally:
        if worked:
            # Deliveries that came in while this lane finished were left to the next pass.
            wakeup(ctx, DISPATCHER_WAKEUP).set()


async def _send(ctx: ServiceContext, subscription: WebhookSubscriptionRow, jobs: list[DeliveryJob]) -> bool:
    """Keep `webhook_lane_concurrency` requests in flight, outcomes stored every RECORD_EVERY;
    after a failure no new request starts and the untried are handed back. True when stopped."""
    settings: NotificationSettings = ctx.settings
    untried = iter(jobs)
    outcomes: list[Attempt] = []
    stopped = False

    async def flush() -> None:
        nonlocal stopped
        batch = outcomes[:]
        outcomes.clear()
        if batch and await _record(ctx, subscription.id, batch):
            stopped = True

    async def sender() -> None:
        nonlocal stopped
        for job in untried:
            secrets = valid_secrets(
                subscription.secret,
                subscription.previous_secret,
                subscription.previous_secret_expires_at,
                ctx.clock.now(),
            )
            attempt = await _post(ctx, subscription.url, secrets, job)
            outcomes.append(attempt)
            stopped = stopped or not attempt.ok
            if len(outcomes) >= RECORD_EVERY:
                await flush()
            if stopped:
                return

    try:
        await asyncio.gather(*(sender() for _ in range(settings.webhook_lane_concurrency)))
        await flush()
    finally:
        with contextlib.suppress(Exception):
            await _release(ctx, [job.id for job in untried])
    return stopped


async def _post(ctx: ServiceContext, url: str, secrets: list[str], job: DeliveryJob) -> Attempt:
    settings: NotificationSettings = ctx.settings
    http: aiohttp.ClientSession = ctx.state[WEBHOOK_HTTP]
    started = time.perf_counter()
    try:
        target, extra_headers, server_name = await pinned_request(url, settings.private_targets_allowed)
        # Real time, not the service clock: receivers check webhook-timestamp against theirs.
        headers = {**signed_headers(secrets, job.event_id, job.envelope, datetime.now(UTC)), **extra_headers}
        async with http.post(
            target,
            data=job.envelope.encode(),
            headers=headers,
            allow_redirects=False,
            server_hostname=server_name,
            timeout=aiohttp.ClientTimeout(total=settings.webhook_timeout_seconds),
        ) as response:
            status = response.status
            await response.read()
    except ForbiddenTarget as exc:
        return Attempt(job, False, None, str(exc))
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:  # refused, reset, timed out, DNS
        return Attempt(job, False, None, type(exc).__name__)
    finally:
        WEBHOOK_LATENCY.observe(time.perf_counter() - started)
    if 200 <= status < 300:
        return Attempt(job, True, status, None)
    return Attempt(job, False, status, f"HTTP {status}")


async def _record(ctx: ServiceContext, subscription_id: str, attempts: list[Attempt]) -> bool:
    """Store outcomes and the subscription's health in one transaction; True when any failed."""
    settings: NotificationSettings = ctx.settings
    now = ctx.clock.now()
    failures = [a for a in attempts if not a.ok]
    delivered = [a for a in attempts if a.ok]
    async with ctx.db.session() as session, session.begin():
        if delivered:
            await session.execute(
                update(WebhookDeliveryRow)
                .where(ids_match(WebhookDeliveryRow.id, [a.job.id for a in delivered], ctx.db.is_postgres))
                .values(
                    status="delivered",
                    attempts=WebhookDeliveryRow.attempts + 1,
                    delivered_at=now,
                    updated_at=now,
                    lease_until=None,
                    last_error=None,
                    last_status_code=delivered[0].status_code,
                )
            )
            WEBHOOK_DELIVERIES.labels("delivered").inc(len(delivered))
        if not failures:
            # One statement, no lock read: a receiver that answers is healthy again.
            await session.execute(
                update(WebhookSubscriptionRow)
                .where(WebhookSubscriptionRow.id == subscription_id)
                .values(failing_since=None, blocked_until=None, consecutive_failures=0, last_success_at=now)
            )
            return False
        subscription = await repository.subscription(session, subscription_id, for_update=True)
        if subscription is None:
            return True
        for attempt in failures:
            await _record_failure(ctx, session, attempt, now)
        subscription.consecutive_failures += len(failures)
        subscription.failing_since = subscription.failing_since or now
        subscription.blocked_until = now + timedelta(
            seconds=receiver_pause(
                (now - subscription.failing_since).total_seconds(),
                settings.webhook_retry_base_seconds,
                settings.webhook_retry_max_seconds,
                subscription.id,
            )
        )
        subscription.updated_at = now
        verdict = disable_verdict(
            subscription.failing_since,
            subscription.consecutive_failures,
            failures[-1].error or "?",
            now,
            timedelta(seconds=settings.webhook_disable_after_seconds),
        )
        if verdict.disable:
            await disable(ctx, session, subscription, verdict.reason or "persistent failure", now)
    return True


async def _record_failure(ctx: ServiceContext, session, attempt: Attempt, now: datetime) -> None:
    settings: NotificationSettings = ctx.settings
    row = await session.get(WebhookDeliveryRow, attempt.job.id)
    row.attempts += 1
    row.give_up_at = row.give_up_at or now + timedelta(seconds=settings.webhook_retry_window_seconds)
    row.last_status_code, row.last_error = attempt.status_code, (attempt.error or "")[:500]
    row.lease_until, row.updated_at = None, now
    at = next_attempt_at(
        row.attempts,
        now,
        row.give_up_at,
        settings.webhook_retry_base_seconds,
        settings.webhook_retry_max_seconds,
        str(row.id),
    )
    if at is None:
        row.status = "failed"
        WEBHOOK_DELIVERIES.labels("failed").inc()
    else:
        row.next_attempt_at = at
        WEBHOOK_DELIVERIES.labels("retry").inc()


async def disable(
    ctx: ServiceContext, session, subscription: WebhookSubscriptionRow, reason: str, now: datetime
) -> None:
    """Disabled with the reason, announced with `webhook-disabled`; what was pending is marked
    failed (a replay after the fix sends it again)."""
    subscription.status, subscription.disabled_reason, subscription.disabled_at = "disabled", reason, now
    await session.execute(
        update(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.subscription_id == subscription.id, WebhookDeliveryRow.status == "pending")
        .values(status="failed", last_error="subscription disabled", lease_until=None, updated_at=now)
    )
    await ctx.outbox.append(
        session,
        "webhook-disabled",
        subscription.id,
        {
            "subscription_id": subscription.id,
            "reason": reason,
            "event_types": list(subscription.event_types),
            "failing_since": format_optional(subscription.failing_since),
            "consecutive_failures": subscription.consecutive_failures,
            "disabled_at": format_time(now),
        },
    )
    WEBHOOKS_DISABLED.inc()
    log.warning("webhook_disabled", subscription_id=subscription.id, reason=reason)


async def _release(ctx: ServiceContext, ids: list[int]) -> None:
    """Hand deliveries back untried (no attempt counted): the next pass claims them again."""
    if not ids:
        return
    async with ctx.db.session() as session, session.begin():
        await session.execute(
            update(WebhookDeliveryRow).where(WebhookDeliveryRow.id.in_(ids)).values(lease_until=None)
        )
