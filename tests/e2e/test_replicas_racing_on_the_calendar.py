"""Two replicas of every service, their schedulers racing through two month ends on one database:
each month-end row, score event, report, recurring action, survey invitation and auto-close
happens once (docs/design.md §9)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func, select

from services.segmentation.models import MonthlyScoreRow
from shared.business_time import at_local, first_of_month, local_date, zone_named
from tests.e2e.calendar import platform, wait_for_run
from tests.support import ADMIN, EventCollector, bearer, eventually

AGENT = bearer("agent", sub="agent-race", team="tech-support")  # technical tickets
ZONE = zone_named("Asia/Shanghai")
CUSTOMERS = [f"race-{n}" for n in range(6)]


def _second_of_month(anchor: datetime, months_later: int) -> datetime:
    month = first_of_month(local_date(anchor, ZONE), months_later)
    return at_local(month, ZONE) + timedelta(days=1, hours=10)


async def test_two_replicas_of_every_scheduler_produce_each_item_once(own_database, broker):
    async with platform(own_database, broker.bootstrap, replicas=2) as services:
        seg, feedback, playbook = services.segmentation[0], services.feedback[0], services.playbook[0]
        start = _second_of_month(seg.app.state.ctx.clock.now(), 1)
        await services.move_clocks(start)
        async with EventCollector(broker.bootstrap, services.topics()) as events:
            for number, customer in enumerate(CUSTOMERS):
                writer = services.segmentation[number % 2]  # both replicas take requests
                await writer.put(f"/v1/customers/{customer}", headers=ADMIN, json={
                    "name": customer, "since": "2020-01-01", "growth_pct": 5, "repurchase_rate": 50,
                    "owner": "am-race"})
                await writer.post(f"/v1/customers/{customer}/orders", headers=ADMIN, json=[
                    {"order_id": f"{customer}-{i}", "amount": 20_000 * (number + 1),
                     "ordered_at": (start - timedelta(days=20 * i + 1)).isoformat()} for i in range(4)])
                await writer.post(f"/v1/customers/{customer}/rescore", headers=ADMIN)
            tickets = []
            for customer in CUSTOMERS[:3]:
                ticket = (await feedback.post("/v1/tickets", headers=AGENT, json={
                    "customer_id": customer, "channel": "web", "type": "problem", "category": "technical",
                    "description": "sync fails"})).json()
                for action, body in (("responses", {"message": "On it"}),
                                     ("resolve", {"solution": "Fixed", "improvement": "Test added"})):
                    await services.feedback[1].post(f"/v1/tickets/{ticket['id']}/{action}", json=body,
                                                    headers=AGENT)
                tickets.append(ticket["id"])
            for month in (1, 2):
                moved_to = _second_of_month(start, month)
                await services.move_clocks(moved_to)
                closed_month = first_of_month(local_date(start, ZONE), month - 1)
                covering = at_local(closed_month, ZONE) + timedelta(days=5)
                for replica in services.segmentation:
                    await wait_for_run(replica, "monthly-snapshot", covering=covering)
                await wait_for_run(feedback, "monthly-report", covering=covering)
                await wait_for_run(playbook, "recurring-care", started_after=moved_to)
                await wait_for_run(services.survey[0], "survey-cadence-invitations", started_after=moved_to)
            await events.wait_for(lambda e: e["type"] == "report-published", count=2, timeout=30)
            await events.wait_for(lambda e: e["type"] == "ticket-closed", count=len(tickets), timeout=30)

            async def planned() -> list[dict] | None:
                found = []
                for customer in CUSTOMERS:
                    found += (await playbook.get("/v1/actions", headers=ADMIN, params={
                        "customer_id": customer, "limit": 200})).json()["items"]
                periods = {a["explanation"].get("period") for a in found if a.get("rule_id")}
                return found if len(periods) >= 3 else None

            actions = await eventually(planned, timeout=30)

        months = [first_of_month(local_date(start, ZONE), k) for k in (0, 1)]
        async with seg.app.state.ctx.db.session() as session:
            rows = dict((await session.execute(
                select(MonthlyScoreRow.month, func.count()).where(MonthlyScoreRow.customer_id.in_(CUSTOMERS))
                .group_by(MonthlyScoreRow.month))).all())
        assert rows == {month: len(CUSTOMERS) for month in months}
        published = _unique(events.events)
        snapshot_scores = Counter(
            (e["subject"], e["data"]["computed_at"]) for e in published
            if e["type"] == "score-updated" and e["data"]["reason"] == "monthly-snapshot")
        assert snapshot_scores and set(snapshot_scores.values()) == {1}, snapshot_scores
        reports = Counter(e["subject"] for e in published if e["type"] == "report-published")
        assert [reports[m.strftime("%Y-%m")] for m in months] == [1, 1], reports
        closed = Counter(e["data"]["ticket_id"] for e in published if e["type"] == "ticket-closed")
        assert closed == dict.fromkeys(tickets, 1)
        recurring = Counter((a["customer_id"], a["kind"], a["explanation"]["period"])
                            for a in actions if a.get("trigger_event_type") == "schedule")
        assert recurring and set(recurring.values()) == {1}, recurring
        invitations = Counter((e["subject"], e["data"].get("period")) for e in published
                              if e["type"] == "invitation-created" and e["data"]["kind"] == "invitation")
        assert set(invitations.values()) <= {1}, invitations
        for name, client in (("monthly-snapshot", seg), ("monthly-report", feedback)):
            runs = (await client.get(f"/v1/schedules/{name}/runs", headers=ADMIN)).json()
            periods = [r["period_start"] for r in runs]
            assert len(periods) == len(set(periods)) and all(r["status"] == "done" for r in runs)


def _unique(events: list[dict]) -> list[dict]:
    """Delivery is at least once: an event id seen twice is one event."""
    seen: dict[str, dict] = {}
    for event in events:
        seen.setdefault(event["id"], event)
    return list(seen.values())
