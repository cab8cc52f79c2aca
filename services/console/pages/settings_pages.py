"""Settings, for the roles allowed: scoring model with dry run, SLA tables, calendar, rules, contact
policy (docs/design.md §12). Analysts look and dry-run; managers and admins change. Webhook
subscriptions are in webhook_pages.py, the calendar's own settings in settings_documents.py.

Every form carries the ETag of the version it shows (hidden `if_match`); a save sends it back as
If-Match, so a version saved by someone else in between is refused with the reason shown next to
the form and the input kept."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import CALENDAR_EDITORS, WEBHOOK_EDITORS
from services.console.domain.documents import DOCUMENTS
from services.console.pages.settings_forms import (
    dry_runner,
    editor,
    errors_of,
    posted_form,
    see_settings,
    settings_page,
    status_of,
)
from services.console.service import configuration as config
from services.console.service.gateway import Result
from services.console.service.sessions import ConsoleUser
from services.console.web import gateway_of

router = APIRouter(include_in_schema=False)


@router.get("/settings")
async def settings_index(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return settings_page(
        request,
        "settings_index.html",
        user,
        webhook_editor=bool(user.roles & WEBHOOK_EDITORS),
        calendar_editor=bool(user.roles & CALENDAR_EDITORS),
        documents=list(DOCUMENTS),
    )


def _outcome(result: Result | None, fields: list[str]) -> dict:
    """What a page shows of a save: errors on the fields and its status (none for a plain read)."""
    if result is None:
        return {"errors": {}, "status_code": 200}
    return {"errors": errors_of(result, fields), "status_code": status_of(result)}


# --- scoring model -----------------------------------------------------------------------------


async def _model_page(
    request: Request, user: ConsoleUser, *, values=None, result: Result | None = None, dry_run=None,
    notice=None,
) -> Response:
    current = await config.scoring_model(gateway_of(request), user)
    if values is None and current.ok:
        values = config.model_form(current.data)
    return settings_page(
        request,
        "settings_model.html",
        user,
        current=current,
        values=values or {},
        dry_run=dry_run,
        notice=notice,
        factors=config.FACTORS,
        tiers=config.THRESHOLD_TIERS,
        **_outcome(result, config.MODEL_FIELDS),
    )


@router.get("/settings/scoring-model")
async def model_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _model_page(request, user)


@router.post("/settings/scoring-model/dry-run")
async def model_dry_run(request: Request, user: ConsoleUser = Depends(dry_runner)) -> Response:
    form = await posted_form(request)
    result = await config.model_dry_run(gateway_of(request), user, form)
    return await _model_page(
        request, user, values=form, result=result, dry_run=result.data if result.ok else None
    )


@router.post("/settings/scoring-model")
async def model_apply(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await posted_form(request)
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
    return settings_page(
        request,
        "settings_sla.html",
        user,
        current=current,
        values=values or {},
        notice=notice,
        priorities=config.PRIORITIES,
        tiers=config.TIERS,
        **_outcome(result, config.SLA_FIELDS),
    )


@router.get("/settings/sla")
async def sla_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _sla_page(request, user)


@router.post("/settings/sla")
async def sla_save(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await posted_form(request)
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
    return settings_page(
        request,
        "settings_calendar.html",
        user,
        current=current,
        values=values or {},
        notice=notice,
        **_outcome(result, config.CALENDAR_FIELDS),
    )


@router.get("/settings/calendar")
async def calendar_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    return await _calendar_page(request, user)


@router.post("/settings/calendar")
async def calendar_save(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await posted_form(request)
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
    return settings_page(
        request, "settings_rules.html", user, current=current, pretty=config.pretty, editing=None, text=""
    )


@router.post("/settings/rules/{rule_id}")
async def rule_save(request: Request, rule_id: str, user: ConsoleUser = Depends(editor)) -> Response:
    form = await posted_form(request)
    result = await config.save_rule(gateway_of(request), user, rule_id, form)
    current = await config.rules(gateway_of(request), user)
    return settings_page(
        request,
        "settings_rules.html",
        user,
        current=current,
        pretty=config.pretty,
        editing=None if result.ok else rule_id,
        text=form.get("rule", ""),
        notice="settings.saved" if result.ok else None,
        **_outcome(result, ["rule"]),
    )


@router.get("/settings/contact-policy")
async def policy_page(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
    current = await config.contact_policy(gateway_of(request), user)
    text = config.pretty(current.data["policy"]) if current.ok else ""
    return settings_page(request, "settings_policy.html", user, current=current, text=text)


@router.post("/settings/contact-policy")
async def policy_save(request: Request, user: ConsoleUser = Depends(editor)) -> Response:
    form = await posted_form(request)
    text = form.get("policy", "")
    result = await config.save_contact_policy(gateway_of(request), user, form)
    current = await config.contact_policy(gateway_of(request), user)
    if result.ok and current.ok:
        text = config.pretty(current.data["policy"])
    return settings_page(
        request,
        "settings_policy.html",
        user,
        current=current,
        text=text,
        notice="settings.saved" if result.ok else None,
        **_outcome(result, ["policy"]),
    )
