"""The ticket queue and a ticket with its customer's context, read from feedback and segmentation."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.console.domain.conversation import CHANNELS, Entry, WorkTimes, conversation, work_times
from services.console.domain.sla import OPEN_STATUSES, SlaClock, ever_breached, next_reply_clock, sla_clock
from services.console.service.gateway import Gateway, Outcome, Result
from services.console.service.sessions import ConsoleUser

PRIORITIES = ("P1", "P2", "P3")
TIERS = ("VIP", "Key", "Regular", "Observation")
STATUS_CHOICES = ("open", *OPEN_STATUSES, "resolved", "closed", "all")
TICKETS = "/v1/tickets"


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    priority: str | None = None
    tier: str | None = None
    team: str | None = None
    breached: bool = False
    mine: bool = False

    @classmethod
    def parse(
        cls,
        status: str | None,
        priority: str | None,
        tier: str | None,
        team: str | None,
        breached: str | None,
        mine: str | None,
    ) -> QueueFilters:
        return cls(
            status=status if status in STATUS_CHOICES else "open",
            priority=priority if priority in PRIORITIES else None,
            tier=tier if tier in TIERS else None,
            team=(team or "").strip()[:100] or None,
            breached=breached in ("1", "true", "on"),
            mine=mine in ("1", "true", "on"),
        )


@dataclass
class QueueRow:
    ticket: dict[str, Any]
    clock: SlaClock


@dataclass
class Queue:
    rows: list[QueueRow] = field(default_factory=list)
    outcome: Outcome = Outcome.OK
    truncated: bool = False  # a status had more tickets than one page
    filtered_here: list[str] = field(default_factory=list)  # filters the API could not apply
    teams: list[str] = field(default_factory=list)
    service: str = "feedback"
    detail: str = ""


async def queue(
    gateway: Gateway, user: ConsoleUser, filters: QueueFilters, page_size: int, now: datetime
) -> Queue:
    """Open tickets (or the chosen status), most urgent SLA first, with the filters applied."""
    statuses: list[str | None]
    if filters.status == "open":
        statuses = list(OPEN_STATUSES)
    elif filters.status == "all":
        statuses = [None]
    else:
        statuses = [filters.status]
    params: dict[str, Any] = {"priority": filters.priority, "limit": page_size}
    if filters.breached:
        params["breached"] = "true"
    here = []
    for name in ("team", "tier"):
        value = getattr(filters, name)
        if value is None:
            continue
        # A newer feedback service may filter by team or tier itself; until then the console does.
        if await gateway.offers("feedback", "GET", TICKETS, name):
            params[name] = value
        else:
            here.append(name)
    results = await asyncio.gather(
        *(
            gateway.call("feedback", "GET", TICKETS, user.access_token, params={**params, "status": status})
            for status in statuses
        )
    )
    failed = [r for r in results if not r.ok]
    if failed and len(failed) == len(results):
        return Queue(outcome=failed[0].outcome)
    rows, teams = [], set()
    truncated = False
    for result in results:
        if not result.ok:
            truncated = True
            continue
        truncated |= bool(result.data.get("next_cursor"))
        for ticket in result.data.get("items", []):
            if ticket.get("team"):
                teams.add(ticket["team"])
            if "team" in here and ticket.get("team") != filters.team:
                continue
            if "tier" in here and ticket.get("tier") != filters.tier:
                continue
            if filters.mine and ticket.get("assignee") != user.subject:
                continue
            rows.append(QueueRow(ticket, sla_clock(ticket["status"], ticket["sla"], now)))
    rows.sort(key=lambda row: row.clock.urgency)
    return Queue(rows, Outcome.OK, truncated, here, sorted(teams))


@dataclass
class TicketContext:
    ticket: Result
    clock: SlaClock | None = None
    breached_ever: bool = False
    customer: Result | None = None
    complaints: Result | None = None
    orders: Result | None = None
    next_reply: SlaClock | None = None  # a reply owed to the customer
    times: WorkTimes | None = None
    messages: list[Entry] = field(default_factory=list)


async def ticket_context(gateway: Gateway, user: ConsoleUser, ticket_id: str, now: datetime) -> TicketContext:
    """The ticket, and beside it what the agent needs to know about the customer."""
    ticket = await gateway.call("feedback", "GET", f"{TICKETS}/{ticket_id}", user.access_token)
    if not ticket.ok:
        return TicketContext(ticket)
    data = ticket.data
    customer_id = data["customer_id"]
    customer, complaints, orders = await asyncio.gather(
        gateway.call("segmentation", "GET", f"/v1/customers/{customer_id}", user.access_token),
        gateway.call(
            "feedback", "GET", TICKETS, user.access_token, params={"customer_id": customer_id, "limit": 20}
        ),
        gateway.call(
            "segmentation",
            "GET",
            f"/v1/customers/{customer_id}/orders",
            user.access_token,
            params={"limit": 5},
        ),
    )
    if complaints.ok:
        complaints.data = [
            t for t in complaints.data.get("items", []) if t["id"] != data["id"] and t["type"] == "complaint"
        ]
    return TicketContext(
        ticket,
        sla_clock(data["status"], data["sla"], now),
        ever_breached(data["sla"]),
        customer,
        complaints,
        orders,
        next_reply_clock(data["status"], data["sla"], now),
        work_times(data["status"], data["durations"], now),
        conversation(data),
    )


# What each button of the ticket page sends (docs/design.md §8, §14 feedback routes).
def _channel(text: dict[str, str]) -> str | None:
    return text.get("channel") if text.get("channel") in CHANNELS else None


def ticket_command(action: str, form: dict[str, str], user: ConsoleUser) -> tuple[str, dict[str, Any]] | None:
    text = {k: (v or "").strip() for k, v in form.items()}
    if action == "reply":  # the agent's reply joins the conversation and answers the reply owed
        return "messages", {"author": "agent", "body": text.get("message", ""), "channel": _channel(text)}
    if action == "customer-message":  # what the customer said by phone, mail, ...: a reply is owed
        return "messages", {"author": "customer", "body": text.get("message", ""), "channel": _channel(text)}
    if action == "pend":
        return "status", {"status": "pending_customer", "note": text.get("note") or None}
    if action == "hold":
        return "status", {"status": "on_hold", "note": text.get("note") or None}
    if action == "resume":
        return "status", {"status": "in_progress"}
    if action == "resolve":
        return "resolve", {
            "solution": text.get("solution", ""),
            "improvement": text.get("improvement") or None,
        }
    if action == "assign":
        return "assign", {"assignee": user.subject}
    return None


async def act_on_ticket(
    gateway: Gateway, user: ConsoleUser, ticket_id: str, action: str, form: dict[str, str]
) -> Result | None:
    command = ticket_command(action, form, user)
    if command is None:
        return None
    path, body = command
    return await gateway.call(
        "feedback", "POST", f"{TICKETS}/{ticket_id}/{path}", user.access_token, json=body
    )
