"""Partner webhook subscriptions (docs/design.md §10, §12, §14), an admin's work: subscribe (the
signing secret shown this once), unsubscribe, a subscription's delivery log, secret rotation (the
new secret shown once) and a replay of what happened since a time. Managers may look."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import WEBHOOK_EDITORS
from services.console.pages.settings_forms import (
    errors_of,
    posted_form,
    see_settings,
    settings_page,
    status_of,
    webhook_editor,
)
from services.console.service import webhooks
from services.console.service.gateway import Outcome, Result
from services.console.service.sessions import ConsoleUser
from services.console.web import gateway_of
from shared.contract import PRODUCERS

router = APIRouter(include_in_schema=False)
SUBSCRIBE_FIELDS = ["url", "event_types", "description"]


async def _list_page(
    request: Request,
    user: ConsoleUser,
    *,
    result: Result | None = None,
    created=None,
    values=None,
    notice=None,
) -> Response:
    current = await webhooks.subscriptions(gateway_of(request), user)
    return settings_page(
        request,
        "settings_webhooks.html",
        user,
        current=current,
        created=created,
        values=values or {},
        notice=notice,
        event_types=sorted(PRODUCERS),
        webhook_editor=bool(user.roles & WEBHOOK_EDITORS),
        errors=errors_of(result, SUBSCRIBE_FIELDS) if result else {},
        status_code=status_of(result) if result else 200,
    )


@router.get("/settings/webhooks")
async def webhooks_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _list_page(request, user)


@router.post("/settings/webhooks")
async def webhook_create(request: Request, user: ConsoleUser = Depends(webhook_editor)) -> Response:
    form = await request.form()
    url, event_types = str(form.get("url", "")), [str(v) for v in form.getlist("event_types")]
    description = str(form.get("description", ""))
    result = await webhooks.subscribe(gateway_of(request), user, url, event_types, description)
    return await _list_page(
        request,
        user,
        result=result,
        created=result.data if result.ok else None,
        values={} if result.ok else {"url": url, "event_types": event_types, "description": description},
    )


@router.post("/settings/webhooks/{webhook_id}/delete")
async def webhook_delete(
    request: Request, webhook_id: str, user: ConsoleUser = Depends(webhook_editor)
) -> Response:
    result = await webhooks.unsubscribe(gateway_of(request), user, webhook_id)
    return await _list_page(request, user, result=result, notice="settings.deleted" if result.ok else None)


async def _detail_page(
    request: Request,
    user: ConsoleUser,
    webhook_id: str,
    *,
    status: str | None = None,
    cursor: str | None = None,
    result: Result | None = None,
    secret: str | None = None,
    replayed=None,
    values=None,
) -> Response:
    detail = await webhooks.subscription_detail(gateway_of(request), user, webhook_id, status, cursor)
    code = status_of(result) if result else 200
    if detail.subscription.outcome is Outcome.NOT_FOUND:
        code = 404
    return settings_page(
        request,
        "settings_webhook.html",
        user,
        webhook_id=webhook_id,
        detail=detail,
        statuses=webhooks.DELIVERY_STATUSES,
        webhook_editor=bool(user.roles & WEBHOOK_EDITORS),
        secret=secret,
        replayed=replayed,
        values=values or {},
        errors=errors_of(result, ["since"]) if result else {},
        status_code=code,
    )


@router.get("/settings/webhooks/{webhook_id}")
async def webhook_page(
    request: Request,
    webhook_id: str,
    status: str | None = None,
    cursor: str | None = None,
    user: ConsoleUser = Depends(see_settings),
) -> Response:
    return await _detail_page(request, user, webhook_id, status=status, cursor=cursor)


@router.post("/settings/webhooks/{webhook_id}/rotate-secret")
async def webhook_rotate(
    request: Request, webhook_id: str, user: ConsoleUser = Depends(webhook_editor)
) -> Response:
    result = await webhooks.rotate_secret(gateway_of(request), user, webhook_id)
    secret = result.data.get("secret") if result.ok else None
    return await _detail_page(request, user, webhook_id, result=result, secret=secret)


@router.post("/settings/webhooks/{webhook_id}/replay")
async def webhook_replay(
    request: Request, webhook_id: str, user: ConsoleUser = Depends(webhook_editor)
) -> Response:
    form = await posted_form(request)
    result = await webhooks.replay(gateway_of(request), user, webhook_id, form.get("since", ""))
    return await _detail_page(
        request,
        user,
        webhook_id,
        result=result,
        replayed=result.data if result.ok else None,
        values=form,
    )
