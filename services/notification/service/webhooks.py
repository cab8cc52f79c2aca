"""Use cases of partner webhook subscriptions (docs/design.md §10, §14): subscribe, list, read, delete,
deliveries, replay from a time, secret rotation with overlap."""

from __future__ import annotations

import base64
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository, schemas
from services.notification.domain.webhooks import SECRET_PREFIX, WebhookProblem, check_event_types, check_url
from services.notification.models import WebhookSubscriptionRow
from services.notification.service.intake import DISPATCHER_WAKEUP, wake_after_commit
from services.notification.settings import NotificationSettings
from shared import audit
from shared.app import ServiceContext
from shared.auth import Caller
from shared.errors import InvalidInput, NotFound
from shared.events.envelope import known_event_types
from shared.pagination import Page, page_of

REPLAY_LIMIT = 100_000


def new_secret() -> str:
    """`whsec_` + 32 random bytes, base64: the Standard Webhooks secret format."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def webhook_out(row: WebhookSubscriptionRow, now: datetime) -> schemas.WebhookOut:
    overlap = row.previous_secret_expires_at
    return schemas.WebhookOut(
        id=row.id,
        url=row.url,
        description=row.description,
        event_types=list(row.event_types),
        status=row.status,
        disabled_reason=row.disabled_reason,
        disabled_at=row.disabled_at,
        failing_since=row.failing_since,
        consecutive_failures=row.consecutive_failures,
        last_success_at=row.last_success_at,
        previous_secret_expires_at=overlap if overlap and overlap > now else None,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def _with_secret(row: WebhookSubscriptionRow, now: datetime) -> schemas.WebhookWithSecretOut:
    return schemas.WebhookWithSecretOut(**webhook_out(row, now).model_dump(), secret=row.secret)


async def subscribe(
    ctx: ServiceContext, session: AsyncSession, body: schemas.WebhookIn, caller: Caller
) -> schemas.WebhookWithSecretOut:
    settings: NotificationSettings = ctx.settings
    try:
        url = check_url(body.url.strip(), private_allowed=settings.private_targets_allowed)
        event_types = check_event_types(body.event_types, known_event_types())
    except WebhookProblem as exc:
        raise InvalidInput(exc.message, field=exc.field) from exc
    now = ctx.clock.now()
    row = WebhookSubscriptionRow(
        id=str(uuid.uuid4()),
        url=url,
        description=body.description,
        event_types=event_types,
        secret=new_secret(),
        status="active",
        consecutive_failures=0,
        created_by=caller.subject,
        created_at=now,
        updated_at=now,
    )
    async with session.begin():
        session.add(row)
        await audit.record(session, caller.subject, audit.AuditAction.CREATED, "webhook-subscription", row.id,
                           now, after={"url": url, "event_types": event_types,
                                       "description": body.description})
    return _with_secret(row, now)


async def _get(
    session: AsyncSession, subscription_id: str, *, for_update: bool = False
) -> WebhookSubscriptionRow:
    row = await repository.subscription(session, subscription_id, for_update=for_update)
    if row is None:
        raise NotFound(f"webhook subscription {subscription_id!r} does not exist", field="id")
    return row


async def get(session: AsyncSession, subscription_id: str) -> schemas.WebhookOut:
    async with session.begin():
        return webhook_out(await _get(session, subscription_id), datetime.now(UTC))


async def list_all(session: AsyncSession, limit: int, cursor: str | None) -> Page[schemas.WebhookOut]:
    async with session.begin():
        rows = await repository.subscriptions(session, limit, cursor)
    page = page_of(rows, limit, lambda r: repository.position(r.created_at, r.id))
    now = datetime.now(UTC)
    return Page[schemas.WebhookOut](
        items=[webhook_out(r, now) for r in page.items], next_cursor=page.next_cursor
    )


async def delete(session: AsyncSession, subscription_id: str, actor: str) -> None:
    """Deleted: nothing more is sent; its deliveries log stays readable to admins."""
    async with session.begin():
        row = await _get(session, subscription_id, for_update=True)
        row.status, row.updated_at = "deleted", datetime.now(UTC)
        await audit.record(session, actor, audit.AuditAction.DELETED, "webhook-subscription", row.id,
                           row.updated_at, before={"url": row.url, "event_types": row.event_types})


async def delivery_log(
    session: AsyncSession, subscription_id: str, status: str | None, limit: int, cursor: str | None
) -> Page[schemas.DeliveryOut]:
    async with session.begin():
        await _get(session, subscription_id)
        rows = await repository.deliveries(session, subscription_id, status, limit, cursor)
    page = page_of(rows, limit, lambda r: repository.position(r.created_at, r.id))
    return Page[schemas.DeliveryOut](
        items=[
            schemas.DeliveryOut(
                id=r.id,
                event_id=r.event_id,
                event_type=r.event_type,
                origin=r.origin,
                status=r.status,
                attempts=r.attempts,
                next_attempt_at=r.next_attempt_at if r.status == "pending" else None,
                last_status_code=r.last_status_code,
                last_error=r.last_error,
                created_at=r.created_at,
                delivered_at=r.delivered_at,
            )
            for r in page.items
        ],
        next_cursor=page.next_cursor,
    )


async def replay(
    ctx: ServiceContext, session: AsyncSession, subscription_id: str, since: datetime
) -> schemas.ReplayOut:
    """Every logged event of the subscription's types from `since`, queued again (new deliveries
    with their original ids: receivers that deduplicate on `webhook-id` see them as repeats)."""
    settings: NotificationSettings = ctx.settings
    now = ctx.clock.now()
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    if since > now:
        raise InvalidInput("since is in the future", field="since")
    replay_id = str(uuid.uuid4())
    async with session.begin():
        row = await _get(session, subscription_id)
        if row.status != "active":
            raise InvalidInput("the subscription is disabled; subscribe the fixed receiver again", field="id")
        events = await repository.logged_events_since(session, list(row.event_types), since, REPLAY_LIMIT)
        await repository.insert_deliveries(
            session,
            [
                {
                    "subscription_id": row.id,
                    "event_id": event_id,
                    "event_type": event_type,
                    "origin": f"replay:{replay_id}",
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for event_id, event_type in events
            ],
        )
        wake_after_commit(ctx, session, DISPATCHER_WAKEUP)
    return schemas.ReplayOut(
        replay_id=replay_id,
        since=since,
        events=len(events),
        log_kept_since=now - timedelta(days=settings.event_log_retention_days),
    )


async def rotate_secret(
    ctx: ServiceContext, session: AsyncSession, subscription_id: str
) -> schemas.WebhookWithSecretOut:
    """A new secret signs from now on; the old one also signs for the overlap (24 h by default),
    so the receiver can switch without losing a delivery."""
    settings: NotificationSettings = ctx.settings
    now = ctx.clock.now()
    async with session.begin():
        row = await _get(session, subscription_id, for_update=True)
        row.previous_secret = row.secret
        row.previous_secret_expires_at = now + timedelta(seconds=settings.webhook_secret_overlap_seconds)
        row.secret, row.updated_at = new_secret(), now
    return _with_secret(row, now)
