"""The message sender: claim due messages (SKIP LOCKED, a sending lease), check respect, compose,
send, record. A message is in one replica's hands at a time; a replica that dies mid-send leaves
a lease that expires, and the message is sent again with the same Message-ID (at least once).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date, datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository
from services.notification.domain.backoff import next_attempt_at
from services.notification.domain.bounces import address_digest, undeliverable_reason
from services.notification.domain.delivery import Status
from services.notification.domain.recipients import CUSTOMER
from services.notification.domain.respect import (
    SEND,
    Outcome,
    Preferences,
    RespectPolicy,
    Verdict,
    business_day,
    business_day_start,
    customer_verdict,
)
from services.notification.domain.templates import LANGUAGES
from services.notification.lookups import LookupUnavailable, PlatformLookups
from services.notification.metrics import MESSAGE_RETRIES
from services.notification.providers import PermanentFailure, TemporaryFailure
from services.notification.providers.channels import Providers
from services.notification.service.compose import Composed, Job, Unsendable, compose
from services.notification.service.statuses import change_status
from services.notification.settings import NotificationSettings
from shared.app import ServiceContext
from shared.rfc3339 import format_time

log = structlog.get_logger()
RESPECT_POLICY, LOOKUPS, PROVIDERS = "respect_policy", "lookups", "providers"


def respect_policy(settings: NotificationSettings) -> RespectPolicy:
    return RespectPolicy.from_settings(
        settings.business_timezone,
        settings.quiet_hours_start,
        settings.quiet_hours_end,
        settings.daily_cap_per_customer,
    )


async def send_due_messages(ctx: ServiceContext, now: datetime | None = None) -> int:
    """Claim one batch and send it; returns how many messages were claimed."""
    settings: NotificationSettings = ctx.settings
    now = now or ctx.clock.now()
    lease = now + timedelta(seconds=settings.send_lease_seconds)
    async with ctx.db.session() as session, session.begin():
        rows = await repository.claim_messages(session, now, settings.message_batch_size, lease)
        jobs = [
            Job(
                r.id,
                r.customer_id,
                r.recipient_kind,
                r.recipient,
                r.channel,
                r.template,
                r.priority,
                dict(r.context or {}),
                r.attempts,
                r.give_up_at,
            )
            for r in rows
        ]
    if not jobs:
        return 0
    # One recipient's messages one after another: the daily cap counts what was just sent.
    by_recipient: dict[tuple[str, str], list[Job]] = defaultdict(list)
    for job in jobs:
        by_recipient[(job.recipient_kind, job.recipient)].append(job)
    slots = asyncio.Semaphore(settings.message_concurrency)

    async def lane(queue: list[Job]) -> None:
        for job in queue:
            async with slots:
                await deliver(ctx, job, lease)

    await asyncio.gather(*(lane(queue) for queue in by_recipient.values()))
    return len(jobs)


async def deliver(ctx: ServiceContext, job: Job, claimed_lease: datetime) -> None:
    settings: NotificationSettings = ctx.settings
    policy: RespectPolicy = ctx.state[RESPECT_POLICY]
    now = ctx.clock.now()
    # The claim leased the whole batch; each message's lease is renewed when its turn comes, so a
    # slow batch never sends a message whose lease ran out and that another replica took over.
    lease = now + timedelta(seconds=settings.send_lease_seconds)
    preferences, verdict, counted = Preferences(), SEND, None
    async with ctx.db.session() as session, session.begin():
        if not await repository.renew_lease(session, job.id, claimed_lease, lease):
            log.info("message_lease_lost", message_id=job.id)
            return
        if job.recipient_kind == CUSTOMER:
            preferences = repository.preferences_of(await repository.preferences_row(session, job.recipient))
            verdict, counted = await _customer_decision(session, policy, preferences, job, now)
    async with ctx.db.session() as session:
        staff = (
            await repository.staff_member(session, job.recipient) if job.recipient_kind != CUSTOMER else None
        )
        text = {
            language: await repository.template_text(session, job.template, language)
            for language in LANGUAGES
        }
        # Addresses of this recipient that bounced, by digest: compared once the address is known.
        bounced = await repository.undeliverable_addresses(
            session, job.recipient_kind, job.recipient, job.channel)
    if verdict.outcome == Outcome.SUPPRESS:
        await _finish(ctx, job, lease, Status.SUPPRESSED, verdict.reason)
        return
    if verdict.outcome == Outcome.HOLD:
        await _hold(ctx, job, lease, verdict.until, verdict.reason)
        return
    try:
        composed = await compose(settings, policy, job, text, preferences, staff, ctx.state[LOOKUPS])
    except Unsendable as exc:
        await _finish(ctx, job, lease, Status.SUPPRESSED, str(exc), uncount=counted)
        return
    except LookupUnavailable as exc:
        await _retry(ctx, job, lease, f"lookup: {exc}", uncount=counted)
        return
    to = composed.outgoing.to
    digest = address_digest(settings.tracking_secret, job.channel, to) if to else None
    if digest in bounced:
        reason = undeliverable_reason(format_time(bounced[digest].bounced_at), bounced[digest].reason)
        await _finish(ctx, job, lease, Status.SUPPRESSED, reason, uncount=counted)
        return
    providers: Providers = ctx.state[PROVIDERS]
    try:
        await providers.send(composed.outgoing)
    except PermanentFailure as exc:
        await _finish(ctx, job, lease, Status.BOUNCED, str(exc), composed, uncount=counted, digest=digest)
    except TemporaryFailure as exc:
        await _retry(ctx, job, lease, str(exc), uncount=counted)
    else:
        await _finish(ctx, job, lease, Status.SENT, None, composed, digest=digest)


async def _customer_decision(
    session: AsyncSession, policy: RespectPolicy, preferences: Preferences, job: Job, now: datetime
) -> tuple[Verdict, date | None]:
    """May the message go now? When it may, it is counted under the daily cap in the caller's
    transaction, with the customer's count for the day locked: two replicas sending to the same
    customer at once take turns, so the cap holds across replicas. Returns the verdict and the
    business day the message was counted on (to give the place back if it does not go out)."""
    day = business_day(policy, now)
    sent_today = await repository.daily_sends_for_update(
        session, job.recipient, day, business_day_start(policy, now)
    )
    verdict = customer_verdict(policy, preferences, job.channel, job.priority, sent_today, now)
    if verdict.outcome != Outcome.SEND:
        return verdict, None
    # P1 matters are never held by the cap, but they are messages of the day all the same.
    await repository.count_send(session, job.recipient, day)
    return verdict, day


async def _finish(
    ctx: ServiceContext,
    job: Job,
    lease: datetime,
    status: Status,
    reason: str | None,
    composed: Composed | None = None,
    *,
    uncount: date | None = None,
    digest: str | None = None,
) -> None:
    async with ctx.db.session() as session, session.begin():
        row = await repository.message_for_update(session, job.id)
        if uncount is not None:
            await repository.uncount_send(session, job.recipient, uncount)
        if row is None or row.status != Status.QUEUED.value:
            return
        if row.lease_until != lease and status != Status.SENT:
            return  # our lease ran out and another replica took the message over
        if composed is not None:
            row.subject, row.body, row.language = (
                composed.template.subject,
                composed.template.body,
                composed.language,
            )
            row.attempts += 1
        if digest is not None:
            row.address_digest = digest
        await change_status(ctx, session, row, status, ctx.clock.now(), reason)
    log.info(
        "message_finished", message_id=job.id, status=status.value, channel=job.channel, template=job.template
    )


async def _hold(
    ctx: ServiceContext, job: Job, lease: datetime, until: datetime | None, reason: str | None
) -> None:
    async with ctx.db.session() as session, session.begin():
        row = await repository.message_for_update(session, job.id)
        if row is None or row.status != Status.QUEUED.value or row.lease_until != lease:
            return
        row.next_attempt_at, row.lease_until, row.reason = until, None, reason
        row.updated_at = ctx.clock.now()
        row.history = [
            *(row.history or []),
            {
                "status": "queued",
                "at": row.updated_at.isoformat(),
                "held_until": until.isoformat() if until else None,
                "reason": reason,
            },
        ]


async def _retry(
    ctx: ServiceContext, job: Job, lease: datetime, error: str, *, uncount: date | None = None
) -> None:
    settings: NotificationSettings = ctx.settings
    now = ctx.clock.now()
    async with ctx.db.session() as session, session.begin():
        row = await repository.message_for_update(session, job.id)
        if uncount is not None:
            await repository.uncount_send(session, job.recipient, uncount)
        if row is None or row.status != Status.QUEUED.value or row.lease_until != lease:
            return
        row.attempts += 1
        row.give_up_at = row.give_up_at or now + timedelta(seconds=settings.retry_window_seconds)
        row.last_error, row.lease_until, row.updated_at = error[:500], None, now
        at = next_attempt_at(
            row.attempts, now, row.give_up_at, settings.retry_base_seconds, settings.retry_max_seconds, row.id
        )
        if at is None:
            hours = settings.retry_window_seconds / 3600
            await change_status(
                ctx,
                session,
                row,
                Status.FAILED,
                now,
                f"gave up after {row.attempts} attempts in {hours:g} h; last: {error[:200]}",
            )
            return
        row.next_attempt_at = at
    MESSAGE_RETRIES.labels(job.channel).inc()
    log.info(
        "message_retry", message_id=job.id, attempt=job.attempts + 1, channel=job.channel, error=error[:200]
    )


def make_lookups(settings: NotificationSettings, http) -> PlatformLookups:
    return PlatformLookups(settings, http)
