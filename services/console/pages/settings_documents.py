"""The calendar's own settings (docs/design.md §9): segmentation's evaluation policy, feedback's
verification policy, the survey schedule and the playbook's care schedule. Everyone who opens the
settings reads them; admins change them (§7: a service's own settings), each save sent with If-Match
from the version the form shows."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import CALENDAR_EDITORS
from services.console.domain.documents import DOCUMENTS, SettingsDocument, form_values
from services.console.pages.settings_forms import (
    calendar_editor,
    errors_of,
    posted_form,
    see_settings,
    settings_page,
    status_of,
)
from services.console.service.documents import read_document, save_document
from services.console.service.gateway import Result
from services.console.service.sessions import ConsoleUser
from services.console.web import gateway_of

router = APIRouter(include_in_schema=False)


async def _document_page(
    request: Request,
    user: ConsoleUser,
    document: SettingsDocument,
    *,
    values: dict[str, str] | None = None,
    result: Result | None = None,
) -> Response:
    current = await read_document(gateway_of(request), user, document)
    if values is None and current.ok:
        values = form_values(document, current.data)
    saved = result is not None and result.ok
    return settings_page(
        request,
        "settings_document.html",
        user,
        document=document,
        current=current,
        values=values or {},
        may_change=bool(user.roles & CALENDAR_EDITORS),
        notice="settings.saved" if saved else None,
        errors=errors_of(result, document.field_names) if result else {},
        status_code=status_of(result) if result else 200,
    )


def _reader(document: SettingsDocument) -> Callable:
    async def read(request: Request, user: ConsoleUser = Depends(see_settings)) -> Response:
        return await _document_page(request, user, document)

    read.__name__ = f"read_{document.key.replace('-', '_')}"
    return read


def _writer(document: SettingsDocument) -> Callable:
    async def save(request: Request, user: ConsoleUser = Depends(calendar_editor)) -> Response:
        form = await posted_form(request)
        result = await save_document(gateway_of(request), user, document, form)
        values = None if result.ok else form  # a refusal keeps what was typed
        return await _document_page(request, user, document, values=values, result=result)

    save.__name__ = f"save_{document.key.replace('-', '_')}"
    return save


for _document in DOCUMENTS.values():
    router.add_api_route(f"/settings/{_document.key}", _reader(_document), methods=["GET"])
    router.add_api_route(f"/settings/{_document.key}", _writer(_document), methods=["POST"])
