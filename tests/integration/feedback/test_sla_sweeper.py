"""SLA sweeper: escalation steps once each, the pause, and two replicas racing (docs/design.md §5)."""

import asyncio
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from services.feedback.app import create_app
from services.feedback.models import EscalationRow
from services.feedback.service.sweeper import sweep
from services.feedback.settings import feedback_settings
from tests.integration.feedback.helpers import (
    MANAGER,
    get_ticket,
    new_id,
    open_ticket,
    parse,
    post,
)
from tests.support import EventCollector, eventually, running_service

SECOND = timedelta(seconds=1)


def ctx_of(client):
    return client.app.state.ctx


def steps_for(taken: list[dict], ticket_id: str) -> list[tuple[str, int]]:
    return [(s["metric"], s["level"]) for s in taken if s["ticket_id"] == ticket_id]


async def test_warning_breach_and_task_force_each_published_once_at_their_time(fb, broker):
    customer_id = new_id()
    ticket = await open_ticket(fb, customer_id, description="outage", category="technical")
    tid, sla = ticket["id"], ticket["sla"]
    reported = parse(ticket["reported_at"])
    assert parse(sla["first_response_warning_at"]) == reported + timedelta(minutes=96)
    ctx = ctx_of(fb)
    async with EventCollector(broker.bootstrap, ["ticket-escalated"]) as events:
        assert steps_for(await sweep(ctx, reported + timedelta(minutes=95)), tid) == []
        warn = parse(sla["first_response_warning_at"])
        assert steps_for(await sweep(ctx, warn), tid) == [("first_response", 0)]
        assert steps_for(await sweep(ctx, warn + SECOND), tid) == []
        due = parse(sla["first_response_due"])
        assert steps_for(await sweep(ctx, due + 2 * SECOND), tid) == [("first_response", 1)]
        breached = (await fb.get("/v1/tickets", params={"customer_id": customer_id, "breached": "true"},
                                 headers=MANAGER)).json()["items"]
        assert [t["id"] for t in breached] == [tid]
        later = parse(sla["first_response_task_force_at"])
        assert steps_for(await sweep(ctx, later), tid) == [("first_response", 2)]
        found = await events.wait_for(lambda e: e["subject"] == customer_id, count=3)
    levels = sorted((e["data"]["level"], e["data"]["step"]) for e in found)
    assert levels == [(0, "warning"), (1, "breach"), (2, "task-force")]
    breach = next(e for e in found if e["data"]["level"] == 1)["data"]
    assert parse(breach["due_at"]) == due
    assert breach["metric"] == "first_response" and breach["priority"] == "P1"
    body = await get_ticket(fb, tid)
    assert body["sla"]["first_response_breached"] is True
    assert body["sla"]["first_response_level"] == 2
    assert [h["detail"]["level"] for h in body["history"] if h["action"] == "escalated"] == [0, 1, 2]
    metrics = (await fb.get("/metrics")).text
    assert 'crm_feedback_breach_lag_seconds_count{metric="first_response"}' in metrics
    assert 'crm_feedback_sla_breaches_total{metric="first_response",tier="unknown"}' in metrics


async def test_first_response_stops_its_clock_but_not_the_resolution_clock(fb):
    ticket = await open_ticket(fb, description="outage")
    await post(fb, ticket["id"], "responses", {"message": "on it"})
    due = parse(ticket["sla"]["resolution_due"])
    taken = steps_for(await sweep(ctx_of(fb), due + SECOND), ticket["id"])
    assert taken == [("resolution", 0), ("resolution", 1)]


async def test_the_clock_pauses_while_pending_the_customer(fb):
    ticket = await open_ticket(fb, description="outage")
    tid = ticket["id"]
    await post(fb, tid, "responses", {"message": "please send the logs"})
    paused = await post(fb, tid, "status", {"status": "pending_customer"})
    assert paused["sla"]["paused"] is True
    due = parse(ticket["sla"]["resolution_due"])
    assert steps_for(await sweep(ctx_of(fb), due + timedelta(hours=10)), tid) == []
    pending = (await fb.get("/v1/tickets", params={"customer_id": ticket["customer_id"],
                                                   "breached": "true"}, headers=MANAGER)).json()
    assert pending["items"] == []
    resumed = await post(fb, tid, "status", {"status": "in_progress"})
    assert parse(resumed["sla"]["resolution_due"]) > due
    history = (await get_ticket(fb, tid))["history"]
    assert history[-1]["detail"]["clock"] == "resumed"
    assert history[-1]["detail"]["paused_seconds"] >= 0


async def test_two_replicas_sweeping_at_once_publish_each_step_exactly_once(platform_config, broker, fb):
    """Two app instances on the same PostgreSQL database race over the same due tickets."""
    customer_id = new_id("race")
    tickets = [await open_ticket(fb, customer_id, description="outage") for _ in range(12)]
    ids = {t["id"] for t in tickets}
    latest = max(parse(t["sla"]["resolution_task_force_at"]) for t in tickets)
    settings = dict(platform_config, run_workers=False, run_consumers=False)
    async with (
        EventCollector(broker.bootstrap, ["ticket-escalated"]) as events,
        running_service(create_app(feedback_settings(**settings))) as a,
        running_service(create_app(feedback_settings(**settings))) as b,
    ):
        async def drain(client) -> list[dict]:
            taken: list[dict] = []
            while batch := await sweep(ctx_of(client), latest + SECOND, limit=3):
                taken.extend(batch)
            return taken

        by_a, by_b = await asyncio.gather(drain(a), drain(b))
        mine_a = [s for s in by_a if s["ticket_id"] in ids]
        mine_b = [s for s in by_b if s["ticket_id"] in ids]
        assert len(mine_a) + len(mine_b) == 12 * 6  # 2 metrics x 3 levels per ticket
        assert await sweep(ctx_of(a), latest + SECOND) == []
        found = await events.wait_for(lambda e: e["subject"] == customer_id, count=12 * 6)
        async with ctx_of(a).db.session() as session:
            rows = await session.scalar(select(func.count()).select_from(EscalationRow)
                                        .where(EscalationRow.ticket_id.in_(ids)))
        assert rows == 12 * 6
        await eventually(lambda: _outbox_empty(ctx_of(a)))
        await asyncio.sleep(1.0)  # anything published twice would have arrived by now
        found = [e for e in events.events if e["subject"] == customer_id]
    per_step = Counter((e["data"]["ticket_id"], e["data"]["metric"], e["data"]["level"]) for e in found)
    assert len(per_step) == 12 * 6
    assert set(per_step.values()) == {1}


async def _outbox_empty(ctx) -> bool:
    table = ctx.tables["outbox"]
    async with ctx.db.session() as session:
        waiting = await session.scalar(
            select(func.count()).select_from(table).where(table.c.published_at.is_(None)))
    return waiting == 0
