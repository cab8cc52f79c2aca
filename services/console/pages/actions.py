"""My actions: due and overdue; complete with the customer's feedback and the next step."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from services.console.domain.access import Page
from services.console.domain.forms import field_errors
from services.console.service import actions
from services.console.service.gateway import Outcome
from services.console.service.sessions import ConsoleUser
from services.console.web import csrf_protected, gateway_of, is_htmx, page_access, render

router = APIRouter(include_in_schema=False)


async def _page(
    request: Request,
    user: ConsoleUser,
    owner: str | None,
    *,
    status_code: int = 200,
    completing: str | None = None,
    values: dict | None = None,
    errors: dict | None = None,
    done: str | None = None,
) -> Response:
    mine = await actions.my_actions(gateway_of(request), user, owner)
    return render(
        request,
        "actions.html",
        {
            "mine": mine,
            "choose_owner": actions.may_choose_owner(user),
            "completing": completing,
            "values": values or {},
            "errors": errors or {},
            "done": done,
        },
        status_code=status_code,
    )


@router.get("/actions")
async def actions_page(
    request: Request,
    owner: str | None = None,
    done: str | None = None,
    user: ConsoleUser = Depends(page_access(Page.ACTIONS)),
) -> Response:
    return await _page(request, user, owner, done=done)


@router.post("/actions/{action_id}/complete")
async def complete(
    request: Request,
    action_id: str,
    customer_feedback: str = Form(""),
    next_step: str = Form(""),
    owner: str = Form(""),
    user: ConsoleUser = Depends(csrf_protected),
    _: ConsoleUser = Depends(page_access(Page.ACTIONS)),
) -> Response:
    result = await actions.complete_action(gateway_of(request), user, action_id, customer_feedback, next_step)
    owner_param = owner or None
    if result.ok:
        if is_htmx(request):
            return await _page(request, user, owner_param, done=action_id)
        suffix = f"&owner={owner}" if owner else ""
        return RedirectResponse(f"/actions?done={action_id}{suffix}", status_code=303)
    values = {"customer_feedback": customer_feedback, "next_step": next_step}
    if result.outcome is Outcome.UNAVAILABLE:
        return await _page(
            request,
            user,
            owner_param,
            status_code=503,
            completing=action_id,
            values=values,
            errors={"body": "unavailable"},
        )
    return await _page(
        request,
        user,
        owner_param,
        status_code=result.status or 422,
        completing=action_id,
        values=values,
        errors=field_errors(result.problem),
    )
