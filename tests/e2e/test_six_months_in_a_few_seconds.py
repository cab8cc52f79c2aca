"""Six months in a few seconds (docs/design.md §9): the four services run on their own; the test
records orders and one ticket, and otherwise only moves the test clocks through the month ends.

- every month each customer gets one month-end snapshot; the customer whose spending stops
  shows a falling month-end score, and the "fell 3 months in a row" warning fires from the
  snapshots, once;
- recurring care appears at its cadence (a Key customer's monthly service review, one per month)
  and is re-planned when a tier changes at a review;
- the unanswered ticket verification is reminded once after 2 days and the ticket closes by
  itself once after 7; no customer gets two survey invitations within 30 days;
- the monthly tiered report of every month is built, served and announced once.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from itertools import pairwise

from shared.business_time import at_local, first_of_month, local_date, month_of, zone_named
from tests.e2e.calendar import platform, wait_for_run
from tests.support import ADMIN, EventCollector, bearer, eventually

MANAGER = bearer("manager", sub="mgr-six")
AGENT = bearer("agent", sub="agent-six", team="tech-support")  # technical tickets
ZONE = zone_named("Asia/Shanghai")
MONTHS = 6


def _second_of_month(anchor: datetime, months_later: int) -> datetime:
    """The 2nd of a month at 10:00 business time: after the 1st's monthly jobs, inside the month."""
    month = first_of_month(local_date(anchor, ZONE), months_later)
    return at_local(month, ZONE) + timedelta(days=1, hours=10)


async def _customer(seg, customer_id: str, **profile) -> None:
    body = {"name": customer_id, "industry": "manufacturing", "since": "2019-01-01", "growth_pct": 8,
            "owner": "am-six", **profile}
    response = await seg.put(f"/v1/customers/{customer_id}", json=body, headers=ADMIN)
    assert response.status_code == 201, response.text


async def _order(seg, customer_id: str, number: str, amount: float, at: datetime) -> None:
    response = await seg.post(f"/v1/customers/{customer_id}/orders", headers=ADMIN,
                              json={"order_id": f"{customer_id}-{number}", "amount": amount,
                                    "ordered_at": at.isoformat()})
    assert response.status_code == 200 and response.json()["accepted"] == 1, response.text


