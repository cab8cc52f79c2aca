"""Scheduled re-evaluation, the spending-drop trigger and churn-risk warnings (docs/design.md §3)."""

from datetime import UTC, datetime, timedelta

from services.segmentation.models import MonthlyScoreRow
from services.segmentation.service.evaluation import detect_churn_risks
from services.segmentation.service.snapshots import snapshot_past_month
from shared.business_time import local_date, month_of, month_starts
from tests.integration.segmentation.helpers import (
    ACCOUNT_MANAGER,
    MANAGER,
    create_customer,
    create_worked_example,
    new_id,
)
from tests.support import EventCollector, eventually


async def test_new_customers_are_scored_by_the_scheduler_and_rescheduled(seg):
    customer_id = await create_worked_example(seg, "C", prefix="sched")

    async def scored():
        profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
        return profile if profile["score"] else None

    profile = await eventually(scored, timeout=20)
    assert profile["score"]["tier"] == "Observation"
    next_at = datetime.fromisoformat(profile["next_evaluation_at"])
    # Half-yearly: from now, or from the end of last month when the monthly snapshot (which scores
    # never-scored customers as of the month's end) reached the new customer first.
    month_end = datetime.fromisoformat(profile["created_at"]).replace(day=1) - timedelta(days=1)
    assert next_at - month_end >= timedelta(days=181)
    assert next_at - datetime.now(UTC) <= timedelta(days=182)
    history = (await seg.get(f"/v1/customers/{customer_id}/history", headers=MANAGER)).json()
    # The first score (and tier) comes from the scheduler, the monthly snapshot or the first orders,
    # whichever is first (or from a rescoring of every customer another test of the run started on
    # the same database: a job or a scoring-model change); never from a request about this customer.
    unasked = ("scheduled", "monthly-snapshot", "order", "job", "model-change")
    assert history["scores"][-1]["reason"] in unasked
    assert len(history["tier_changes"]) == 1


async def test_ninety_silent_days_raise_a_churn_warning_once(seg, broker):
    customer_id = new_id("silent")
    await create_customer(seg, customer_id)
    old = (datetime.now(UTC) - timedelta(days=200)).isoformat()  # before the spending window
    await seg.post(f"/v1/customers/{customer_id}/orders", headers=ACCOUNT_MANAGER,
                   json={"order_id": f"{customer_id}-1", "amount": 5000, "ordered_at": old})
    ctx = seg.app.state.ctx
    async with EventCollector(broker.bootstrap, ["churn-risk-detected"]) as events:
        await detect_churn_risks(ctx, datetime.now(UTC))
        found = await events.wait_for(lambda e: e["subject"] == customer_id)
        await detect_churn_risks(ctx, datetime.now(UTC))  # the signal is already open
        await eventually(lambda: ctx.relay is not None, timeout=1)
    reasons = found[0]["data"]["reasons"]
    assert [r["code"] for r in reasons] == ["no-activity-90d"]
    assert found[0]["data"]["owner"] == "am-1"
    assert len([e for e in events.events if e["subject"] == customer_id]) == 1
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert [r["code"] for r in profile["churn_risk"]] == ["no-activity-90d"]

    # An interaction today ends the silence; the signal clears on the next run.
    await seg.post(f"/v1/customers/{customer_id}/interactions", headers=ACCOUNT_MANAGER,
                   json={"kind": "call", "occurred_at": datetime.now(UTC).isoformat()})
    await detect_churn_risks(ctx, datetime.now(UTC))
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert profile["churn_risk"] == []


async def test_spending_drop_triggers_a_rescore_and_a_warning(seg, broker):
    customer_id = new_id("drop")
    await create_customer(seg, customer_id)
    now = datetime.now(UTC)
    starts = month_starts(now, seg.app.state.ctx.clock.zone, 5)
    monthly = [100_000, 100_000, 100_000, 20_000, 10_000]
    orders = [{"order_id": f"{customer_id}-m{i}", "amount": amount,
               "ordered_at": (start + timedelta(days=10)).isoformat()}
              for i, (start, amount) in enumerate(zip(starts, monthly, strict=False))]
    await seg.post(f"/v1/customers/{customer_id}/orders", json=orders, headers=ACCOUNT_MANAGER)
    async with EventCollector(broker.bootstrap, ["churn-risk-detected", "score-updated"]) as events:
        await detect_churn_risks(seg.app.state.ctx, now)
        warning = await events.wait_for(
            lambda e: e["subject"] == customer_id and e["type"] == "churn-risk-detected")
        rescored = await events.wait_for(
            lambda e: e["subject"] == customer_id and e["type"] == "score-updated"
            and e["data"]["reason"] == "spending-drop")
    assert "spending-drop" in [r["code"] for r in warning[0]["data"]["reasons"]]
    assert rescored[0]["data"]["amount_12m"] == sum(monthly)


async def test_score_falling_three_months_running_is_raised_by_the_snapshot_and_kept_by_detection(
    seg, broker
):
    customer_id = new_id("decline")
    await create_customer(seg, customer_id)
    now = datetime.now(UTC)
    await seg.post(f"/v1/customers/{customer_id}/interactions", headers=ACCOUNT_MANAGER,
                   json={"kind": "visit", "occurred_at": now.isoformat()})
    ctx = seg.app.state.ctx
    starts = month_starts(now, ctx.clock.zone, 4)
    async with ctx.db.session() as session, session.begin():
        # Four month-end snapshots, each lower than the one before.
        for start, value in zip(starts[:4], [80.0, 75.0, 70.0, 62.0], strict=True):
            session.add(MonthlyScoreRow(customer_id=customer_id, month=local_date(start, ctx.clock.zone),
                                        value=value, computed_tier="Key", tier="Key", quadrant="basic",
                                        model_version="rfm-weighted-v1", computed_at=start))
    async with EventCollector(broker.bootstrap, ["churn-risk-detected"]) as events:
        # The snapshot of the last month (its row is there already) reads the four month-ends.
        await snapshot_past_month(ctx, month_of(starts[3], ctx.clock.zone))
        found = await events.wait_for(lambda e: e["subject"] == customer_id)
        await detect_churn_risks(ctx, now)  # the daily detection leaves the monthly signal alone
    codes = [r["code"] for r in found[0]["data"]["reasons"]]
    assert codes == ["score-declining-3m"]
    assert "80.0 -> 75.0 -> 70.0 -> 62.0" in found[0]["data"]["reasons"][0]["detail"]
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert [r["code"] for r in profile["churn_risk"]] == ["score-declining-3m"]

