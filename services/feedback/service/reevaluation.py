"""A customer's new tier re-evaluates the SLA of its open tickets (docs/design.md §5).

Runs inside the consumer's transaction of the `score-updated` that moved the tier.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository
from services.feedback.domain.sla import Metric, Priority, Tier, applied_sla, clock_for, is_stricter_tier
from services.feedback.service import clocks, config
from services.feedback.service.ticket_state import history_row
from shared.app import ServiceContext
from shared.rfc3339 import format_time


async def apply_tier_change(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, old: Tier | None, new: Tier,
    now: datetime,
) -> int:
    """Open tickets are re-evaluated only when the new tier is stricter; deadlines only tighten.

    A customer moving down keeps the targets promised when the ticket opened. Returns the number
    of tickets re-evaluated.
    """
    tickets = await repository.open_tickets_for_update(session, customer_id)
    changed = 0
    for ticket in tickets:
        ticket_tier = Tier(ticket.tier) if ticket.tier else None
        if not is_stricter_tier(new, ticket_tier):
            session.add(history_row(
                ticket, now, "system", "tier-changed", ticket.status, ticket.status,
                old_tier=old.value if old else None, new_tier=new.value, reevaluated=False,
                reason="not stricter: the ticket keeps its targets"))
            continue
        policy = await config.policy_version(ctx, session, ticket.policy_version)
        sla = applied_sla(Priority(ticket.priority), new, policy)
        clock = clock_for(sla, policy)
        before = {"first_response_due": format_time(ticket.first_response_due),
                  "resolution_due": format_time(ticket.resolution_due), "calendar": ticket.calendar}
        for metric in clocks.running_metrics(ticket):
            start = {Metric.FIRST_RESPONSE: ticket.reported_at,
                     Metric.RESOLUTION: ticket.resolution_started_at,
                     Metric.NEXT_REPLY: ticket.next_reply_started_at}[metric]
            promised = clocks.get_deadlines(ticket, metric)
            clocks.start_clock(ticket, metric, sla, policy, clock, start)
            clocks.set_deadlines(ticket, metric, promised.tightened(clocks.get_deadlines(ticket, metric)))
        ticket.tier = new.value
        ticket.calendar = clocks.clock_name(sla, policy)
        from_tier = ticket_tier.value if ticket_tier else None
        ticket.sla_rows = {**ticket.sla_rows, **sla.explain(),
                           "reevaluated": {"at": format_time(now), "from_tier": from_tier,
                                           "to_tier": new.value}}
        ticket.updated_at = now
        clocks.refresh_next_check(ticket)
        after = {"first_response_due": format_time(ticket.first_response_due),
                 "resolution_due": format_time(ticket.resolution_due), "calendar": ticket.calendar}
        session.add(history_row(ticket, now, "system", "sla-reevaluated", ticket.status, ticket.status,
                                old_tier=from_tier, new_tier=new.value, before=before, after=after))
        changed += 1
    return changed
