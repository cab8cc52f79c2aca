"""Scheduled re-evaluation, the spending-drop trigger and churn-risk warnings (docs/design.md §3)."""

from datetime import UTC, datetime, timedelta

from services.segmentation.domain.signals import month_starts
from services.segmentation.models import ScoreHistoryRow
from services.segmentation.service.evaluation import claim_daily_run, detect_churn_risks
from tests.integration.segmentation.helpers import (
    ACCOUNT_MANAGER,
    ANALYST,
    create_customer,
    create_worked_example,
    new_id,
)
from tests.support import EventCollector, eventually


async def test_new_customers_are_scored_by_the_scheduler_and_rescheduled(seg):
    customer_id = await create_worked_example(seg, "C", prefix="sched")

    async def scored():
        profile = (await seg.get(f"/v1/customers/{customer_id}", headers=ANALYST)).json()
        return profile if profile["score"] else None

    profile = await eventually(scored, timeout=20)
    assert profile["score"]["tier"] == "Observation"
    next_at = datetime.fromisoformat(profile["next_evaluation_at"])
    assert timedelta(days=181) < next_at - datetime.now(UTC) <= timedelta(days=182)  # half-yearly
    history = (await seg.get(f"/v1/customers/{customer_id}/history", headers=ANALYST)).json()
    assert history["scores"][-1]["reason"] == "scheduled"


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
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=ANALYST)).json()
    assert [r["code"] for r in profile["churn_risk"]] == ["no-activity-90d"]

    # An interaction today ends the silence; the signal clears on the next run.
    await seg.post(f"/v1/customers/{customer_id}/interactions", headers=ACCOUNT_MANAGER,
                   json={"kind": "call", "occurred_at": datetime.now(UTC).isoformat()})
    await detect_churn_risks(ctx, datetime.now(UTC))
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=ANALYST)).json()
    assert profile["churn_risk"] == []


async def test_spending_drop_triggers_a_rescore_and_a_warning(seg, broker):
    customer_id = new_id("drop")
    await create_customer(seg, customer_id)
    now = datetime.now(UTC)
    starts = month_starts(now, 5)
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


async def test_score_falling_three_months_running_raises_a_warning(seg, broker):
    customer_id = new_id("decline")
    await create_customer(seg, customer_id)
    now = datetime.now(UTC)
    await seg.post(f"/v1/customers/{customer_id}/interactions", headers=ACCOUNT_MANAGER,
                   json={"kind": "visit", "occurred_at": now.isoformat()})
    starts = month_starts(now, 5)
    ctx = seg.app.state.ctx
    async with ctx.db.session() as session, session.begin():
        for start, value in zip(starts[1:5], [80.0, 75.0, 70.0, 62.0], strict=False):
            session.add(ScoreHistoryRow(customer_id=customer_id, value=value, tier="Key",
                                        quadrant="basic", model_version="rfm-weighted-v1",
                                        reason="scheduled", computed_at=start + timedelta(days=20)))
    async with EventCollector(broker.bootstrap, ["churn-risk-detected"]) as events:
        await detect_churn_risks(ctx, now)
        found = await events.wait_for(lambda e: e["subject"] == customer_id)
    codes = [r["code"] for r in found[0]["data"]["reasons"]]
    assert codes == ["score-declining-3m"]
    assert "80.0 -> 75.0 -> 70.0 -> 62.0" in found[0]["data"]["reasons"][0]["detail"]


async def test_the_daily_detection_run_is_taken_by_one_replica(seg):
    ctx = seg.app.state.ctx
    day = datetime(2031, 1, 5, 3, tzinfo=UTC)
    assert await claim_daily_run(ctx, "churn-detection", day) is True
    assert await claim_daily_run(ctx, "churn-detection", day) is False
