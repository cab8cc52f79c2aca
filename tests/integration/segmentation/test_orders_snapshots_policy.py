"""Orders move the score at once, the monthly snapshot keeps one row per customer and month and
feeds trends and the decline warning, the tier waits for its review, the policy is editable
(docs/design.md §9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select

from services.segmentation.app import create_app
from services.segmentation.models import MonthlyScoreRow, SnapshotProgressRow
from services.segmentation.service.snapshots import snapshot_month
from services.segmentation.settings import segmentation_settings
from shared.business_time import first_of_month, local_date, month_bounds
from tests.integration.segmentation.helpers import ACCOUNT_MANAGER, ANALYST, MANAGER, create_customer, new_id
from tests.support import ADMIN, EventCollector, running_service


async def test_recording_orders_rescores_at_once_and_the_tier_waits_for_its_review(seg, broker):
    customer_id = new_id("orders")
    await create_customer(seg, customer_id, growth_pct=15, repurchase_rate=85)
    now = datetime.now(UTC)
    small = {"order_id": f"{customer_id}-1", "amount": 2000,
             "ordered_at": (now - timedelta(days=300)).isoformat()}
    first = await seg.post(f"/v1/customers/{customer_id}/orders", json=small, headers=ACCOUNT_MANAGER)
    assert first.status_code == 200 and first.json()["score_changed"] is True
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert profile["score"]["tier"] == profile["score"]["computed_tier"] == "Observation"
    big = [{"order_id": f"{customer_id}-b{i}", "amount": 70_000,
            "ordered_at": (now - timedelta(days=2 + 28 * i)).isoformat()} for i in range(12)]
    topics = ["order-recorded", "score-updated", "tier-changed"]
    async with EventCollector(broker.bootstrap, topics) as events:
        recorded = await seg.post(f"/v1/customers/{customer_id}/orders", json=big, headers=ACCOUNT_MANAGER)
        assert recorded.json() == {"accepted": 12, "duplicates": [], "score_changed": True}
        orders = await events.wait_for(lambda e: e["type"] == "order-recorded" and e["subject"] == customer_id
                                       and e["data"]["order_id"].startswith(f"{customer_id}-b"), count=12)
        scored = await events.wait_for(lambda e: e["type"] == "score-updated" and e["subject"] == customer_id
                                       and e["data"]["reason"] == "order")
    assert {e["data"]["order_id"] for e in orders} == {o["order_id"] for o in big}
    assert orders[0]["data"]["amount"] == 70_000 and orders[0]["_key"] == customer_id
    assert set(orders[0]["data"]) == {"customer_id", "order_id", "amount", "ordered_at", "recorded_at"}
    # The score and the computed tier moved in the same request; the tier waits for the review.
    assert scored[-1]["data"]["computed_tier"] == "VIP" and scored[-1]["data"]["tier"] == "Observation"
    moves = [e for e in events.events if e["type"] == "tier-changed" and e["subject"] == customer_id]
    assert [(e["data"]["from_tier"], e["data"]["to_tier"]) for e in moves] == [(None, "Observation")]
    profile = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert (profile["score"]["tier"], profile["score"]["computed_tier"]) == ("Observation", "VIP")
    # A review on request moves it.
    reviewed = (await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)).json()
    assert reviewed["tier"] == "VIP"


async def test_the_evaluation_policy_is_versioned_and_only_an_admin_edits_it(seg):
    current = (await seg.get("/v1/evaluation-policy", headers=ANALYST)).json()
    assert current["review_interval_days"] == {"VIP": 91, "Key": 182, "Regular": 182, "Observation": 182}
    assert current["high_value_share"] == 0.3 and current["declining_months"] == 3
    document = {k: v for k, v in current.items() if k not in ("version", "created_by", "created_at")}
    assert (await seg.put("/v1/evaluation-policy", json=document, headers=MANAGER)).status_code == 403
    reviews = {**document["review_interval_days"], "VIP": 0}
    bad = await seg.put("/v1/evaluation-policy", headers=ADMIN,
                        json={**document, "review_interval_days": reviews})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "review_interval_days.VIP"
    assert (await seg.put("/v1/evaluation-policy", headers=ADMIN,
                          json={**document, "high_value_share": 2})).json()["errors"][0]["field"] == (
        "high_value_share")
    tag = (await seg.get("/v1/evaluation-policy", headers=ANALYST)).headers["etag"]
    assert tag == f'"evaluation-policy.{current["version"]}"'
    stale = await seg.put("/v1/evaluation-policy", json=document,
                          headers={**ADMIN, "If-Match": f'"evaluation-policy.{current["version"] - 1}"'})
    assert stale.status_code == 412
    saved = await seg.put("/v1/evaluation-policy", headers={**ADMIN, "If-Match": tag},
                          json={**document, "override_validity_days": 30})
    assert saved.status_code == 200 and saved.json()["version"] == current["version"] + 1
    assert saved.headers["etag"] == f'"evaluation-policy.{current["version"] + 1}"'
    # The tag read before the save is stale now: a second editor holding it is refused.
    assert (await seg.put("/v1/evaluation-policy", headers={**ADMIN, "If-Match": tag},
                          json=document)).status_code == 412
    try:
        customer_id = new_id("validity")
        await create_customer(seg, customer_id)
        proposal = (await seg.post(f"/v1/customers/{customer_id}/tier-overrides", headers=ACCOUNT_MANAGER,
                                   json={"tier": "Key", "reason": "Reference customer"})).json()
        expires_at = datetime.fromisoformat(proposal["expires_at"])
        assert expires_at - datetime.fromisoformat(proposal["proposed_at"]) == timedelta(days=30)
    finally:
        await seg.put("/v1/evaluation-policy", headers=ADMIN, json=document)


async def test_monthly_snapshots_make_a_trend_and_raise_the_decline_warning(own_database, broker):
    # No schedules here: the months are built on request, in order, once the orders are in.
    settings = segmentation_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                     run_workers=False, snapshot_batch_size=2)
    async with running_service(create_app(settings)) as seg:
        ctx = seg.app.state.ctx
        zone, now = ctx.clock.zone, ctx.clock.now()
        this_month = local_date(now, zone).replace(day=1)
        months = [first_of_month(this_month, -k).strftime("%Y-%m") for k in range(4, 0, -1)]
        fading, steady = new_id("fading"), new_id("steady")
        for customer_id in (fading, steady, new_id("quiet")):
            await create_customer(seg, customer_id, growth_pct=8, repurchase_rate=60)
        # `fading` bought a lot five months ago and nothing since: its month-end score falls as the
        # last order ages; `steady` buys every week.
        start_of_fifth = month_bounds(first_of_month(this_month, -5).strftime("%Y-%m"), zone)[0]
        await seg.post(f"/v1/customers/{fading}/orders", headers=ACCOUNT_MANAGER, json=[
            {"order_id": f"{fading}-{i}", "amount": 50_000,
             "ordered_at": (start_of_fifth + timedelta(days=i)).isoformat()} for i in range(6)])
        await seg.post(f"/v1/customers/{steady}/orders", headers=ACCOUNT_MANAGER, json=[
            {"order_id": f"{steady}-{i}", "amount": 5_000,
             "ordered_at": (now - timedelta(days=7 * i + 1)).isoformat()} for i in range(30)])
        async with EventCollector(broker.bootstrap, ["churn-risk-detected"]) as events:
            for month in months:  # oldest first, as the schedule catches up
                built = await seg.post("/v1/monthly-snapshots", json={"month": month}, headers=MANAGER)
                assert built.status_code == 200, built.text
                assert built.json()["customers"] == 3
            warning = await events.wait_for(lambda e: e["subject"] == fading)
        assert built.json()["warnings"] == 1
        assert warning[0]["data"]["reasons"][0]["code"] == "score-declining-3m"
        assert not [e for e in events.events if e["subject"] == steady]
        history = (await seg.get(f"/v1/customers/{fading}/history", headers=MANAGER)).json()
        assert [m["month"] for m in history["month_ends"]] == months[::-1]
        values = [m["value"] for m in history["month_ends"]][::-1]
        assert values == sorted(values, reverse=True) and len(set(values)) == 4
        assert f"{values[0]:.1f} -> {values[1]:.1f}" in warning[0]["data"]["reasons"][0]["detail"]
        profile = (await seg.get(f"/v1/customers/{fading}", headers=MANAGER)).json()
        assert profile["trend"]["m1"] == values[-1] and profile["trend"]["m3"] == values[1]
        assert profile["trend"]["m12"] is None and profile["trend"]["direction"] == "down"
        assert [r["code"] for r in profile["churn_risk"]] == ["score-declining-3m"]

        # Built again from scratch: one row per customer and month, never two; no second warning.
        async with ctx.db.session() as session, session.begin():
            await session.execute(delete(SnapshotProgressRow))
        again = await seg.post("/v1/monthly-snapshots", json={"month": months[-1]}, headers=MANAGER)
        assert again.json() == {"month": months[-1], "customers": 3, "changed": 0, "warnings": 0}
        async with ctx.db.session() as session:
            rows = await session.scalar(select(func.count()).select_from(MonthlyScoreRow))
        assert rows == 3 * 4

        # A run that stopped after its first batch resumes after the last customer it committed.
        month = first_of_month(this_month, -6)
        start, end = month_bounds(month.strftime("%Y-%m"), zone)
        customers = sorted(await _customer_ids(ctx))
        async with ctx.db.session() as session, session.begin():
            session.add(SnapshotProgressRow(month=month, cursor=customers[1], customers=2, changed=0,
                                            warnings=0, updated_at=now))
        outcome = await snapshot_month(ctx, start, end, now)
        assert outcome["customers"] == 3
        async with ctx.db.session() as session:
            done = set((await session.scalars(select(MonthlyScoreRow.customer_id).where(
                MonthlyScoreRow.month == month))).all())
        assert done == {customers[2]}  # the first two were "done" by the run that stopped

        future = await seg.post("/v1/monthly-snapshots", json={"month": this_month.strftime("%Y-%m")},
                                headers=MANAGER)
        assert future.status_code == 422 and future.json()["errors"][0]["field"] == "month"
        assert (await seg.post("/v1/monthly-snapshots", json={"month": "2026-13"},
                               headers=MANAGER)).json()["errors"][0]["field"] == "month"


async def _customer_ids(ctx) -> list[str]:
    from services.segmentation.models import CustomerRow

    async with ctx.db.session() as session:
        return list((await session.scalars(select(CustomerRow.id))).all())


async def test_the_top_30_percent_line_computed_by_the_database_is_the_rules(seg):
    from sqlalchemy import func as sql_func

    from services.segmentation.domain.quadrants import high_value_threshold
    from services.segmentation.models import OrderRow
    from services.segmentation.repository import YEAR, high_value_line

    now = datetime.now(UTC)
    for index, amount in enumerate([1000, 2000, 3000, 5000, 8000, 13000, 21000]):
        customer_id = new_id("line")
        await create_customer(seg, customer_id)
        await seg.post(f"/v1/customers/{customer_id}/orders", headers=ACCOUNT_MANAGER, json={
            "order_id": f"{customer_id}-{index}", "amount": amount,
            "ordered_at": (now - timedelta(days=10)).isoformat()})
    async with seg.app.state.ctx.db.session() as session:
        amounts = [float(a) for a in (await session.scalars(
            select(sql_func.sum(OrderRow.amount))
            .where(OrderRow.ordered_at > now - YEAR, OrderRow.ordered_at <= now)
            .group_by(OrderRow.customer_id))).all()]
        for share in (0.3, 0.1, 0.5, 0.99):
            assert await high_value_line(session, now, share) == high_value_threshold(amounts, share)
