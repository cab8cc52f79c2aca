"""Customers and the customer 360 page, with the contact preferences form (docs/design.md §10, §12)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from services.console.domain.access import Page
from services.console.domain.forms import contact_preferences
from services.console.pages.settings_forms import errors_of, status_of
from services.console.service import customers
from services.console.service.gateway import Outcome
from services.console.service.sessions import ConsoleUser
from services.console.web import csrf_protected, gateway_of, is_htmx, page_access, render

router = APIRouter(include_in_schema=False)


@router.get("/customers")
async def customers_page(
    request: Request,
    tier: str | None = None,
    quadrant: str | None = None,
    owner: str | None = None,
    cursor: str | None = None,
    user: ConsoleUser = Depends(page_access(Page.CUSTOMERS)),
) -> Response:
    listing = await customers.customer_list(
        gateway_of(request), user, tier=tier, quadrant=quadrant, owner=owner, cursor=cursor
    )
    return render(
        request,
        "customers.html",
        {"listing": listing, "tiers": customers.TIERS, "quadrants": customers.QUADRANTS},
    )


PREFERENCE_FIELDS = ["consent", "opted_out", "preferred_channel", "language"]


async def _customer(
    request: Request,
    user: ConsoleUser,
    customer_id: str,
    *,
    status_code: int | None = None,
    notice: str | None = None,
    preferences_form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    view = await customers.customer_360(gateway_of(request), user, customer_id)
    status = 404 if view.profile.outcome is Outcome.NOT_FOUND else 200
    return render(
        request,
        "customer.html",
        {
            "view": view,
            "customer_id": customer_id,
            "factors": customers.explained_factors(view.profile.data.get("score") or {})
            if view.profile.ok
            else [],
            "trend_rows": customers.trend_rows(view.profile.data) if view.profile.ok else [],
            "contact_channels": customers.CONTACT_CHANNELS,
            "contact_languages": customers.CONTACT_LANGUAGES,
            "preferences_form": preferences_form,
            "errors": errors or {},
            "notice": notice,
        },
        status_code=status_code or status,
    )


@router.get("/customers/{customer_id}")
async def customer_page(
    request: Request,
    customer_id: str,
    done: str | None = None,
    user: ConsoleUser = Depends(page_access(Page.CUSTOMERS)),
) -> Response:
    notice = "preferences.saved" if done == "preferences" else None
    return await _customer(request, user, customer_id, notice=notice)


@router.post("/customers/{customer_id}/preferences")
async def save_preferences(
    request: Request,
    customer_id: str,
    user: ConsoleUser = Depends(csrf_protected),
    _: ConsoleUser = Depends(page_access(Page.CUSTOMERS)),
) -> Response:
    """The contact preferences form: saved with If-Match; a refusal is shown beside its field with
    what the user chose kept."""
    posted = await request.form()
    chosen = {
        "consent": posted.get("consent") == "on",
        "opted_out": [str(c) for c in posted.getlist("opted_out")],
        "preferred_channel": str(posted.get("preferred_channel") or ""),
        "language": str(posted.get("language") or ""),
    }
    document = contact_preferences(**chosen, channels=customers.CONTACT_CHANNELS)
    version = str(posted.get("if_match") or "").strip()
    result = await customers.save_preferences(gateway_of(request), user, customer_id, document, version)
    if result.ok:
        if is_htmx(request):
            return await _customer(request, user, customer_id, notice="preferences.saved")
        return RedirectResponse(f"/customers/{customer_id}?done=preferences#preferences", status_code=303)
    return await _customer(
        request,
        user,
        customer_id,
        status_code=status_of(result),
        preferences_form=chosen,
        errors=errors_of(result, PREFERENCE_FIELDS),
    )
