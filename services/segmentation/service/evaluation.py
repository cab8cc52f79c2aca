"""Scheduled re-evaluation, the spending-drop trigger, churn-risk detection and tier gauges.

Every step is safe with several replicas: due customers are claimed with
`FOR UPDATE SKIP LOCKED`, and the daily detection run is taken by inserting that day's row.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import structlog
from sqlalchemy.exc import IntegrityError

from services.segmentation import repository
from services.segmentation.domain.signals import (
    SignalCode,
    churn_signals,
    month_end_scores,
    month_starts,
)
from services.segmentation.metrics import CHURN_SIGNALS, CUSTOMERS_BY_QUADRANT, CUSTOMERS_BY_TIER
from services.segmentation.models import (
    ChurnSignalRow,
    ScheduledRunRow,
    ScoreRow,
)
from services.segmentation.service.overrides import expire_overrides
from services.segmentation.service.scoring import active_model, apply_evaluations, high_value_line
from shared.app import ServiceContext
from shared.rfc3339 import format_time

log = structlog.get_logger()
DETECTION_BATCH = 1000


async def evaluate_due_customers(ctx: ServiceContext, now: datetime, limit: int = 1000) -> int:
    """Re-score customers whose scheduled evaluation is due (VIP quarterly, others half-yearly)."""
    async with ctx.db.session() as session, session.begin():
        due = await repository.claim_due_customers(session, now, limit)
        if not due:
            return 0
        model = await active_model(session)
        line = await high_value_line(session, now)
        facts = await repository.aggregates_for(session, due, now)
        await apply_evaluations(ctx, session, facts, model, line, now, "scheduled")
    return len(due)


async def detect_churn_risks(ctx: ServiceContext, now: datetime) -> int:
    """Raise new churn signals (published once), clear stale ones, rescore on spending drops."""
    raised = 0
    after: str | None = None
    # Five full months before this one, plus this month's start: the spending windows; the last
    # four month ends (starts[2:]) are the month-end scores of "fell 3 months in a row".
    starts = month_starts(now, 5)
    while True:
        async with ctx.db.session() as session, session.begin():
            owners = await repository.owners_after(session, after, DETECTION_BATCH)
            if not owners:
                return raised
            ids = list(owners)
            after = ids[-1]
            activity = await repository.last_activity(session, ids, now)
            amounts = await repository.monthly_amounts(session, ids, starts)
            histories = await repository.score_histories(session, ids, starts[-1])
            existing = {(s.customer_id, s.code): s for s in await repository.churn_signals_of(session, ids)}
            scores = await repository.current_scores(session, ids)
            events = []
            dropped: list[str] = []
            for customer_id in ids:
                signals = churn_signals(
                    now=now,
                    last_activity_at=activity.get(customer_id),
                    monthly_scores=month_end_scores(histories.get(customer_id, []), starts[2:]),
                    monthly_amounts=amounts[customer_id],
                )
                codes = {s.code.value for s in signals}
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
                # docs/design.md §3: a spending drop triggers re-evaluation at once; its result is
                # published even when unchanged, so consumers see why the customer was re-read.
                model = await active_model(session)
                line = await high_value_line(session, now)
                facts = await repository.aggregates_for(session, dropped, now)
                await apply_evaluations(ctx, session, facts, model, line, now, "spending-drop",
                                        publish_unchanged=True)


async def claim_daily_run(ctx: ServiceContext, task: str, now: datetime) -> bool:
    """True for the one replica that records today's run of `task` first."""
    try:
        async with ctx.db.session() as session, session.begin():
            session.add(ScheduledRunRow(task=task, run_on=now.date(), started_at=now))
        return True
    except IntegrityError:
        return False


async def refresh_tier_gauges(ctx: ServiceContext) -> None:
    async with ctx.db.session() as session:
        for column, gauge in ((ScoreRow.tier, CUSTOMERS_BY_TIER), (ScoreRow.quadrant, CUSTOMERS_BY_QUADRANT)):
            for value, count in (await repository.customers_per(session, column)).items():
                if value is not None:
                    gauge.labels(value).set(count)


async def evaluation_scheduler(ctx: ServiceContext) -> None:
    """Lifespan-owned loop: due evaluations, override expiry, daily churn detection, gauges."""
    while True:
        now = datetime.now(UTC)
        try:
            await expire_overrides(ctx, now)
            while await evaluate_due_customers(ctx, now) > 0:
                pass
            if await claim_daily_run(ctx, "churn-detection", now):
                raised = await detect_churn_risks(ctx, now)
                log.info("churn_detection_done", raised=raised)
            await refresh_tier_gauges(ctx)
        except Exception:
            log.exception("evaluation_scheduler_failed")
        await asyncio.sleep(ctx.settings.sweep_interval_seconds)
