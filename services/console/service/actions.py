"""My actions: the care plan rows a user owns, overdue first; completing one with the customer's
feedback and the next step (docs/design.md §6, §12)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from services.console.service.gateway import Gateway, Outcome, Result
from services.console.service.sessions import ConsoleUser
from shared.auth import Role

ACTIONS = "/v1/actions"


@dataclass
class MyActions:
    owner: str | None
    overdue: list[dict[str, Any]] = field(default_factory=list)
    due: list[dict[str, Any]] = field(default_factory=list)
    deferred: list[dict[str, Any]] = field(default_factory=list)
    outcome: Outcome = Outcome.OK
    service: str = "playbook"
    detail: str = ""


def may_choose_owner(user: ConsoleUser) -> bool:
    """Managers and admins look at anyone's actions; others see their own."""
    return bool(user.roles & {Role.ADMIN, Role.MANAGER})


async def my_actions(gateway: Gateway, user: ConsoleUser, owner: str | None) -> MyActions:
    if may_choose_owner(user) and owner is not None:
        owner = None if owner.strip() in ("", "*") else owner.strip()  # empty: everyone's
    else:
        owner = user.subject
    params = {"owner": owner, "limit": 200}
    overdue, pending, deferred = await asyncio.gather(
        *(
            gateway.call("playbook", "GET", ACTIONS, user.access_token, params={**params, "status": status})
            for status in ("overdue", "pending", "deferred")
        )
    )
    for result in (overdue, pending, deferred):
        if not result.ok:
            return MyActions(owner, outcome=result.outcome, detail=result.detail)
    overdue_ids = {a["id"] for a in overdue.data["items"]}
    due = [a for a in pending.data["items"] if a["id"] not in overdue_ids]
    due.sort(key=lambda a: a.get("due_at") or "9999")
    late = sorted(overdue.data["items"], key=lambda a: a.get("due_at") or "")
    return MyActions(owner, late, due, deferred.data["items"])


async def complete_action(
    gateway: Gateway, user: ConsoleUser, action_id: str, feedback: str, next_step: str
) -> Result:
    return await gateway.call(
        "playbook",
        "PATCH",
        f"{ACTIONS}/{action_id}",
        user.access_token,
        json={
            "status": "done",
            "customer_feedback": feedback.strip() or None,
            "next_step": next_step.strip() or None,
        },
    )


async def one_action(gateway: Gateway, user: ConsoleUser, action_id: str) -> Result:
    return await gateway.call("playbook", "GET", f"{ACTIONS}/{action_id}", user.access_token)
