"""Ticket queue and ticket detail: the conversation (agent replies, customer messages), pend, hold,
resume, resolve (docs/design.md §12)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from services.console.domain.access import Page
from services.console.domain.forms import errors_for_fields, field_errors, renamed_fields
from services.console.service import tickets
from services.console.service.gateway import Outcome
from services.console.service.sessions import ConsoleUser
from services.console.web import csrf_protected, gateway_of, is_htmx, now, page_access, render, settings_of

router = APIRouter(include_in_schema=False)
ACTIONS = ("reply", "customer-message", "pend", "hold", "resume", "resolve", "assign")
# The inputs of each action's form; a refusal naming anything else (the ticket's status, when the
# life cycle does not allow the step yet) is shown above the form rather than lost.
FORM_FIELDS = {
    "reply": ["message", "channel"],
    "customer-message": ["message", "channel"],
    "pend": ["note"],
    "hold": ["note"],
    "resolve": ["solution", "improvement"],
}
# The API calls a message's text `body`; the forms call it `message` (`body` is the whole form).
API_FIELDS = {"reply": {"body": "message"}, "customer-message": {"body": "message"}}


@router.get("/tickets")
async def queue_page(
    request: Request,
    status: str | None = None,
    priority: str | None = None,
    tier: str | None = None,
    team: str | None = None,
    breached: str | None = None,
    mine: str | None = None,
    user: ConsoleUser = Depends(page_access(Page.QUEUE)),
) -> Response:
    filters = tickets.QueueFilters.parse(status, priority, tier, team, breached, mine)
    queue = await tickets.queue(
        gateway_of(request), user, filters, settings_of(request).queue_page_size, now()
    )
    return render(
        request,
        "queue.html",
        {
            "queue": queue,
            "filters": filters,
            "statuses": tickets.STATUS_CHOICES,
            "priorities": tickets.PRIORITIES,
            "tiers": tickets.TIERS,
        },
    )


async def _detail(
    request: Request,
    user: ConsoleUser,
    ticket_id: str,
    *,
    status_code: int = 200,
    form: str | None = None,
    values: dict | None = None,
    errors: dict | None = None,
    notice: str | None = None,
) -> Response:
    context = await tickets.ticket_context(gateway_of(request), user, ticket_id, now())
    if not context.ticket.ok:
        code = {Outcome.NOT_FOUND: 404, Outcome.FORBIDDEN: 403}.get(context.ticket.outcome, 503)
        return render(request, "ticket.html", {"context": context}, status_code=code)
    return render(
        request,
        "ticket.html",
        {
            "context": context,
            "ticket": context.ticket.data,
            "form": form,
            "values": values or {},
            "errors": errors or {},
            "notice": notice,
            "channels": tickets.CHANNELS,
        },
        status_code=status_code,
    )


@router.get("/tickets/{ticket_id}")
async def ticket_page(
    request: Request,
    ticket_id: str,
    done: str | None = None,
    user: ConsoleUser = Depends(page_access(Page.QUEUE)),
) -> Response:
    return await _detail(request, user, ticket_id, notice=f"ticket.done.{done}" if done in ACTIONS else None)


@router.post("/tickets/{ticket_id}/{action}")
async def ticket_action(
    request: Request,
    ticket_id: str,
    action: str,
    user: ConsoleUser = Depends(csrf_protected),
    _: ConsoleUser = Depends(page_access(Page.QUEUE)),
) -> Response:
    if action not in ACTIONS:
        return await _detail(request, user, ticket_id, status_code=404)
    form = {k: str(v) for k, v in (await request.form()).items() if k != "csrf_token"}
    result = await tickets.act_on_ticket(gateway_of(request), user, ticket_id, action, form)
    if result.ok:
        if is_htmx(request):
            return await _detail(request, user, ticket_id, notice=f"ticket.done.{action}")
        return RedirectResponse(f"/tickets/{ticket_id}?done={action}", status_code=303)
    if result.outcome is Outcome.UNAVAILABLE:
        # Nothing was changed: the input stays in the form, with the reason above it.
        return await _detail(
            request,
            user,
            ticket_id,
            status_code=503,
            form=action,
            values=form,
            errors={"body": "unavailable"},
        )
    status = result.status or 422
    return await _detail(
        request,
        user,
        ticket_id,
        status_code=status,
        form=action,
        values=form,
        errors=errors_for_fields(
            field_errors(renamed_fields(result.problem, API_FIELDS.get(action, {}))),
            FORM_FIELDS.get(action, []),
        ),
    )
