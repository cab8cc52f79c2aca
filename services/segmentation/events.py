"""What segmentation does with the events it consumes: complaints and satisfaction read models."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation.models import ComplaintRow, SatisfactionRow
from services.segmentation.service import erasure
from shared.app import EventHandler, ServiceContext
from shared.events.envelope import Event
from shared.rfc3339 import parse_time


async def on_ticket_created(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """A P1 ticket in the last 12 months breaks high loyalty (quadrants); the agents of the team it is
    routed to see the customer's summary. Each event type has its own topic, so the ticket's
    assignment may have come first: its row is completed, its (later) team and assignee kept."""
    data = event.data
    complaint = await session.get(ComplaintRow, data["ticket_id"])
    if complaint is None:
        session.add(ComplaintRow(
            ticket_id=data["ticket_id"], customer_id=data["customer_id"],
            priority=data["priority"], type=data.get("type"), team=data.get("team"),
            opened_at=parse_time(data["created_at"]),
        ))
    elif complaint.assigned_at is not None:
        complaint.priority, complaint.type = data["priority"], data.get("type")
        complaint.opened_at = parse_time(data["created_at"])


async def on_ticket_assigned(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """The ticket's assignee and team (docs/design.md §11): the agent it is assigned to and the agents
    of its (maybe new) team see the customer's summary, the old team's agents no longer through it.
    An older assignment arriving after a newer one changes nothing. Before its `ticket-created`
    (another topic) the row is started from the assignment, opened at the assignment's time until
    `ticket-created` says when."""
    data = event.data
    assigned_at = parse_time(data["assigned_at"])
    complaint = await session.get(ComplaintRow, data["ticket_id"])
    if complaint is None:
        session.add(ComplaintRow(
            ticket_id=data["ticket_id"], customer_id=data["customer_id"],
            priority=data.get("priority") or "P3", team=data.get("team"), assignee=data["assignee"],
            assigned_at=assigned_at, opened_at=assigned_at,
        ))
    elif complaint.assigned_at is None or assigned_at >= complaint.assigned_at:
        complaint.team, complaint.assignee = data.get("team"), data["assignee"]
        complaint.assigned_at = assigned_at


async def on_ticket_resolved(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    complaint = await session.get(ComplaintRow, event.data["ticket_id"])
    if complaint is not None:
        complaint.resolved_at = parse_time(event.data["resolved_at"])


async def on_satisfaction_scored(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Keep the latest satisfaction; an older answer arriving late does not replace a newer one.
    An anonymous survey's answer names no customer and is not kept here."""
    data = event.data
    if not data.get("customer_id"):
        return
    answered_at = parse_time(data["answered_at"])
    row = await session.get(SatisfactionRow, data["customer_id"])
    if row is None:
        session.add(SatisfactionRow(
            customer_id=data["customer_id"], value=data["value"], level=data["level"],
            nps=data.get("nps"), answered_at=answered_at,
        ))
    elif answered_at >= row.answered_at:
        row.value, row.level, row.nps, row.answered_at = (
            data["value"], data["level"], data.get("nps"), answered_at,
        )


async def on_customer_erasure_confirmed(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """A service confirmed an erasure (docs/design.md §11): shown at GET /v1/erasures/{id}."""
    await erasure.record_confirmation(ctx, session, event.data)


HANDLERS: dict[str, EventHandler] = {
    "customer-erasure-confirmed": on_customer_erasure_confirmed,
    "ticket-created": on_ticket_created,
    "ticket-assigned": on_ticket_assigned,
    "ticket-resolved": on_ticket_resolved,
    "satisfaction-scored": on_satisfaction_scored,
}