async def test_six_months_pass_with_no_one_calling_anything_but_the_clock(own_database, broker):
    async with platform(own_database, broker.bootstrap) as services:
        seg, feedback, playbook = services.segmentation[0], services.feedback[0], services.playbook[0]
        start = _second_of_month(seg.app.state.ctx.clock.now(), 1)
        await services.move_clocks(start)
        async with EventCollector(broker.bootstrap, services.topics()) as events:
            # Three customers: one buys every month (Key), one stops after the first month, one
            # grows from Regular and is reviewed on request in the third month.
            await _customer(seg, "six-steady", repurchase_rate=80)
            await _customer(seg, "six-fading", repurchase_rate=60)
            await _customer(seg, "six-rising", repurchase_rate=30, growth_pct=0)
            for i in range(6):
                await _order(seg, "six-fading", f"m0-{i}", 60_000, start - timedelta(days=1, hours=i))
            for i in range(3):
                await _order(seg, "six-rising", f"m0-{i}", 40_000, start - timedelta(days=1, hours=i))
            for back in range(1, 12):  # a year of history makes `steady` a Key customer
                await _order(seg, "six-steady", f"h{back}", 55_000, start - timedelta(days=30 * back))
            tiers = {}
            for customer in ("six-steady", "six-fading", "six-rising"):  # reviewed on request
                reviewed = await seg.post(f"/v1/customers/{customer}/rescore", headers=ADMIN)
                tiers[customer] = reviewed.json()["tier"]
            assert (tiers["six-steady"], tiers["six-rising"]) == ("Key", "Regular"), tiers

            async def playbook_knows_the_tiers() -> bool:
                for customer in ("six-steady", "six-rising"):
                    plan = (await playbook.get(f"/v1/customers/{customer}/plan", headers=ADMIN)).json()
                    if (plan.get("customer") or {}).get("tier") != tiers[customer]:
                        return False
                return True

            # Recurring care plans each month from the tiers the playbook has read; a broker slow to
            # hand the reviews over would otherwise let the first months pass without them.
            await eventually(playbook_knows_the_tiers, timeout=120)

            # A ticket of `steady`, resolved and never answered by the customer.
            ticket = (await feedback.post("/v1/tickets", headers=AGENT, json={
                "customer_id": "six-steady", "channel": "phone", "type": "problem",
                "category": "technical", "description": "report export fails"})).json()
            for action, body in (("responses", {"message": "Looking into it"}),
                                 ("resolve", {"solution": "Patched", "improvement": "Monitoring"})):
                answer = await feedback.post(f"/v1/tickets/{ticket['id']}/{action}", json=body, headers=AGENT)
                assert answer.status_code == 200, answer.text
            await events.wait_for(lambda e: e["type"] == "invitation-created"
                                  and e["data"].get("ticket_id") == ticket["id"], timeout=120)
            await services.move_clocks(start + timedelta(days=3))  # the reminder is due after 2 days
            await events.wait_for(lambda e: e["type"] == "invitation-created"
                                  and e["data"]["kind"] == "reminder"
                                  and e["data"].get("reminder_of") == "verification", timeout=120)
            await services.move_clocks(start + timedelta(days=8))  # auto-close after 7
            await events.wait_for(lambda e: e["type"] == "ticket-closed"
                                  and e["data"]["ticket_id"] == ticket["id"], timeout=120)

            for month in range(1, MONTHS + 1):
                now = _second_of_month(start, month - 1)
                await _order(seg, "six-steady", f"m{month}", 60_000, now)
                if month >= 2:
                    await _order(seg, "six-rising", f"m{month}", 150_000 * month, now)
                if month == 3:  # a review on request: the grown customer's tier follows its score
                    rescored = await seg.post("/v1/customers/six-rising/rescore", headers=ADMIN)
                    assert rescored.json()["tier"] in ("Key", "VIP"), rescored.text
                moved_to = _second_of_month(start, month)
                await services.move_clocks(moved_to)
                closed_month = first_of_month(local_date(start, ZONE), month - 1)
                covering = at_local(closed_month, ZONE) + timedelta(days=5)
                await wait_for_run(seg, "monthly-snapshot", covering=covering)
                await wait_for_run(feedback, "monthly-report", covering=covering)
                await wait_for_run(playbook, "recurring-care", started_after=moved_to)

            await events.wait_for(lambda e: _declining(e, "six-fading"), timeout=120)
            months = [first_of_month(local_date(start, ZONE), k).strftime("%Y-%m") for k in range(MONTHS)]
            # The months before the test's first (published as the services start) do not count.
            await events.wait_for(lambda e: e["type"] == "report-published" and e["subject"] in months,
                                  count=MONTHS, timeout=120)

            async def reviews_planned() -> list[dict] | None:
                items = (await playbook.get("/v1/actions", headers=ADMIN, params={
                    "customer_id": "six-steady", "kind": "service-review", "limit": 100})).json()["items"]
                return items if len(items) >= MONTHS else None

            reviews = await eventually(reviews_planned, timeout=240)

        # Month-end snapshots: one per customer per month, the fading one falling.
        for customer in ("six-steady", "six-fading", "six-rising"):
            history = (await seg.get(f"/v1/customers/{customer}/history", headers=ADMIN)).json()
            assert sorted(m["month"] for m in history["month_ends"]) == months, customer
        fading = (await seg.get("/v1/customers/six-fading/history", headers=ADMIN)).json()["month_ends"]
        values = [m["value"] for m in sorted(fading, key=lambda m: m["month"])]
        assert all(b < a for a, b in pairwise(values)), values
        assert len([e for e in events.events if _declining(e, "six-fading")]) == 1
        assert not [e for e in events.events if _declining(e, "six-steady")]
        profile = (await seg.get("/v1/customers/six-fading", headers=ADMIN)).json()
        assert profile["trend"]["direction"] == "down" and profile["trend"]["m1"] == values[-1]

        # Recurring care at its cadence: the Key customer's service review, one per month.
        periods = Counter(r["explanation"]["period"] for r in reviews)
        assert len(periods) >= MONTHS and set(periods.values()) == {1}, periods
        # Re-planned on the tier change: what the Regular tier planned is cancelled, with the reason.
        rising = (await playbook.get("/v1/actions", headers=ADMIN, params={
            "customer_id": "six-rising", "limit": 200})).json()["items"]
        cancelled = [a for a in rising if a["status"] == "cancelled"]
        assert cancelled and all(a["explanation"]["cancelled"]["reason"] for a in cancelled)
        plan = (await playbook.get("/v1/customers/six-rising/plan", headers=ADMIN)).json()
        assert plan["recurring"] and plan["customer"]["tier"] in ("Key", "VIP")

        # The verification reminder and the auto-close, once each.
        def of_ticket(kind: str) -> list[dict]:
            return [e for e in events.events if e["type"] == "invitation-created"
                    and e["data"].get("ticket_id") == ticket["id"] and e["data"]["kind"] == kind]

        assert len(of_ticket("verification")) == 1 and len(of_ticket("reminder")) == 1
        closed = [e for e in events.events
                  if e["type"] == "ticket-closed" and e["data"]["ticket_id"] == ticket["id"]]
        assert [e["data"]["reason"] for e in closed] == ["closed-without-confirmation"]
        # The fatigue guard: survey invitations to a customer at least 30 days apart.
        invited: dict[str, dict[str, datetime]] = {}  # an event may arrive twice: by invitation id
        for event in events.events:
            if event["type"] == "invitation-created" and event["data"]["kind"] == "invitation":
                at = datetime.fromisoformat(event["data"]["created_at"])
                invited.setdefault(event["subject"], {})[event["data"]["invitation_id"]] = at
        assert invited, "no survey invitation in six months"
        for customer, by_id in invited.items():
            times = sorted(by_id.values())
            assert all(b - a >= timedelta(days=30) for a, b in pairwise(times)), (customer, [
                (e["data"], e["time"]) for e in events.events
                if e["type"] == "invitation-created" and e["subject"] == customer])

        # The monthly report: built, served and announced once for every month.
        published = Counter(e["subject"] for e in events.events if e["type"] == "report-published")
        for month in months:
            assert published[month] == 1, (month, published)
            report = await feedback.get("/v1/reports/monthly", params={"month": month}, headers=MANAGER)
            assert report.status_code == 200, report.text
        first = (await feedback.get("/v1/reports/monthly", params={"month": months[0]},
                                    headers=MANAGER)).json()
        assert first["effect"]["tickets_closed_without_confirmation"] == 1
        assert month_of(start, ZONE) == months[0]


def _declining(event: dict, customer_id: str) -> bool:
    return (event["type"] == "churn-risk-detected" and event["subject"] == customer_id
            and "score-declining-3m" in {r["code"] for r in event["data"]["reasons"]})
