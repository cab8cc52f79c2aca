"""Settings, for the roles allowed: scoring model with dry run, SLA tables, calendar, rules, contact
policy, webhook subscriptions (docs/design.md §12). Analysts look and dry-run; managers and admins
change; webhook subscriptions are an admin's."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import SETTINGS_EDITORS, WEBHOOK_EDITORS, Page
from services.console.domain.forms import errors_for_fields, field_errors
from services.console.service import configuration as config
from services.console.service.gateway import Result
from services.console.service.sessions import ConsoleUser
from services.console.web import PageForbidden, csrf_protected, gateway_of, page_access, render
from shared.contract import PRODUCERS

router = APIRouter(include_in_schema=False)
see_settings = page_access(Page.SETTINGS)


async def editor(
    user: ConsoleUser = Depends(csrf_protected), _: ConsoleUser = Depends(see_settings)
) -> ConsoleUser:
    if not user.roles & SETTINGS_EDITORS:
        raise PageForbidden()
    return user


async def dry_runner(
    user: ConsoleUser = Depends(csrf_protected), _: ConsoleUser = Depends(see_settings)
) -> ConsoleUser:
    return user  # analysts too: a dry run changes nothing


async def webhook_editor(
    user: ConsoleUser = Depends(csrf_protected), _: ConsoleUser = Depends(see_settings)
) -> ConsoleUser:
    if not user.roles & WEBHOOK_EDITORS:
        raise PageForbidden()
    return user


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items() if k != "csrf_token"}


def _status(result: Result) -> int:
    return 200 if result.ok else (503 if result.outcome.value == "unavailable" else (result.status or 422))


def _errors(result: Result, fields: list[str]) -> dict[str, str]:
    if result.ok:
        return {}
    if result.outcome.value == "unavailable":
        return {"body": "unavailable"}
    return errors_for_fields(field_errors(result.problem), fields)


def _page(request: Request, template: str, user: ConsoleUser, **context: Any) -> Response:
    status = context.pop("status_code", 200)
    context.setdefault("errors", {})
    context.setdefault("notice", None)
    return render(
        request, template, {"editor": bool(user.roles & SETTINGS_EDITORS), **context}, status_code=status
    )


@router.get("/settings")
async def settings_index(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return _page(request, "settings_index.html", user, webhook_editor=bool(user.roles & WEBHOOK_EDITORS))


# --- scoring model -----------------------------------------------------------------------------


async def _model_page(
    request: Request,
    user: ConsoleUser,
    *,
    values=None,
    result: Result | None = None,
    dry_run=None,
    notice=None,
) -> Response:
    current = await config.scoring_model(gateway_of(request), user)
    if values is None and current.ok:
        values = config.model_form(current.data)
    return _page(
        request,
        "settings_model.html",
        user,
        current=current,
        values=values or {},
        dry_run=dry_run,
        notice=notice,
        factors=config.FACTORS,
        tiers=config.THRESHOLD_TIERS,
        errors=_errors(result, config.MODEL_FIELDS) if result else {},
        status_code=_status(result) if result else 200,
    )


@router.get("/settings/scoring-model")
async def model_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _model_page(request, user)


@router.post("/settings/scoring-model/dry-run")
async def model_dry_run(request: Request, user: ConsoleUser = Depends(dry_runner)) -> Response:
    form = await _form(request)
    result = await config.model_dry_run(gateway_of(request), user, form)
    return await _model_page(
        request, user, values=form, result=result, dry_run=result.data if result.ok else None
    )


@router.post("/settings/scoring-model")
async def model_apply(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await _form(request)
    result = await config.apply_model(gateway_of(request), user, form)
    return await _model_page(
        request,
        user,
        values=None if result.ok else form,
        result=result,
        notice="settings.model_applied" if result.ok else None,
    )


# --- SLA and calendar --------------------------------------------------------------------------


async def _sla_page(
    request: Request, user: ConsoleUser, *, values=None, result: Result | None = None, notice=None
) -> Response:
    current = await config.sla_policy(gateway_of(request), user)
    if values is None and current.ok:
        values = config.sla_form(current.data)
    return _page(
        request,
        "settings_sla.html",
        user,
        current=current,
        values=values or {},
        notice=notice,
        priorities=config.PRIORITIES,
        tiers=config.TIERS,
        errors=_errors(result, config.SLA_FIELDS) if result else {},
        status_code=_status(result) if result else 200,
    )


@router.get("/settings/sla")
async def sla_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _sla_page(request, user)


@router.post("/settings/sla")
async def sla_save(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await _form(request)
    result = await config.save_sla_policy(gateway_of(request), user, form)
    return await _sla_page(
        request,
        user,
        values=None if result.ok else form,
        result=result,
        notice="settings.saved" if result.ok else None,
    )


async def _calendar_page(
    request: Request, user: ConsoleUser, *, values=None, result: Result | None = None, notice=None
) -> Response:
    current = await config.calendar(gateway_of(request), user)
    if values is None and current.ok:
        values = config.calendar_form(current.data)
    return _page(
        request,
        "settings_calendar.html",
        user,
        current=current,
        values=values or {},
        notice=notice,
        errors=_errors(result, config.CALENDAR_FIELDS) if result else {},
        status_code=_status(result) if result else 200,
    )


@router.get("/settings/calendar")
async def calendar_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _calendar_page(request, user)


@router.post("/settings/calendar")
async def calendar_save(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await _form(request)
    result = await config.save_calendar(gateway_of(request), user, form)
    return await _calendar_page(
        request,
        user,
        values=None if result.ok else form,
        result=result,
        notice="settings.saved" if result.ok else None,
    )


# --- rules and contact policy ------------------------------------------------------------------


@router.get("/settings/rules")
async def rules_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    current = await config.rules(gateway_of(request), user)
    return _page(
        request, "settings_rules.html", user, current=current, pretty=config.pretty, editing=None, text=""
    )


@router.post("/settings/rules/{rule_id}")
async def rule_save(request: Request, rule_id: str, user: ConsoleUser = Depends(editor)) -> Response:
    text = (await _form(request)).get("rule", "")
    result = await config.save_rule(gateway_of(request), user, rule_id, text)
    current = await config.rules(gateway_of(request), user)
    return _page(
        request,
        "settings_rules.html",
        user,
        current=current,
        pretty=config.pretty,
        editing=None if result.ok else rule_id,
        text=text,
        errors=_errors(result, ["rule"]),
        notice="settings.saved" if result.ok else None,
        status_code=_status(result),
    )


@router.get("/settings/contact-policy")
async def policy_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    current = await config.contact_policy(gateway_of(request), user)
    text = config.pretty(current.data["policy"]) if current.ok else ""
    return _page(request, "settings_policy.html", user, current=current, text=text)


@router.post("/settings/contact-policy")
async def policy_save(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    text = (await _form(request)).get("policy", "")
    result = await config.save_contact_policy(gateway_of(request), user, text)
    current = await config.contact_policy(gateway_of(request), user)
    if result.ok and current.ok:
        text = config.pretty(current.data["policy"])
    return _page(
        request,
        "settings_policy.html",
        user,
        current=current,
        text=text,
        errors=_errors(result, ["policy"]),
        notice="settings.saved" if result.ok else None,
        status_code=_status(result),
    )


# --- webhooks ----------------------------------------------------------------------------------


async def _webhooks_page(
    request: Request,
    user: ConsoleUser,
    *,
    result: Result | None = None,
    created=None,
    values=None,
    notice=None,
) -> Response:
    current = await config.webhooks(gateway_of(request), user)
    return _page(
        request,
        "settings_webhooks.html",
        user,
        current=current,
        created=created,
        values=values or {},
        notice=notice,
        event_types=sorted(PRODUCERS),
        webhook_editor=bool(user.roles & WEBHOOK_EDITORS),
        errors=_errors(result, ["url", "event_types"]) if result else {},
        status_code=_status(result) if result else 200,
    )


@router.get("/settings/webhooks")
async def webhooks_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _webhooks_page(request, user)


@router.post("/settings/webhooks")
async def webhook_create(request: Request, user: ConsoleUser = Depends(webhook_editor)) -> Response:
    form = await request.form()
    url, event_types = str(form.get("url", "")), [str(v) for v in form.getlist("event_types")]
    result = await config.subscribe(gateway_of(request), user, url, event_types)
    return await _webhooks_page(
        request,
        user,
        result=result,
        created=result.data if result.ok else None,
        values={"url": url, "event_types": event_types},
    )


@router.post("/settings/webhooks/{webhook_id}/delete")
async def webhook_delete(
    request: Request, webhook_id: str, user: ConsoleUser = Depends(webhook_editor)
) -> Response:
    result = await config.unsubscribe(gateway_of(request), user, webhook_id)
    return await _webhooks_page(
        request, user, result=result, notice="settings.deleted" if result.ok else None
    )
