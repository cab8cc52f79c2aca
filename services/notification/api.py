"""Authenticated routes of the notification service (docs/design.md §14): webhooks, the delivery log,
contact preferences, the staff directory, templates."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification import repository, schemas
from services.notification.domain.bounces import UnreadableDsn
from services.notification.service import bounces, directory, messages, webhooks
from shared.access import Scope, scoped, scoped_object
from shared.auth import READERS, Caller, Role, require
from shared.db import db_session
from shared.errors import InvalidInput, UnsupportedMediaType
from shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from shared.preconditions import ETags, IfMatch, if_match, response_etags

router = APIRouter(prefix="/v1")
read = require(*READERS)
manage = require()  # manager and admin
admin = require(admin_only=True)
# Messages and a contact's preferences hang off customers: account managers and agents within their
# scope, never analysts (docs/design.md §11); out of scope, they answer 404.
messages_scope = scoped(Role.ACCOUNT_MANAGER, Role.AGENT)
on_message = scoped_object("message_id", repository.message_in_scope, "message",
                           Role.ACCOUNT_MANAGER, Role.AGENT)
on_customer = scoped_object("customer_id", repository.customer_in_scope, "customer", Role.ACCOUNT_MANAGER)


def _ctx(request: Request):
    return request.app.state.ctx


# --- webhooks ----------------------------------------------------------------------------------


@router.post(
    "/webhooks",
    response_model=schemas.WebhookWithSecretOut,
    status_code=201,
    tags=["webhooks"],
    summary="Subscribe a URL to event types; the whsec_ secret is shown this once",
)
async def create_webhook(
    body: schemas.WebhookIn,
    request: Request,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(admin),
) -> schemas.WebhookWithSecretOut:
    return await webhooks.subscribe(_ctx(request), session, body, caller)


@router.get(
    "/webhooks",
    response_model=Page[schemas.WebhookOut],
    tags=["webhooks"],
    summary="Webhook subscriptions, newest first (secrets are never shown again)",
)
async def list_webhooks(
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage),
) -> Page[schemas.WebhookOut]:
    return await webhooks.list_all(session, limit, cursor)


@router.get(
    "/webhooks/{subscription_id}",
    response_model=schemas.WebhookOut,
    tags=["webhooks"],
    summary="One subscription: status, why it was disabled, failures",
)
async def get_webhook(
    subscription_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage)
) -> schemas.WebhookOut:
    return await webhooks.get(session, subscription_id)


@router.delete(
    "/webhooks/{subscription_id}",
    status_code=204,
    tags=["webhooks"],
    summary="Unsubscribe: nothing more is sent",
)
async def delete_webhook(
    subscription_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(admin)
) -> Response:
    await webhooks.delete(session, subscription_id, caller.subject)
    return Response(status_code=204)


@router.get(
    "/webhooks/{subscription_id}/deliveries",
    response_model=Page[schemas.DeliveryOut],
    tags=["webhooks"],
    summary="The delivery log of a subscription, newest first",
)
async def list_deliveries(
    subscription_id: str,
    delivery_status: str | None = Query(None, alias="status", pattern="^(pending|delivered|failed)$"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage),
) -> Page[schemas.DeliveryOut]:
    return await webhooks.delivery_log(session, subscription_id, delivery_status, limit, cursor)


@router.post(
    "/webhooks/{subscription_id}/replay",
    response_model=schemas.ReplayOut,
    status_code=202,
    tags=["webhooks"],
    summary="Send again every subscribed event that occurred since a time",
)
async def replay_webhook(
    subscription_id: str,
    body: schemas.ReplayIn,
    request: Request,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(admin),
) -> schemas.ReplayOut:
    return await webhooks.replay(_ctx(request), session, subscription_id, body.since)


@router.post(
    "/webhooks/{subscription_id}/rotate-secret",
    response_model=schemas.WebhookWithSecretOut,
    tags=["webhooks"],
    summary="A new secret; the old one keeps signing during the overlap",
)
async def rotate_webhook_secret(
    subscription_id: str,
    request: Request,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(admin),
) -> schemas.WebhookWithSecretOut:
    return await webhooks.rotate_secret(_ctx(request), session, subscription_id)


# --- messages ----------------------------------------------------------------------------------


@router.get(
    "/messages",
    response_model=Page[schemas.MessageOut],
    tags=["messages"],
    summary="The delivery log, newest first, by customer and status",
)
async def list_messages(
    customer_id: str | None = Query(None, max_length=64),
    message_status: schemas.MessageStatus | None = Query(None, alias="status"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None,
    session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(messages_scope),
) -> Page[schemas.MessageOut]:
    return await messages.list_messages(session, customer_id, message_status, limit, cursor, scope)


@router.get(
    "/messages/{message_id}",
    response_model=schemas.MessageOut,
    tags=["messages"],
    summary="One message: status, history, why suppressed or held",
)
async def get_message(
    message_id: str, session: AsyncSession = Depends(db_session), scope: Scope = Depends(on_message)
) -> schemas.MessageOut:
    return await messages.get_message(session, message_id, scope.caller)


@router.post(
    "/messages/{message_id}/receipts",
    response_model=schemas.MessageOut,
    tags=["messages"],
    summary="A provider's delivery receipt or bounce for a sent message",
)
async def post_receipt(
    message_id: str,
    body: schemas.ReceiptIn,
    request: Request,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(admin),
) -> schemas.MessageOut:
    return await messages.record_receipt(_ctx(request), session, message_id, body, caller)


DSN_MEDIA_TYPE = "message/rfc822"


@router.post(
    "/inbound/bounces",
    response_model=schemas.BounceOut,
    tags=["messages"],
    summary="A delivery status notification (RFC 3464) about a sent message, as the raw mail "
    "(message/rfc822): a permanent failure bounces it, a delay is noted (applied once)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {DSN_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def post_bounce(request: Request, caller: Caller = Depends(admin)) -> schemas.BounceOut:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != DSN_MEDIA_TYPE:
        raise UnsupportedMediaType(f"send the report as {DSN_MEDIA_TYPE}", field="Content-Type")
    ctx = _ctx(request)
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > ctx.settings.bounce_max_bytes:
            raise InvalidInput(f"the report is over {ctx.settings.bounce_max_bytes} bytes", field="body")
    try:
        applied = await bounces.apply_dsn(ctx, bytes(raw))
    except UnreadableDsn as exc:
        raise InvalidInput(str(exc), field="body") from exc
    return schemas.BounceOut(
        message_id=applied.message_id,
        outcome=applied.outcome,
        dsn_status=applied.dsn_status,
        changed=applied.changed,
        message_status=applied.message_status,
    )


# --- preferences -------------------------------------------------------------------------------


@router.get(
    "/contacts/{customer_id}/preferences",
    response_model=schemas.PreferencesOut,
    tags=["preferences"],
    summary="A customer contact's consent, opt-outs per channel and preferred channel (with its ETag)",
)
async def get_preferences(
    customer_id: schemas.CustomerId,
    request: Request,
    session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
    etags: ETags = Depends(response_etags),
) -> schemas.PreferencesOut:
    return etags.tag(await directory.get_preferences(_ctx(request), session, customer_id))


@router.put(
    "/contacts/{customer_id}/preferences",
    response_model=schemas.PreferencesOut,
    tags=["preferences"],
    summary="Replace a contact's consent, opt-outs, preferred channel and language (If-Match: 412 "
    "when they changed since read)",
)
async def put_preferences(
    customer_id: schemas.CustomerId,
    body: schemas.PreferencesIn,
    request: Request,
    session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
    precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.PreferencesOut:
    view = await directory.put_preferences(
        _ctx(request), session, customer_id, body, scope.actor, precondition
    )
    return etags.tag(view)


# --- staff directory and templates -------------------------------------------------------------


@router.get(
    "/staff",
    response_model=schemas.StaffList,
    tags=["staff"],
    summary="The staff directory: who receives escalations, actions, digests and reports",
)
async def list_staff(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage)
) -> schemas.StaffList:
    return await directory.list_staff(session, caller)


@router.put(
    "/staff/{staff_id}",
    response_model=schemas.StaffOut,
    tags=["staff"],
    summary="Add or replace a staff member (address, language, channel, groups)",
)
async def put_staff(
    staff_id: schemas.StaffId,
    body: schemas.StaffIn,
    response: Response,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(admin),
) -> schemas.StaffOut:
    out, created = await directory.put_staff(session, staff_id, body, caller)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return out


@router.delete("/staff/{staff_id}", status_code=204, tags=["staff"], summary="Remove a staff member")
async def delete_staff(
    staff_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(admin)
) -> Response:
    await directory.delete_staff(session, staff_id, caller.subject)
    return Response(status_code=204)


@router.get(
    "/templates",
    response_model=schemas.TemplateList,
    tags=["templates"],
    summary="Every message template in zh-CN and en, with the variables it may use",
)
async def list_templates(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage)
) -> schemas.TemplateList:
    return await directory.list_templates(session)


@router.put(
    "/templates/{name}/{language}",
    response_model=schemas.TemplateOut,
    tags=["templates"],
    summary="Replace a template; it must render with its variables (else 422 naming the field)",
)
async def put_template(
    name: str,
    language: str,
    body: schemas.TemplateIn,
    session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(admin),
) -> schemas.TemplateOut:
    return await directory.put_template(session, name, language, body, caller.subject)
