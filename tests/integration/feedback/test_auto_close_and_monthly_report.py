"""Resolved tickets nobody confirms close by themselves after 7 days, and the monthly tiered service
report is built on the 1st from tickets and events, stored, served and announced once
(docs/design.md §9). The test clock moves the days."""

from __future__ import annotations

import uuid
from datetime import timedelta

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from shared.business_time import at_local, first_of_month, local_date, month_of
from tests.integration.feedback.helpers import (
    AGENT,
    ANALYST,
    MANAGER,
    get_ticket,
    iso,
    new_id,
    open_ticket,
    post,
    produce,
)
from tests.support import ADMIN, EventCollector, eventually, running_service

TEST_SOURCE = "test"


async def _move_clock(client, to) -> None:
    response = await client.put("/v1/clock", headers=ADMIN, json={"now": to.isoformat()})
    assert response.status_code == 200, response.text


async def _last_run(client, name: str) -> dict | None:
    listing = {s["name"]: s for s in (await client.get("/v1/schedules", headers=ANALYST)).json()}
    return listing[name]["last_run"]


async def test_unconfirmed_tickets_close_once_and_the_monthly_report_counts_them(own_database, broker):
    settings = feedback_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                 sweep_interval_seconds=0.2)
    async with running_service(create_app(settings)) as fb:
        ctx = fb.app.state.ctx
        zone = ctx.clock.zone
        # The 2nd of next month, 10:00 business time: the whole story stays inside one month.
        next_month = first_of_month(local_date(ctx.clock.now(), zone), 1)
        start = at_local(next_month, zone) + timedelta(days=1, hours=10)
        await _move_clock(fb, start)
        month = month_of(start, zone)
        customer = new_id("vip")
        await produce(broker.bootstrap, "score-updated", customer, {
            "customer_id": customer, "score": 93.0, "tier": "VIP", "quadrant": "core",
            "model_version": "rfm-weighted-v1", "computed_at": iso(start)}, TEST_SOURCE)
        await eventually(lambda: _tier_known(ctx, customer))
        silent, confirmed, unhappy = [
            (await open_ticket(fb, customer, priority=p))["id"] for p in ("P2", "P3", "P2")]
        for ticket_id in (silent, confirmed, unhappy):
            await post(fb, ticket_id, "responses", {"message": "Looking into it"})
            await post(fb, ticket_id, "resolve", {"solution": "Patched", "improvement": "Monitoring"})
        await post(fb, confirmed, "verification", {"solved": True})
        await post(fb, unhappy, "verification", {"solved": False})
        # What the report builds on besides tickets: answers, care actions, tier moves.
        action = str(uuid.uuid4())
        await produce(broker.bootstrap, "satisfaction-scored", customer, {
            "customer_id": customer, "survey_id": "S", "response_id": str(uuid.uuid4()), "value": 4.5,
            "level": "very_satisfied", "nps": 10, "tier": "VIP", "answered_at": iso(start)}, TEST_SOURCE)
        await produce(broker.bootstrap, "action-created", customer, {
            "customer_id": customer, "action_id": action, "kind": "executive-visit", "status": "pending",
            "due_at": iso(start + timedelta(days=3)), "created_at": iso(start)}, TEST_SOURCE)
        await produce(broker.bootstrap, "action-completed", customer, {
            "customer_id": customer, "action_id": action, "kind": "executive-visit",
            "completed_at": iso(start + timedelta(hours=1))}, TEST_SOURCE)
        await produce(broker.bootstrap, "tier-changed", customer, {
            "customer_id": customer, "from_tier": "Key", "to_tier": "VIP", "reason": "score",
            "changed_at": iso(start)}, TEST_SOURCE)

        async with EventCollector(broker.bootstrap, ["ticket-closed", "report-published"]) as events:
            await _move_clock(fb, start + timedelta(days=6))  # not yet
            await eventually(lambda: _ran_after(fb, "auto-close", start + timedelta(days=6)))
            assert (await get_ticket(fb, silent))["status"] == "resolved"

            await _move_clock(fb, start + timedelta(days=7, minutes=11))
            closed = await events.wait_for(lambda e: e["type"] == "ticket-closed"
                                           and e["data"]["ticket_id"] == silent)
            ticket = await get_ticket(fb, silent)
            assert ticket["status"] == "closed"
            assert ticket["history"][-1]["action"] == "closed-without-confirmation"
            assert ticket["history"][-1]["detail"]["reason"] == "closed without confirmation"
            assert closed[0]["data"]["reason"] == "closed-without-confirmation"
            assert (await get_ticket(fb, unhappy))["status"] == "reopened"  # not resolved: left alone

            # The 1st of the next month, 03:00 business time: last month's report is built.
            next_first = at_local(first_of_month(local_date(start, zone), 1), zone) + timedelta(hours=3)
            await _move_clock(fb, next_first)
            published = await events.wait_for(lambda e: e["type"] == "report-published"
                                              and e["subject"] == month, timeout=30)
            await _move_clock(fb, next_first + timedelta(days=2))
            await eventually(lambda: _ran_after(fb, "auto-close", next_first + timedelta(days=2)))
        assert len([e for e in events.events if e["type"] == "ticket-closed"
                    and e["data"]["ticket_id"] == silent]) == 1
        assert len([e for e in events.events if e["type"] == "report-published"
                    and e["subject"] == month]) == 1
        assert published[0]["data"]["url"] == f"/v1/reports/monthly?month={month}"
        report = (await fb.get("/v1/reports/monthly", params={"month": month}, headers=ANALYST)).json()
        assert report["kind"] == "monthly-service" and report["month"] == month
        vip = report["sla"]["by_tier"]["VIP"]
        assert vip["tickets"] == 3
        assert vip["closed_confirmed"] == 1 and vip["closed_without_confirmation"] == 1
        assert set(report["sla"]["by_tier_and_priority"]["VIP"]) == {"P2", "P3"}
        assert report["effect"]["tickets_closed_without_confirmation"] == 1
        assert report["effect"]["tickets_closed_confirmed"] == 1
        assert report["satisfaction"]["VIP"] == {"answers": 1, "satisfaction": 4.5, "nps": 100.0,
                                                 "nps_answers": 1}
        assert report["actions"]["VIP"]["done"] == 1 and report["actions"]["VIP"]["done_on_time"] == 1
        assert report["tier_moves"]["moves"] == [{"from": "Key", "to": "VIP", "customers": 1}]
        assert report["tier_moves"]["up"] == 1
        missing = await fb.get("/v1/reports/monthly", params={"month": "2031-01"}, headers=ANALYST)
        assert missing.status_code == 404
        bad = await fb.get("/v1/reports/monthly", params={"month": "2031-1"}, headers=ANALYST)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "month"


async def test_the_verification_policy_is_versioned_and_admin_only(fb):
    current = (await fb.get("/v1/verification-policy", headers=AGENT)).json()
    assert current["auto_close_after_days"] == 7 and current["version"] >= 1
    assert (await fb.put("/v1/verification-policy", headers=MANAGER,
                         json={"auto_close_after_days": 5})).status_code == 403
    bad = await fb.put("/v1/verification-policy", headers=ADMIN, json={"auto_close_after_days": 0})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "auto_close_after_days"
    saved = await fb.put("/v1/verification-policy", headers=ADMIN, json={"auto_close_after_days": 10})
    assert saved.status_code == 200 and saved.json()["version"] == current["version"] + 1
    await fb.put("/v1/verification-policy", headers=ADMIN, json={"auto_close_after_days": 7})


async def _tier_known(ctx, customer_id: str) -> bool:
    from services.feedback.models import CustomerTierRow

    async with ctx.db.session() as session:
        return await session.get(CustomerTierRow, customer_id) is not None


async def _ran_after(client, name: str, moment) -> bool:
    from datetime import datetime

    run = await _last_run(client, name)
    return bool(run and run["status"] == "done" and datetime.fromisoformat(run["started_at"]) >= moment)
