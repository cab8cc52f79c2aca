"""The webhook dispatcher: one lane per subscription, so a receiver that is slow, down or
failing never holds up another (DESIGN 10).

A pass claims due deliveries (SKIP LOCKED, a lease) of subscriptions that have no lane running
here and are not blocked after a failure, and starts a lane for each. A lane posts its
deliveries a few at a time, records each chunk in one transaction, and stops at the first
failure: the failed ones are retried with backoff, the subscription is left alone until then,
and the rest are handed back untouched. Every request is signed per Standard Webhooks.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import httpx
import structlog
from sqlalchemy import update

from services.notification import repository
from services.notification.domain.backoff import next_attempt_at, retry_delay
from services.notification.domain.webhooks import (
    disable_verdict,
    forbidden_address,
    signed_headers,
    valid_secrets,
)
from services.notification.metrics import WEBHOOK_DELIVERIES, WEBHOOK_LATENCY, WEBHOOKS_DISABLED
from services.notification.models import WebhookDeliveryRow, WebhookSubscriptionRow
from services.notification.settings import NotificationSettings
from shared.app import ServiceContext
from shared.rfc3339 import format_optional, format_time

log = structlog.get_logger()
WEBHOOK_HTTP, LANES = "webhook_http", "webhook_lanes"


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


async def pinned_request(url: str, private_allowed: bool) -> tuple[str, dict[str, str], dict]:
    """The URL to connect to, extra headers and extensions. In production the host is resolved
    here, every address checked, and the connection made to a checked address (Host and TLS SNI
    keep the name), so a DNS answer cannot change between the check and the connection."""
    if private_allowed:
        return url, {}, {}
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=0)
    addresses = sorted({info[4][0] for info in infos})
    if not addresses or any(forbidden_address(address) for address in addresses):
        raise ForbiddenTarget(f"{host} resolves to a loopback, private or link-local address")
    pinned = addresses[0]
    netloc = f"[{pinned}]:{port}" if ":" in pinned else f"{pinned}:{port}"
    return urlunsplit(parts._replace(netloc=netloc)), {"host": parts.netloc}, {"sni_hostname": host}


async def dispatch_due(ctx: ServiceContext) -> int:
    """Start lanes for due deliveries; returns how many deliveries were claimed."""
    settings: NotificationSettings = ctx.settings
    lanes: dict[str, asyncio.Task] = ctx.state.setdefault(LANES, {})
    for sid in [sid for sid, task in lanes.items() if task.done()]:
        del lanes[sid]
    now = datetime.now(UTC)
    lease = now + timedelta(seconds=settings.webhook_lease_seconds)
    async with ctx.db.session() as session, session.begin():
        claimed = await repository.claim_deliveries(
            session, now, settings.webhook_batch_size, lease, set(lanes)
        )
        jobs = [DeliveryJob(row.id, row.subscription_id, row.event_id, envelope) for row, envelope in claimed]
    by_subscription: dict[str, list[DeliveryJob]] = {}
    for job in jobs:
        by_subscription.setdefault(job.subscription_id, []).append(job)
    for sid, queue in by_subscription.items():
        lanes[sid] = asyncio.create_task(run_lane(ctx, sid, queue, lease), name=f"webhook-lane-{sid}")
    return len(jobs)


async def run_lane(
    ctx: ServiceContext, subscription_id: str, queue: list[DeliveryJob], lease: datetime
) -> None:
    settings: NotificationSettings = ctx.settings
    try:
        async with ctx.db.session() as session:
            subscription = await repository.subscription(session, subscription_id)
        if subscription is None or subscription.status != "active":
            await _release(ctx, [job.id for job in queue])
            return
        step = settings.webhook_lane_concurrency
        for start in range(0, len(queue), step):
            chunk = queue[start : start + step]
            secrets = valid_secrets(
                subscription.secret,
                subscription.previous_secret,
                subscription.previous_secret_expires_at,
                datetime.now(UTC),
            )
            attempts = await asyncio.gather(*(_post(ctx, subscription.url, secrets, job) for job in chunk))
            failed = await _record(ctx, subscription_id, attempts)
            if failed:
                await _release(ctx, [job.id for job in queue[start + step :]])
                return
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("webhook_lane_failed", subscription_id=subscription_id)
        await _release(ctx, [job.id for job in queue])


async def _post(ctx: ServiceContext, url: str, secrets: list[str], job: DeliveryJob) -> Attempt:
    settings: NotificationSettings = ctx.settings
    http: httpx.AsyncClient = ctx.state[WEBHOOK_HTTP]
    started = time.perf_counter()
    try:
        target, extra_headers, extensions = await pinned_request(url, settings.private_targets_allowed)
        headers = {**signed_headers(secrets, job.event_id, job.envelope, datetime.now(UTC)), **extra_headers}
        response = await http.post(
            target,
            content=job.envelope.encode(),
            headers=headers,
            extensions=extensions,
            timeout=settings.webhook_timeout_seconds,
        )
    except ForbiddenTarget as exc:
        return Attempt(job, False, None, str(exc))
    except (httpx.HTTPError, OSError) as exc:  # refused, reset, timed out, DNS
        return Attempt(job, False, None, type(exc).__name__)
    finally:
        WEBHOOK_LATENCY.observe(time.perf_counter() - started)
    if 200 <= response.status_code < 300:
        return Attempt(job, True, response.status_code, None)
    return Attempt(job, False, response.status_code, f"HTTP {response.status_code}")


async def _record(ctx: ServiceContext, subscription_id: str, attempts: list[Attempt]) -> bool:
    """Store one chunk's outcomes and the subscription's health; True when any attempt failed."""
    settings: NotificationSettings = ctx.settings
    now = datetime.now(UTC)
    failures = [a for a in attempts if not a.ok]
    async with ctx.db.session() as session, session.begin():
        delivered = [a.job.id for a in attempts if a.ok]
        if delivered:
            await session.execute(
                update(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.id.in_(delivered))
                .values(
                    status="delivered",
                    attempts=WebhookDeliveryRow.attempts + 1,
                    delivered_at=now,
                    updated_at=now,
                    lease_until=None,
                    last_error=None,
                    last_status_code=next(a.status_code for a in attempts if a.ok),
                )
            )
            WEBHOOK_DELIVERIES.labels("delivered").inc(len(delivered))
        subscription = await repository.subscription(session, subscription_id, for_update=True)
        if subscription is None:
            return bool(failures)
        if not failures:
            subscription.failing_since = subscription.blocked_until = None
            subscription.consecutive_failures = 0
            subscription.last_success_at = subscription.updated_at = now
            return False
        for attempt in failures:
            await _record_failure(ctx, session, attempt, now)
        subscription.consecutive_failures += len(failures)
        subscription.failing_since = subscription.failing_since or now
        subscription.blocked_until = now + timedelta(
            seconds=retry_delay(
                subscription.consecutive_failures,
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
