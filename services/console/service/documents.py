"""The calendar's settings documents (evaluation and verification policies, survey and care
schedules, docs/design.md §9): read from their services with the ETag, replaced with If-Match."""

from __future__ import annotations

from services.console.domain.documents import SettingsDocument, document_from_form
from services.console.domain.forms import FormError, submitted_version
from services.console.service.gateway import Gateway, Result, form_refusal
from services.console.service.sessions import ConsoleUser


async def read_document(gateway: Gateway, user: ConsoleUser, document: SettingsDocument) -> Result:
    return await gateway.call(document.service, "GET", document.api_path, user.access_token)


async def save_document(
    gateway: Gateway, user: ConsoleUser, document: SettingsDocument, form: dict[str, str]
) -> Result:
    """The form as the next version, If-Match the version it was read at (412 when another was
    saved since); the service validates and names the field at fault (422)."""
    try:
        version = submitted_version(form)
    except FormError as error:
        return form_refusal(error)
    current = await read_document(gateway, user, document)  # what the form does not show stays
    if not current.ok:
        return current
    try:
        body = document_from_form(document, current.data, form)
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        document.service, "PUT", document.api_path, user.access_token, json=body, if_match=version
    )
