"""Scheduled reviews, the spending-drop trigger, churn-risk detection and tier gauges.

Reviews are claimed customer by customer (`FOR UPDATE SKIP LOCKED` on the due ones), so several
replicas share them; the daily detection and the monthly snapshot are schedules
(shared.scheduler), each run once per period across replicas. All take "now" from ctx.clock.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, time
from typing import Any

import structlog

from services.segmentation import repository
from services.segmentation.domain.signals import SignalCode, churn_signals, spending_months
from services.segmentation.metrics import CHURN_SIGNALS, CUSTOMERS_BY_QUADRANT, CUSTOMERS_BY_TIER
from services.segmentation.models import ChurnSignalRow, ScoreRow
from services.segmentation.service.overrides import expire_overrides
from services.segmentation.service.policy import current_policy
from services.segmentation.service.scoring import active_model, apply_evaluations, high_value_line
from services.segmentation.service.snapshots import monthly_snapshot
from shared.app import ServiceContext
from shared.business_time import month_starts
from shared.recurrence import Recurrence
from shared.rfc3339 import format_time
from shared.scheduler import CatchUp, Occurrence, Schedule

log = structlog.get_logger()
DETECTION_BATCH = 1000


async def evaluate_due_customers(ctx: ServiceContext, now: datetime, limit: int = 1000) -> int:
    """Review customers whose scheduled review is due (VIP quarterly, others half-yearly): the
    tier follows the score."""
    async with ctx.db.session() as session, session.begin():
        due = await repository.claim_due_customers(session, now, limit)
        if not due:
            return 0
        policy = await current_policy(ctx, session)
        model = await active_model(session)
        line = await high_value_line(session, now, policy)
        facts = await repository.aggregates_for(session, due, now, ctx.clock.zone)
        await apply_evaluations(ctx, session, facts, model, line, now, "scheduled", policy=policy)
    return len(due)


async def detect_churn_risks(ctx: ServiceContext, now: datetime) -> int:
    """Raise new churn signals (published once), clear stale ones, review on spending drops."""
    raised = 0
    after: str | None = None
    zone = ctx.clock.zone
    async with ctx.db.session() as session:
        policy = await current_policy(ctx, session)
    starts = month_starts(now, zone, spending_months(policy))  # full months before this one
    while True:
        async with ctx.db.session() as session, session.begin():
            owners = await repository.owners_after(session, after, DETECTION_BATCH)
            if not owners:
                return raised
            ids = list(owners)
            after = ids[-1]
            activity = await repository.last_activity(session, ids, now)
            amounts = await repository.monthly_amounts(session, ids, starts)
            existing = {(s.customer_id, s.code): s for s in await repository.churn_signals_of(session, ids)}
            scores = await repository.current_scores(session, ids)
            events = []
            dropped: list[str] = []
            for customer_id in ids:
                # The "score fell 3 months in a row" signal is the monthly snapshot's to raise and
                # clear (service/snapshots.py): decided once a month on complete month-ends.
                signals = churn_signals(
                    now=now,
                    last_activity_at=activity.get(customer_id),
                    monthly_scores=[],
                    monthly_amounts=amounts[customer_id],
                    policy=policy,
                )
                codes = {s.code.value for s in signals} | {SignalCode.SCORE_DECLINING.value}
                for (cid, code), row in existing.items():
                    if cid == customer_id and code not in codes:
                        await session.delete(row)
                new = [s for s in signals if (customer_id, s.code.value) not in existing]
                if not new:
                    continue
                for signal in new:
                    session.add(ChurnSignalRow(customer_id=customer_id, code=signal.code.value,
                                               detail=signal.detail, detected_at=now))
                    CHURN_SIGNALS.labels(signal.code.value).inc()
                    if signal.code is SignalCode.SPENDING_DROP:
                        dropped.append(customer_id)
                score = scores.get(customer_id)
                events.append(("churn-risk-detected", customer_id, {
                    "customer_id": customer_id,
                    "reasons": [{"code": s.code.value, "detail": s.detail} for s in new],
                    "tier": score.tier if score else None,
                    "quadrant": score.quadrant if score else None,
                    "owner": owners.get(customer_id),
                    "detected_at": format_time(now),
                }))
                raised += 1
            await ctx.outbox.append_many(session, events)
            if dropped:
                # docs/design.md §3: a spending drop triggers a review at once; its result is
                # published even when unchanged, so consumers see why the customer was re-read.
                model = await active_model(session)
                line = await high_value_line(session, now, policy)
                facts = await repository.aggregates_for(session, dropped, now, zone)
                await apply_evaluations(ctx, session, facts, model, line, now, "spending-drop",
                                        publish_unchanged=True, policy=policy)


async def daily_churn_detection(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    return {"raised": await detect_churn_risks(ctx, occurrence.now)}


async def refresh_tier_gauges(ctx: ServiceContext) -> None:
    async with ctx.db.session() as session:
        for column, gauge in ((ScoreRow.tier, CUSTOMERS_BY_TIER), (ScoreRow.quadrant, CUSTOMERS_BY_QUADRANT)):
            for value, count in (await repository.customers_per(session, column)).items():
                if value is not None:
                    gauge.labels(value).set(count)


async def review_scheduler(ctx: ServiceContext) -> None:
    """Lifespan-owned loop: override expiry, due reviews, gauges; woken early by a clock move."""
    moved = ctx.clock.listener()
    while True:
        moved.clear()
        now = ctx.clock.now()
        try:
            await expire_overrides(ctx, now)
            while await evaluate_due_customers(ctx, now) > 0:
                pass
            await refresh_tier_gauges(ctx)
        except Exception:
            log.exception("review_scheduler_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(moved.wait(), timeout=ctx.settings.sweep_interval_seconds)


SCHEDULES = [
    Schedule(
        "monthly-snapshot", Recurrence.monthly(at=time(1, 0)), monthly_snapshot,
        "Every customer scored as of the month end: one history row per customer per month; "
        "moves scores and trends (the tier waits for its review); raises the 3-month decline warning",
        catch_up=CatchUp.EACH, max_catch_up=12,
    ),
    Schedule(
        "churn-detection", Recurrence.daily(at=time(3, 0)), daily_churn_detection,
        "Churn-risk signals: 90 silent days and spending drops (which trigger a review at once); "
        "stale signals cleared (the monthly snapshot raises and clears the 3-month decline)",
        catch_up=CatchUp.LATEST,
    ),
]
