"""SLA sweeper: escalation steps (warning, breach, task force), each published exactly once.

Replicas share the work: due tickets are claimed with `SELECT ... FOR UPDATE SKIP LOCKED`, and
every step is also a row of `escalations` with a unique (ticket, metric, cycle, level) key, so a
step is recorded - and its `ticket-escalated` event appended - once even if two sweeps meet.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository
from services.feedback.domain.sla import STEP_NAMES, Level, Metric, Priority, steps_due
from services.feedback.metrics import BREACH_LAG_SECONDS, ESCALATIONS, OPEN_TICKETS, SLA_BREACHES
from services.feedback.models import TicketRow
from services.feedback.service import clocks
from services.feedback.service.ticket_state import history_row
from shared.app import ServiceContext
from shared.rfc3339 import format_time

log = structlog.get_logger()


async def sweep(ctx: ServiceContext, now: datetime, limit: int | None = None) -> list[dict[str, Any]]:
    """Take every escalation step due at `now` for one batch of tickets; returns the steps taken."""
    batch = limit or getattr(ctx.settings, "sweep_batch_size", 200)
    taken: list[dict[str, Any]] = []
    async with ctx.db.session() as session, session.begin():
        tickets = await repository.claim_due_tickets(session, now, batch)
        for ticket in tickets:
            for metric in clocks.running_metrics(ticket):
                deadlines = clocks.get_deadlines(ticket, metric)
                for level in steps_due(deadlines, clocks.last_level(ticket, metric), now):
                    step = await _take_step(ctx, session, ticket, metric, level, deadlines.due_at,
                                            deadlines.at(level), now)
                    if step is not None:
                        taken.append(step)
                    clocks.set_last_level(ticket, metric, level)
            clocks.refresh_next_check(ticket)
    return taken


async def _take_step(
    ctx: ServiceContext, session: AsyncSession, ticket: TicketRow, metric: Metric, level: Level,
    due_at: datetime, step_at: datetime, now: datetime,
) -> dict[str, Any] | None:
    cycle = clocks.cycle_of(ticket, metric)
    recorded = await repository.record_step(session, {
        "ticket_id": ticket.id, "metric": metric.value, "cycle": cycle, "level": int(level),
        "due_at": due_at, "step_at": step_at, "escalated_at": now,
    })
    if not recorded:
        return None
    tier_label = ticket.tier or "unknown"
    if level is Level.BREACH:
        # A late next reply is counted when the reply comes (next_replies_late).
        if metric is Metric.FIRST_RESPONSE:
            ticket.first_response_breached = True
        elif metric is Metric.RESOLUTION:
            ticket.resolution_breached = True
        SLA_BREACHES.labels(metric.value, tier_label).inc()
        BREACH_LAG_SECONDS.labels(metric.value).observe(max((now - due_at).total_seconds(), 0.0))
    ESCALATIONS.labels(metric.value, str(int(level))).inc()
    step = {
        "customer_id": ticket.customer_id, "ticket_id": ticket.id, "priority": ticket.priority,
        "tier": ticket.tier, "level": int(level), "step": STEP_NAMES[level], "metric": metric.value,
        "due_at": format_time(due_at), "escalated_at": format_time(now), "team": ticket.team, "cycle": cycle,
    }
    session.add(history_row(ticket, now, "sla-sweeper", "escalated", ticket.status, ticket.status,
                            level=int(level), step=STEP_NAMES[level], metric=metric.value,
                            due_at=format_time(due_at), cycle=cycle))
    await ctx.outbox.append(session, "ticket-escalated", ticket.customer_id, step)
    return step


async def refresh_open_gauge(ctx: ServiceContext) -> None:
    async with ctx.db.session() as session:
        counts = await repository.open_tickets_by_priority(session)
    for priority in Priority:
        OPEN_TICKETS.labels(priority.value).set(counts.get(priority.value, 0))


OPEN_GAUGE_REFRESH_SECONDS = 5.0


async def sla_sweeper(ctx: ServiceContext) -> None:
    """Lifespan-owned loop: escalation steps, then the open-ticket gauge."""
    batch = getattr(ctx.settings, "sweep_batch_size", 200)
    gauge_refreshed_at = float("-inf")
    while True:
        try:
            now = ctx.clock.now()
            for _ in range(20):  # a backlog is worked off in batches, each its own transaction
                if not await sweep(ctx, now, batch):
                    break
            # Counting every open ticket is the costly part of an idle sweep: not on every one.
            if time.monotonic() - gauge_refreshed_at >= OPEN_GAUGE_REFRESH_SECONDS:
                await refresh_open_gauge(ctx)
                gauge_refreshed_at = time.monotonic()
        except Exception:
            log.exception("sla_sweep_failed")
        await asyncio.sleep(ctx.settings.sweep_interval_seconds)
