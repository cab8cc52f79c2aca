"""What the survey service does with the events it consumes (each applied once via the inbox)."""

from __future__ import annotations

from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey.models import CUSTOMER_ACCESS, CustomerTierRow
from services.survey.service import erasure
from services.survey.service.invitations import invite_to_verify
from shared.access import keep_assignment
from shared.app import EventHandler, ServiceContext
from shared.erasure import apply_erasure
from shared.events.envelope import Event
from shared.rfc3339 import parse_time

log = structlog.get_logger()


async def on_score_updated(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Keep customer -> tier, quadrant; an older score arriving late does not replace a newer one."""
    data = event.data
    computed_at = parse_time(data["computed_at"])
    row = await session.get(CustomerTierRow, data["customer_id"])
    now = datetime.now(UTC)
    if row is None:
        session.add(CustomerTierRow(
            customer_id=data["customer_id"], tier=data["tier"], quadrant=data.get("quadrant"),
            score=data.get("score"), computed_at=computed_at, updated_at=now,
        ))
    elif computed_at >= row.computed_at:
        row.tier, row.quadrant, row.score = data["tier"], data.get("quadrant"), data.get("score")
        row.computed_at, row.updated_at = computed_at, now


async def on_ticket_resolved(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """The closed loop: ask the customer "Is your problem solved?"."""
    data = event.data
    invitation = await invite_to_verify(
        ctx, session, data["customer_id"], data["ticket_id"], data.get("priority"), ctx.clock.now()
    )
    log.info("verification_invited", ticket_id=data["ticket_id"], invitation_id=invitation.id)


async def on_customer_assigned(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """A customer's owner and team, for the access scopes (docs/design.md §11)."""
    await keep_assignment(session, CUSTOMER_ACCESS, event)


async def on_customer_erased(ctx: ServiceContext, session: AsyncSession, event: Event) -> None:
    """Erase what the customer wrote and confirm (docs/design.md §11)."""
    await apply_erasure(ctx, session, event, erasure.SERVICE, erasure.redact_customer)


HANDLERS: dict[str, EventHandler] = {
    "customer-assigned": on_customer_assigned,
    "customer-erased": on_customer_erased,
    "score-updated": on_score_updated,
    "ticket-resolved": on_ticket_resolved,
}
