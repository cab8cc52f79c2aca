"""What the settings pages share: who may change what, the posted form, and an API's answer placed
on the form (a refusal next to its field, the input kept; a stale version's 412 next to the form)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response

from services.console.domain.access import CALENDAR_EDITORS, SETTINGS_EDITORS, WEBHOOK_EDITORS, Page
from services.console.domain.forms import errors_for_fields, field_errors
from services.console.service.gateway import Outcome, Result
from services.console.service.sessions import ConsoleUser
from services.console.web import PageForbidden, csrf_protected, page_access, render

see_settings = page_access(Page.SETTINGS)


def _writer(editors: frozenset):
    async def _check(
        user: ConsoleUser = Depends(csrf_protected), _: ConsoleUser = Depends(see_settings)
    ) -> ConsoleUser:
        if not user.roles & editors:
            raise PageForbidden()
        return user

    return _check


editor = _writer(SETTINGS_EDITORS)  # managers and admins
webhook_editor = _writer(WEBHOOK_EDITORS)  # admins
calendar_editor = _writer(CALENDAR_EDITORS)  # admins: a service's own calendar settings


async def dry_runner(
    user: ConsoleUser = Depends(csrf_protected), _: ConsoleUser = Depends(see_settings)
) -> ConsoleUser:
    return user  # analysts too: a dry run changes nothing


async def posted_form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items() if k != "csrf_token"}


def status_of(result: Result) -> int:
    if result.ok:
        return 200
    return 503 if result.outcome is Outcome.UNAVAILABLE else (result.status or 422)


def errors_of(result: Result, fields: list[str]) -> dict[str, str]:
    """The API's problem on the form's fields; what names none of them (a 412 on If-Match, say)
    goes to the form itself."""
    if result.ok:
        return {}
    if result.outcome is Outcome.UNAVAILABLE:
        return {"body": "unavailable"}
    return errors_for_fields(field_errors(result.problem), fields)


def settings_page(request: Request, template: str, user: ConsoleUser, **context: Any) -> Response:
    status = context.pop("status_code", 200)
    context.setdefault("errors", {})
    context.setdefault("notice", None)
    return render(
        request, template, {"editor": bool(user.roles & SETTINGS_EDITORS), **context}, status_code=status
    )
