"""What the monthly snapshot writes beside the month-end rows (docs/design.md §9): the customers
whose score moved get their new current score, a history row and `score-updated`, in bulk; a
customer never scored gets its first score and tier; a score computed after the month's end is
left alone; run again, nothing is written twice. On PostgreSQL and on SQLite (the embedded
default)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select, update

from services.segmentation import snapshot_repository
from services.segmentation.app import create_app
from services.segmentation.models import (
    CustomerRow,
    MonthlyScoreRow,
    ScoreHistoryRow,
    ScoreRow,
    SnapshotProgressRow,
)
from services.segmentation.service.snapshots import snapshot_past_month
from services.segmentation.settings import segmentation_settings
from shared.business_time import first_of_month, local_date, month_bounds
from tests.integration.segmentation.helpers import ACCOUNT_MANAGER, create_customer, new_id
from tests.support import running_service


async def _events(ctx, event_type: str) -> list[str]:
    outbox = ctx.tables["outbox"]
    async with ctx.db.session() as session:
        return list((await session.scalars(
            select(outbox.c.message_key).where(outbox.c.event_type == event_type))).all())


async def test_the_snapshot_stores_moved_and_unscored_customers_in_bulk_and_never_twice(
    each_database, broker
):
    settings = segmentation_settings(database_url=each_database, kafka_bootstrap=broker.bootstrap,
                                     run_relay=False, run_consumers=False, run_workers=False,
                                     snapshot_batch_size=2)
    async with running_service(create_app(settings)) as seg:
        ctx = seg.app.state.ctx
        zone, now = ctx.clock.zone, ctx.clock.now()
        month = first_of_month(local_date(now, zone).replace(day=1), -1)
        start, _ = month_bounds(month.strftime("%Y-%m"), zone)
        imported, moved, fresh = new_id("imported"), new_id("moved"), new_id("fresh")
        for customer_id in (imported, moved, fresh):
            await create_customer(seg, customer_id, growth_pct=8, repurchase_rate=60)
            await seg.post(f"/v1/customers/{customer_id}/orders", headers=ACCOUNT_MANAGER, json=[
                {"order_id": f"{customer_id}-{i}", "amount": 40_000,
                 "ordered_at": (start - timedelta(days=20 * i + 1)).isoformat()} for i in range(5)])
        async with ctx.db.session() as session, session.begin():
            # `imported` came in without a score (a bulk load); `moved` was last scored before the
            # month ended, at a value the month-end no longer gives; `fresh` was scored just now.
            await session.execute(delete(ScoreRow).where(ScoreRow.customer_id == imported))
            await session.execute(update(CustomerRow).where(CustomerRow.id == imported)
                                  .values(next_evaluation_at=None))
            await session.execute(update(ScoreRow).where(ScoreRow.customer_id == moved)
                                  .values(value=1.0, computed_at=start))
            fresh_before = (await session.get(ScoreRow, fresh)).value
        updates_before = await _events(ctx, "score-updated")
        tiers_before = await _events(ctx, "tier-changed")

        outcome = await snapshot_past_month(ctx, month.strftime("%Y-%m"))

        assert outcome == {"month": month.strftime("%Y-%m"), "customers": 3, "changed": 2, "warnings": 0}
        updates = (await _events(ctx, "score-updated"))[len(updates_before):]
        assert sorted(updates) == sorted([imported, moved])
        assert (await _events(ctx, "tier-changed"))[len(tiers_before):] == [imported]
        async with ctx.db.session() as session:
            scores = {r.customer_id: r for r in (await session.scalars(select(ScoreRow))).all()}
            month_ends = {r.customer_id: r for r in (await session.scalars(
                select(MonthlyScoreRow).where(MonthlyScoreRow.month == month))).all()}
            history = (await session.execute(
                select(ScoreHistoryRow.customer_id, ScoreHistoryRow.reason)
                .where(ScoreHistoryRow.reason == "monthly-snapshot"))).all()
            next_review = await session.scalar(
                select(CustomerRow.next_evaluation_at).where(CustomerRow.id == imported))
        assert sorted(history) == sorted([(imported, "monthly-snapshot"), (moved, "monthly-snapshot")])
        assert set(month_ends) == {imported, moved, fresh}
        # The first score of `imported` is its month-end score, with its tier and first review.
        assert scores[imported].value == month_ends[imported].value
        assert scores[imported].tier == scores[imported].computed_tier == month_ends[imported].tier
        assert scores[imported].components["M"]["input"] == 200_000
        assert next_review is not None
        # `moved` takes the month-end score; its tier waits for the review.
        assert scores[moved].value == month_ends[moved].value != 1.0
        assert scores[fresh].value == fresh_before

        # Guarded writes, no row locks: a score computed after the month's end (an order recorded
        # while a batch was being scored) is neither replaced nor re-inserted.
        stale = {"customer_id": fresh, "value": 1.0, "computed_tier": "Observation", "tier": "VIP",
                 "quadrant": "to-optimize", "model_version": "old", "components": {}, "amount_12m": 0.0,
                 "orders_12m": 0, "last_order_at": None, "computed_at": start}
        async with ctx.db.session() as session, session.begin():
            assert await snapshot_repository.replace_older_scores(session, [stale]) == {}
            assert await snapshot_repository.insert_first_scores(session, [stale]) == {}
        async with ctx.db.session() as session:
            assert (await session.get(ScoreRow, fresh)).value == fresh_before

        # Built again from the start: nothing written twice, nothing announced again.
        async with ctx.db.session() as session, session.begin():
            await session.execute(delete(SnapshotProgressRow))
        again = await snapshot_past_month(ctx, month.strftime("%Y-%m"))
        assert again == {"month": month.strftime("%Y-%m"), "customers": 3, "changed": 0, "warnings": 0}
        assert len(await _events(ctx, "score-updated")) == len(updates_before) + 2
        async with ctx.db.session() as session:
            assert await session.scalar(select(func.count()).select_from(MonthlyScoreRow)) == 3
            assert await session.scalar(select(func.count()).select_from(ScoreHistoryRow).where(
                ScoreHistoryRow.reason == "monthly-snapshot")) == 2
