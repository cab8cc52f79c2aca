"""Customers and the customer 360 page (docs/design.md §12)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from services.console.domain.access import Page
from services.console.service import customers
from services.console.service.gateway import Outcome
from services.console.service.sessions import ConsoleUser
from services.console.web import gateway_of, page_access, render

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


@router.get("/customers/{customer_id}")
async def customer_page(
    request: Request, customer_id: str, user: ConsoleUser = Depends(page_access(Page.CUSTOMERS))
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
        },
        status_code=status,
    )
