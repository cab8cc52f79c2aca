"""Consumed events: verification answers close or reopen, tiers tighten SLAs, satisfaction reports."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from services.feedback.events import on_score_updated
from shared.events.envelope import new_event
from tests.integration.feedback.helpers import (
    ANALYST,
    MANAGER,
    get_ticket,
    iso,
    new_id,
    open_ticket,
    parse,
    post,
    produce,
)
from tests.support import EventCollector, eventually


async def resolved_ticket(fb, customer_id: str, **fields) -> dict:
    ticket = await open_ticket(fb, customer_id, **fields)
    await post(fb, ticket["id"], "responses", {"message": "处理中"})
    return await post(fb, ticket["id"], "resolve", {"solution": "已修复", "improvement": "增加回归测试"})


async def status_becomes(fb, ticket_id: str, status: str) -> dict:
    async def check():
        body = await get_ticket(fb, ticket_id)
        return body if body["status"] == status else None

    return await eventually(check, timeout=30)


async def answer(broker, ticket: dict, solved: bool) -> None:
    await produce(broker.bootstrap, "ticket-verification-answered", ticket["customer_id"], {
        "customer_id": ticket["customer_id"], "ticket_id": ticket["id"], "solved": solved,
        "invitation_id": new_id("inv"), "answered_at": iso(datetime.now(UTC)),
    }, source="survey")


async def test_a_solved_verification_answer_on_the_broker_closes_the_ticket(fb, broker):
    customer_id = new_id()
    ticket = await resolved_ticket(fb, customer_id)
    async with EventCollector(broker.bootstrap, ["ticket-closed"]) as events:
        await answer(broker, ticket, solved=True)
        closed = await status_becomes(fb, ticket["id"], "closed")
        found = await events.wait_for(lambda e: e["subject"] == customer_id)
    assert found[0]["data"]["ticket_id"] == ticket["id"]
    assert closed["history"][-1]["actor"] == "customer"
    assert closed["history"][-1]["detail"]["via"] == "survey"


async def test_an_unsolved_answer_reopens_with_a_new_resolution_clock_and_counts_a_reopen(fb, broker):
    customer_id = new_id()
    ticket = await resolved_ticket(fb, customer_id, description="outage")
    async with EventCollector(broker.bootstrap, ["ticket-reopened"]) as events:
        await answer(broker, ticket, solved=False)
        reopened = await status_becomes(fb, ticket["id"], "reopened")
        found = await events.wait_for(lambda e: e["subject"] == customer_id)
    assert reopened["reopen_count"] == 1
    assert found[0]["data"]["reopen_count"] == 1
    new_start = parse(reopened["sla"]["resolution_started_at"])
    assert new_start > parse(ticket["sla"]["resolution_started_at"])
    assert parse(reopened["sla"]["resolution_due"]) == new_start + timedelta(hours=24)
    assert reopened["sla"]["resolution_level"] == -1
    # Worked again and resolved: the reopen shows in the month's report.
    again = await post(fb, ticket["id"], "responses", {"message": "再次处理"})
    assert again["status"] == "in_progress"
    await post(fb, ticket["id"], "resolve", {"solution": "彻底修复"})
    month = parse(ticket["reported_at"]).strftime("%Y-%m")
    report = (await fb.get("/v1/reports/sla", params={"month": month}, headers=ANALYST)).json()
    assert report["tiers"]["all"]["reopen_rate"] > 0


async def test_a_repeated_answer_does_not_move_a_closed_ticket(fb, broker):
    ticket = await resolved_ticket(fb, new_id())
    await answer(broker, ticket, solved=True)
    await status_becomes(fb, ticket["id"], "closed")
    await answer(broker, ticket, solved=False)
    marker = await resolved_ticket(fb, ticket["customer_id"])
    await answer(broker, marker, solved=True)  # same customer, same partition: processed after
    await status_becomes(fb, marker["id"], "closed")
    assert (await get_ticket(fb, ticket["id"]))["status"] == "closed"


async def test_tier_from_score_updated_sets_targets_and_a_stricter_tier_tightens_open_tickets(fb, broker):
    customer_id = new_id()

    async def score(tier: str, minutes_ago: int) -> None:
        await produce(broker.bootstrap, "score-updated", customer_id, {
            "customer_id": customer_id, "score": 60.0, "tier": tier, "model_version": "rfm-weighted-v1",
            "computed_at": iso(datetime.now(UTC) - timedelta(minutes=minutes_ago)),
        }, source="segmentation")

    await score("Regular", 10)

    async def tier_known():
        ticket = await open_ticket(fb, customer_id, description="建议", type="suggestion")
        return ticket if ticket["tier"] == "Regular" else None

    regular = await eventually(tier_known, timeout=30, interval=0.5)
    assert regular["sla"]["policy"]["tier_row"] == "Regular"
    assert regular["sla"]["policy"]["resolution"] == {"hours": 48, "from": "tier", "priority_hours": 72,
                                                      "tier_hours": 48}
    await score("VIP", 5)

    async def reevaluated():
        body = await get_ticket(fb, regular["id"])
        return body if body["tier"] == "VIP" else None

    vip = await eventually(reevaluated, timeout=30)
    assert vip["sla"]["calendar"] == "24x7"
    assert parse(vip["sla"]["resolution_due"]) == parse(vip["reported_at"]) + timedelta(hours=4)
    assert vip["sla"]["policy"]["reevaluated"]["from_tier"] == "Regular"
    assert any(h["action"] == "sla-reevaluated" for h in vip["history"])

    await score("Observation", 1)  # moving down: the promise made stays

    async def recorded():
        body = await get_ticket(fb, regular["id"])
        return body if any(h["action"] == "tier-changed" for h in body["history"]) else None

    kept = await eventually(recorded, timeout=30)
    assert kept["tier"] == "VIP"
    assert kept["sla"]["resolution_due"] == vip["sla"]["resolution_due"]
    assert kept["history"][-1]["detail"]["reevaluated"] is False


WAITING_FOR_A_CUSTOMER = text(
    "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
    "WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted"
)


async def test_a_ticket_opened_while_the_customers_first_tier_arrives_gets_that_tier(fb):
    """The customer's first score-updated is being applied (written, not committed) when an agent
    opens a ticket for it: the ticket waits for it and gets the Key targets, rather than reading
    no tier and missing the re-evaluation of open tickets for good."""
    ctx = fb.app.state.ctx
    customer_id = new_id()
    first_score = new_event("score-updated", "segmentation", customer_id, {
        "customer_id": customer_id, "score": 75.0, "tier": "Key", "model_version": "rfm-weighted-v1",
        "computed_at": iso(datetime.now(UTC)),
    }, None)
    async with ctx.db.session() as applying:
        await applying.begin()
        await on_score_updated(ctx, applying, first_score)
        opening = asyncio.create_task(open_ticket(fb, customer_id, description="审批流程卡住"))

        async def opening_waits_or_is_done():
            if opening.done():
                return True
            async with ctx.db.session() as probe:
                return await probe.scalar(WAITING_FOR_A_CUSTOMER) > 0

        await eventually(opening_waits_or_is_done, timeout=30, interval=0.05)
        await applying.commit()
    ticket = await opening
    assert ticket["tier"] == "Key"
    assert ticket["sla"]["policy"]["tier_row"] == "Key"


async def test_satisfaction_after_resolution_reaches_the_monthly_report(fb, broker):
    customer_id = new_id()
    ticket = await resolved_ticket(fb, customer_id)
    await produce(broker.bootstrap, "satisfaction-scored", customer_id, {
        "customer_id": customer_id, "survey_id": "s-1", "response_id": new_id("resp"), "value": 1.2,
        "level": "very_dissatisfied", "answered_at": iso(datetime.now(UTC)),
    }, source="survey")

    async def linked():
        body = await get_ticket(fb, ticket["id"])
        return body if body["satisfaction"] is not None else None

    body = await eventually(linked, timeout=30)
    assert body["satisfaction_level"] == "very_dissatisfied"
    # The auto-ticket for very dissatisfied customers is off by default.
    listed = (await fb.get("/v1/tickets", params={"customer_id": customer_id}, headers=MANAGER)).json()
    assert [t["id"] for t in listed["items"]] == [ticket["id"]]
    month = parse(ticket["reported_at"]).strftime("%Y-%m")
    report = (await fb.get("/v1/reports/sla", params={"month": month}, headers=ANALYST)).json()
    assert report["tiers"]["all"]["satisfaction_answers"] >= 1
    assert report["tiers"]["all"]["satisfaction_after_resolution"] is not None
    assert set(report["definitions"]) >= {"reopen_rate", "first_contact_resolution_rate"}


async def test_report_month_must_be_yyyy_mm(fb):
    response = await fb.get("/v1/reports/sla", params={"month": "2025-13"}, headers=ANALYST)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "month"
    empty = (await fb.get("/v1/reports/sla", params={"month": "1999-01"}, headers=ANALYST)).json()
    assert empty["tiers"]["all"]["tickets"] == 0
