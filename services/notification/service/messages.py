"""Use cases on the delivery log: read it, provider receipts, signed opens and clicks, and the
one-click unsubscribe."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository, schemas
from services.notification.domain import tracking
from services.notification.domain.delivery import Status
from services.notification.domain.respect import CUSTOMER_CHANNELS
from services.notification.models import MessageRow
from services.notification.service import directory
from services.notification.service.statuses import change_status
from shared.access import Scope
from shared.app import ServiceContext
from shared.auth import Caller
from shared.errors import InvalidInput, NotFound
from shared.pagination import Page, page_of


def message_out(row: MessageRow, caller: Caller) -> schemas.MessageOut:
    # The text carries the contact's name and, for invitations, the answering link: personal.
    clear = caller.can_read_pii
    return schemas.MessageOut(
        id=row.id,
        customer_id=row.customer_id,
        recipient_kind=row.recipient_kind,
        recipient=row.recipient,
        channel=row.channel,
        template=row.template,
        language=row.language,
        priority=row.priority,
        status=row.status,
        reason=row.reason,
        trigger_event_id=row.trigger_event_id,
        trigger_event_type=row.trigger_event_type,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if row.status == Status.QUEUED else None,
        last_error=row.last_error,
        subject=row.subject if clear else None,
        body=row.body if clear else None,
        history=list(row.history or []),
        created_at=row.created_at,
        sent_at=row.sent_at,
        delivered_at=row.delivered_at,
        opened_at=row.opened_at,
        clicked_at=row.clicked_at,
        redacted_at=row.redacted_at,
    )


async def list_messages(
    session: AsyncSession,
    customer_id: str | None,
    status: str | None,
    limit: int,
    cursor: str | None,
    scope: Scope,
) -> Page[schemas.MessageOut]:
    """Newest first, of the messages in the caller's scope."""
    caller = scope.caller
    async with session.begin():
        rows = await repository.list_messages(session, customer_id, status, limit, cursor, scope)
    page = page_of(rows, limit, lambda r: repository.position(r.created_at, r.id))
    return Page[schemas.MessageOut](
        items=[message_out(r, caller) for r in page.items], next_cursor=page.next_cursor
    )


async def get_message(session: AsyncSession, message_id: str, caller: Caller) -> schemas.MessageOut:
    async with session.begin():
        row = await repository.message(session, message_id)
        if row is None:
            raise NotFound(f"message {message_id!r} does not exist", field="id")
        return message_out(row, caller)


async def record_receipt(
    ctx: ServiceContext, session: AsyncSession, message_id: str, body: schemas.ReceiptIn, caller: Caller
) -> schemas.MessageOut:
    """A provider's delivery receipt or bounce for a message it accepted."""
    async with session.begin():
        row = await repository.message_for_update(session, message_id)
        if row is None:
            raise NotFound(f"message {message_id!r} does not exist", field="id")
        if row.status == Status.QUEUED.value:
            raise InvalidInput("the message was not sent yet", field="status")
        await change_status(ctx, session, row, Status(body.status), ctx.clock.now(), body.reason)
        return message_out(row, caller)


async def track(
    ctx: ServiceContext, session: AsyncSession, message_id: str, signature: str, target: str | None = None
) -> bool:
    """Record an open (no target) or a click on `target` from a signed link; False for a forged
    or unknown link."""
    purpose, what = ("open", Status.OPENED) if target is None else ("click", Status.CLICKED)
    parts = (message_id,) if target is None else (message_id, target)
    if not tracking.signed(ctx.settings.tracking_secret, signature, purpose, *parts):
        return False
    async with session.begin():
        row = await repository.message_for_update(session, message_id)
        if row is None:
            return False
        await change_status(ctx, session, row, what, ctx.clock.now())
    return True


async def unsubscribe(ctx: ServiceContext, session: AsyncSession, key: str) -> tuple[str, str]:
    """Opt the customer out of the channel the link was sent on; (customer id, channel)."""
    found = tracking.read_unsubscribe_key(ctx.settings.tracking_secret, key)
    if found is None or found[1] not in CUSTOMER_CHANNELS:
        raise NotFound("this unsubscribe link is not valid", field="key")
    customer_id, channel = found
    await directory.opt_out(session, customer_id, channel, "unsubscribe-link")
    return customer_id, channel
