"""The weekly owner digest (docs/design.md §9): every Monday 09:00 business time, `digest-ready`.

For each owner: the ids of the actions due this week, of the overdue ones, and of the owner's
customers with a churn-risk warning in the at-risk window (the care schedule's
`digest_at_risk_days`, 30 by default). One digest per owner and week (the key of the digests
table), so a run repeated after a failure announces nothing twice.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import Any

from services.playbook import repository
from services.playbook.service import config
from shared.app import ServiceContext
from shared.business_time import MONDAY, local_date, start_of_week
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import Occurrence, Schedule


async def send_digests(ctx: ServiceContext, now: datetime, batch_size: int = 200) -> dict[str, Any]:
    """Announce this week's digest of every owner with open work or customers at risk."""
    week_start = start_of_week(now, ctx.clock.zone)
    week_end = week_start + timedelta(days=7)
    week_of = local_date(week_start, ctx.clock.zone).isoformat()
    async with ctx.db.session() as session:
        at_risk_days = (await config.current_care_schedule(ctx, session)).digest_at_risk_days
        pending = await repository.pending_owned_actions_due_before(session, week_end)
        at_risk = await repository.owners_of_customers_at_risk(session, now - timedelta(days=at_risk_days))
    digests: dict[str, dict[str, list[str]]] = defaultdict(
        lambda: {"due_this_week": [], "overdue": [], "customers_at_risk": []})
    for owner, action_id, due_at in pending:
        digests[owner]["overdue" if due_at < now else "due_this_week"].append(action_id)
    for owner, customer_id in at_risk:
        digests[owner]["customers_at_risk"].append(customer_id)
    owners = sorted(digests)
    sent = 0
    for start in range(0, len(owners), batch_size):
        async with ctx.db.session() as session, session.begin():
            for owner in owners[start:start + batch_size]:
                parts = {k: sorted(set(v)) if k == "customers_at_risk" else v
                         for k, v in digests[owner].items()}
                digest_id = str(uuid.uuid4())
                added = await repository.add_digest(session, {
                    "owner": owner, "week_of": week_of, "digest_id": digest_id, "created_at": now,
                    "summary": {k: len(v) for k, v in parts.items()},
                })
                if added is None:
                    continue  # this week's digest of the owner went out already
                await ctx.outbox.append(session, "digest-ready", owner, {
                    "owner": owner, "digest_id": digest_id, "week_of": week_of, **parts,
                    "created_at": format_time(now),
                })
                sent += 1
    return {"week_of": week_of, "digests": sent}


async def run_weekly_digest(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    return await send_digests(ctx, occurrence.now)


SCHEDULES = [
    Schedule(
        "weekly-owner-digest", Recurrence.weekly(MONDAY, at=time(9)), run_weekly_digest,
        "Every Monday 09:00: each owner's actions due this week, overdue ones and customers at risk "
        "(digest-ready)",
    ),
]
