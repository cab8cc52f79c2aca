"""The monthly snapshot (docs/design.md §9): early on the 1st every customer is scored as of the
end of the month before and gets one history row for that month, even when nothing changed.

Set-based: customers go in id-range batches; each batch is one aggregation query, the scores of
the whole batch computed on arrays (domain/batch_scoring.py), and one bulk insert of its month-end
rows that skips rows already there. The customers whose score, computed tier or quadrant moved,
and those never scored, are written in bulk too: one upsert of their current scores, one append
of their history rows and one of their `score-updated` events (the tier itself waits for the
review; a customer never scored gets its first tier). Each batch commits with the month's
progress, so a run that stops resumes after the last committed customer and never writes a row
twice.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, snapshot_repository
from services.segmentation.domain.batch_scoring import BatchFacts, BatchScores, score_many
from services.segmentation.domain.policy import EvaluationPolicy
from services.segmentation.domain.scoring import ScoringModel, Tier
from services.segmentation.domain.signals import SignalCode, declining_signal, next_evaluation
from services.segmentation.metrics import CHURN_SIGNALS
from services.segmentation.models import ChurnSignalRow, SnapshotProgressRow
from services.segmentation.service.policy import current_policy
from services.segmentation.service.scoring import (
    ScoreChange,
    active_model,
    high_value_line,
    score_rows,
    store_score_changes,
)
from shared.app import ServiceContext
from shared.business_time import first_of_month, local_date, month_bounds
from shared.db import as_utc
from shared.errors import InvalidInput
from shared.rfc3339 import format_time
from shared.scheduler import Occurrence

log = structlog.get_logger()
SNAPSHOT_REASON = "monthly-snapshot"
FACT_COLUMNS = 10  # repository.aggregate_query's fact columns, then the current score's


async def monthly_snapshot(ctx: ServiceContext, occurrence: Occurrence) -> dict[str, Any]:
    """Schedule entry: the snapshot of the month that just closed."""
    return await snapshot_month(ctx, occurrence.period_start, occurrence.period_end, occurrence.now)


async def align_order_months(ctx: ServiceContext) -> None:
    """At start: the orders per business month are cut in the configured business time zone,
    rebuilt from the orders when the zone changed since they were (or were never built)."""
    async with ctx.db.session() as session, session.begin():
        cut_in = await repository.order_months_zone(session, for_rebuild=True)
        if cut_in != ctx.clock.zone.key:
            log.warning("order_months_rebuilt", was=cut_in, zone=ctx.clock.zone.key)
            await repository.rebuild_order_months(session, ctx.clock.zone)


async def snapshot_past_month(ctx: ServiceContext, month: str) -> dict[str, Any]:
    """The snapshot of a past month `YYYY-MM` on request (backfill after importing old orders): a
    new pass over every customer; month-end rows already there are kept as they are."""
    try:
        start, end = month_bounds(month, ctx.clock.zone)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="month") from exc
    now = ctx.clock.now()
    if end > now:
        raise InvalidInput(f"{month} has not ended yet", field="month")
    async with ctx.db.session() as session, session.begin():
        progress = await session.get(SnapshotProgressRow, local_date(start, ctx.clock.zone),
                                     with_for_update=True)
        if progress is not None and progress.finished_at is not None:
            progress.cursor, progress.finished_at = None, None
            progress.customers = progress.changed = progress.warnings = 0
    return await snapshot_month(ctx, start, end, now)


async def snapshot_month(
    ctx: ServiceContext, month_start: datetime, month_end: datetime, now: datetime
) -> dict[str, Any]:
    month = local_date(month_start, ctx.clock.zone)
    as_of = month_end - timedelta(microseconds=1)  # the month's last instant
    batch_size = getattr(ctx.settings, "snapshot_batch_size", 20_000)
    async with ctx.db.session() as session, session.begin():
        policy = await current_policy(ctx, session)
        model = await active_model(session)
        progress = await session.get(SnapshotProgressRow, month)
        # The orders are read as their business months unless those are cut in another zone (the
        # service rebuilds them at start; until then the orders themselves give the same facts).
        by_month = await repository.order_months_zone(session) == ctx.clock.zone.key
        if progress is None:
            progress = SnapshotProgressRow(month=month, cursor=None, customers=0, changed=0, warnings=0,
                                           updated_at=now)
            session.add(progress)
        cursor = progress.cursor
    if not by_month:
        log.warning("monthly_snapshot_reads_orders", reason="order months not cut in the business time zone")
    line = asyncio.create_task(_high_value_line(ctx, as_of, policy, by_month))
    scoring = _BatchScoring(model, policy, line, as_of)
    reader = _BatchReader(ctx, cursor, batch_size, as_of, by_month, scoring)
    try:
        while True:
            batch = await reader.next()
            async with ctx.db.session() as session, session.begin():
                progress = await session.get(SnapshotProgressRow, month, with_for_update=True)
                if progress.finished_at is not None:
                    break
                if batch is None or batch.after != progress.cursor:
                    if batch is None and cursor == progress.cursor:
                        progress.finished_at = now
                        break
                    # Another run of the same month moved on meanwhile: read from where it is.
                    cursor = progress.cursor
                    await reader.close()
                    reader = _BatchReader(ctx, cursor, batch_size, as_of, by_month, scoring)
                    continue
                counts = await _snapshot_batch(ctx, session, batch, month, as_of, model.version, policy, now)
                progress.cursor = cursor = batch.last
                progress.customers += counts["customers"]
                progress.changed += counts["changed"]
                progress.warnings += counts["warnings"]
                progress.updated_at = now
    finally:
        await reader.close()
        line.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await line
    log.info("monthly_snapshot_done", month=month.isoformat(), customers=progress.customers)
    return {"month": month.strftime("%Y-%m"), "customers": progress.customers,
            "changed": progress.changed, "warnings": progress.warnings}


async def _high_value_line(ctx: ServiceContext, as_of: datetime, policy: EvaluationPolicy,
                           by_month: bool) -> float | None:
    async with ctx.db.session() as session:
        return await high_value_line(session, as_of, policy, ctx.clock.zone if by_month else None)


@dataclass(frozen=True)
class _BatchScoring:
    """What every batch of one run is scored with: the model and policy read at its start, and the
    top-30% line, computed by the database while the first batches are read."""

    model: ScoringModel
    policy: EvaluationPolicy
    line: asyncio.Task
    as_of: datetime

    async def score(self, after: str | None, last: str, rows: list) -> _ScoredBatch:
        """The batch's month-end scores on arrays, which customers' scores moved, and the
        explanation of those."""
        line = await self.line
        if not rows:  # the range's customers were deleted since it was read
            return _ScoredBatch(after, last, rows, None, [], [])
        columns = list(zip(*rows, strict=True))
        facts = BatchFacts.from_columns(columns[5], columns[6], columns[7], columns[8], columns[3],
                                        columns[4], columns[2], columns[9])
        scores = score_many(facts, self.model, line, self.as_of, self.policy)
        version = self.model.version
        moved = [index for index, row in enumerate(rows)
                 if _moved(row, scores.values[index], scores.tiers[index], scores.quadrants[index], version,
                           self.as_of)]
        return _ScoredBatch(after, last, rows, scores, moved, scores.components(moved))


@dataclass(frozen=True)
class _ScoredBatch:
    after: str | None
    last: str
    rows: list  # facts and current score per customer (snapshot_repository.snapshot_inputs)
    scores: BatchScores | None
    moved: list[int]  # indices of the customers whose score moved (or who had none)
    explained: list[dict]  # the explanation of each moved customer's score


class _BatchReader:
    """Reads and scores the batches after `after` in order, up to `depth` ahead of the one being
    written: the database aggregates while this process scores and writes (two cores instead of
    one), and this process scores the next batch while the database writes the one before. Owned by
    one run, closed by it."""

    def __init__(self, ctx: ServiceContext, after: str | None, batch_size: int, as_of: datetime,
                 by_month: bool, scoring: _BatchScoring, depth: int = 3) -> None:
        self.ready: asyncio.Queue = asyncio.Queue(maxsize=depth)
        self.task = asyncio.create_task(self._read_ahead(ctx, after, batch_size, as_of, by_month, scoring))

    async def _read_ahead(self, ctx: ServiceContext, after: str | None, batch_size: int,
                          as_of: datetime, by_month: bool, scoring: _BatchScoring) -> None:
        while True:
            batch = await _read_batch(ctx, after, batch_size, as_of, by_month)
            if batch is None:
                await self.ready.put(None)
                return
            await self.ready.put(await scoring.score(*batch))
            after = batch[1]

    async def next(self) -> _ScoredBatch | None:
        """The next batch (None after the last); a failed read raises here."""
        getter = asyncio.ensure_future(self.ready.get())
        await asyncio.wait({getter, self.task}, return_when=asyncio.FIRST_COMPLETED)
        if getter.done():
            return getter.result()
        getter.cancel()
        self.task.result()  # the read failed: its error
        return await self.ready.get()

    async def close(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self.task


async def _read_batch(
    ctx: ServiceContext, after: str | None, batch_size: int, as_of: datetime, by_month: bool
) -> tuple[str | None, str, list] | None:
    """The facts and current scores of the next batch after `after`, in its own transaction."""
    async with ctx.db.session() as session, session.begin():
        last = await snapshot_repository.batch_end(session, after, batch_size)
        if last is None:
            return None
        rows = await snapshot_repository.snapshot_inputs(session, as_of, after, last, ctx.clock.zone,
                                                         from_order_months=by_month)
        return after, last, rows


async def _snapshot_batch(
    ctx: ServiceContext, session: AsyncSession, batch: _ScoredBatch, month: date, as_of: datetime,
    version: str, policy: EvaluationPolicy, now: datetime,
) -> dict[str, int]:
    """One scored batch, set-based: its month-end rows in one bulk insert, and the customers whose
    score moved (or that had none) stored and announced in bulk."""
    rows, scores, after, last = batch.rows, batch.scores, batch.after, batch.last
    if scores is None:
        return {"customers": 0, "changed": 0, "warnings": 0}
    changed, first_tiers = await _store_moved(ctx, session, batch, version, as_of, policy)
    # The current scores now hold the month-end scores, except those computed after the month
    # ended: copied in the database, and only the others sent from here.
    copied = await snapshot_repository.month_ends_from_scores(session, after, last, month, as_of)
    rest = [i for i, r in enumerate(rows) if copied is None or r[0] not in copied]
    if rest:
        await snapshot_repository.insert_snapshots(session, {
            "customer_id": [rows[i][0] for i in rest], "month": [month] * len(rest),
            "value": [scores.values[i] for i in rest], "computed_tier": [scores.tiers[i] for i in rest],
            "tier": [rows[i][FACT_COLUMNS + 2] or first_tiers.get(rows[i][0], scores.tiers[i]) for i in rest],
            "quadrant": [scores.quadrants[i] for i in rest], "model_version": [version] * len(rest),
            "computed_at": [as_of] * len(rest),
        })
    count = len(rows)
    warnings = await _raise_declining(ctx, session, after, last, month, policy, rows, now)
    return {"customers": count, "changed": changed, "warnings": warnings}


def _moved(row, value: float, computed_tier: str, quadrant: str, version: str, as_of: datetime) -> bool:
    """Whether the month-end score differs from the customer's current one (or it has none). A
    score computed after this month's end (an order since) is newer than the snapshot: the
    customer keeps it (its month-end row is written all the same)."""
    current_value, current_computed, _, current_quadrant, current_model, computed_at = row[FACT_COLUMNS:]
    if current_value is None:
        return True
    return ((value, computed_tier, quadrant, version)
            != (current_value, current_computed, current_quadrant, current_model)
            and as_utc(computed_at) <= as_of)


async def _store_moved(
    ctx: ServiceContext, session: AsyncSession, batch: _ScoredBatch, version: str, as_of: datetime,
    policy: EvaluationPolicy,
) -> tuple[int, dict[str, str]]:
    """Store and announce the new current scores of the customers whose score moved, in bulk and
    without row locks: the writes themselves keep a score computed since the batch was read (an
    order meanwhile) and never touch the tier. A customer never scored gets its first score and
    tier (an approved override wins) and its first review date. Returns how many were stored and
    the tiers of those scored for the first time."""
    rows, scores, moved = batch.rows, batch.scores, batch.moved
    if not moved:
        return 0, {}
    unscored = [rows[index][0] for index in moved if rows[index][FACT_COLUMNS] is None]
    overrides = await repository.override_tiers(session, unscored, as_of) if unscored else {}
    changes = []
    for index, explained in zip(moved, batch.explained, strict=True):
        row = rows[index]
        current_value, _, current_tier = row[FACT_COLUMNS:FACT_COLUMNS + 3]
        tier = current_tier if current_value is not None else overrides.get(row[0], scores.tiers[index])
        changes.append(ScoreChange(
            customer_id=row[0], owner=row[1], value=scores.values[index], computed_tier=scores.tiers[index],
            tier=tier, quadrant=scores.quadrants[index], model_version=version, components=explained,
            amount_12m=float(row[7]), orders_12m=int(row[6]), last_order_at=as_utc(row[5]),
            previous_value=current_value, previous_tier=current_tier,
        ))
    score_rows_of = dict(zip((c.customer_id for c in changes), score_rows(changes, as_of), strict=True))
    written = await snapshot_repository.replace_older_scores(
        session, [score_rows_of[c.customer_id] for c in changes if c.previous_value is not None])
    written |= await snapshot_repository.insert_first_scores(
        session, [score_rows_of[c.customer_id] for c in changes if c.previous_value is None])
    stored = [replace(c, tier=written[c.customer_id]) for c in changes if c.customer_id in written]
    schedule: dict[datetime, list[str]] = {}
    for change in (c for c in stored if c.previous_value is None):
        schedule.setdefault(next_evaluation(Tier(change.tier), as_of, policy), []).append(change.customer_id)
    await store_score_changes(ctx, session, stored, as_of, SNAPSHOT_REASON, scores_written=True)
    await repository.reschedule(session, schedule)
    return len(stored), {c.customer_id: c.tier for c in stored if c.previous_value is None}


async def _raise_declining(
    ctx: ServiceContext, session: AsyncSession, after: str | None, last: str, month: date,
    policy: EvaluationPolicy, rows: list, now: datetime,
) -> int:
    """"The score fell 3 months in a row", read from the snapshots just written: raised (and
    published) once per customer while it holds, cleared when this month's snapshot no longer
    shows it."""
    months = [first_of_month(month, -k) for k in range(policy.declining_months, -1, -1)]
    candidates = await snapshot_repository.declining_candidates(session, after, last, months)
    open_signals = await snapshot_repository.open_signals_in_range(
        session, after, last, SignalCode.SCORE_DECLINING)
    await snapshot_repository.clear_signals(
        session, sorted(open_signals - set(candidates)), SignalCode.SCORE_DECLINING)
    if not candidates:
        return 0
    owners = {r[0]: (r[1], r[FACT_COLUMNS + 2] or None, r[FACT_COLUMNS + 3])
              for r in rows if r[0] in candidates}
    events = []
    for customer_id, values in candidates.items():
        signal = declining_signal(values, policy)
        if signal is None or customer_id in open_signals:
            continue
        session.add(ChurnSignalRow(customer_id=customer_id, code=signal.code.value, detail=signal.detail,
                                   detected_at=now))
        CHURN_SIGNALS.labels(signal.code.value).inc()
        owner, tier, quadrant = owners.get(customer_id, (None, None, None))
        events.append(("churn-risk-detected", customer_id, {
            "customer_id": customer_id, "reasons": [{"code": signal.code.value, "detail": signal.detail}],
            "tier": tier, "quadrant": quadrant, "owner": owner, "detected_at": format_time(now),
        }))
    await ctx.outbox.append_many(session, events)
    return len(events)
