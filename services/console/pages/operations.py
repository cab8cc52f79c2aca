"""The operations page, an admin's (docs/design.md §9): every service's scheduled jobs with their
last and next run and, outside production, the test clocks moved forward together, so a person can
watch a month pass: snapshots, reminders, auto-close, digests and the monthly report."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from services.console.domain.access import Page
from services.console.domain.clocks import ClockStep
from services.console.domain.forms import field_errors
from services.console.service import operations
from services.console.service.sessions import ConsoleUser
from services.console.web import csrf_protected, gateway_of, is_htmx, page_access, render, settings_of
from shared.settings import Environment

router = APIRouter(include_in_schema=False)
see_operations = page_access(Page.OPERATIONS)


def _test_clocks(request: Request) -> bool:
    """Production serves no test clock (the services answer 404): the console offers none."""
    return settings_of(request).env is not Environment.PRODUCTION


async def _page(
    request: Request, user: ConsoleUser, *, moved=None, values=None, errors=None, status_code: int = 200
) -> Response:
    clocks = _test_clocks(request)
    found = await operations.calendars(gateway_of(request), user, with_clocks=clocks)
    return render(
        request,
        "operations.html",
        {
            "calendars": found,
            "test_clocks": clocks,
            "steps": list(ClockStep),
            "moved": moved,
            "values": values or {},
            "errors": errors or {},
        },
        status_code=status_code,
    )


@router.get("/operations")
async def operations_page(
    request: Request, moved: str | None = None, user: ConsoleUser = Depends(see_operations)
) -> Response:
    return await _page(request, user, moved=moved)


@router.post("/operations/clock")
async def move_clocks(
    request: Request,
    user: ConsoleUser = Depends(csrf_protected),
    _: ConsoleUser = Depends(see_operations),
) -> Response:
    if not _test_clocks(request):
        return await _page(request, user, status_code=404)
    form = {k: str(v) for k, v in (await request.form()).items() if k != "csrf_token"}
    move = await operations.move_clocks(gateway_of(request), user, form.get("step"), form.get("to"))
    if move.refusal is not None:
        errors = field_errors(move.refusal.problem) if move.refusal.problem else {"body": "unavailable"}
        return await _page(request, user, values=form, errors=errors, status_code=move.refusal.status or 503)
    refused = {name: r for name, r in move.moved.items() if not r.ok}
    if refused or is_htmx(request):
        errors = {"body": "; ".join(f"{name}: {r.detail or r.outcome.value}" for name, r in refused.items())}
        return await _page(request, user, moved=move, values=form, errors=errors if refused else {},
                           status_code=422 if refused else 200)
    return RedirectResponse("/operations?moved=1", status_code=303)
