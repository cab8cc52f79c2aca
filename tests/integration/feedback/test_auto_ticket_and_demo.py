"""The optional auto-ticket for a very dissatisfied answer (setting on), metrics and the demo loader."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from services.feedback.app import create_app
from services.feedback.demo import DEMO_TICKETS, load_demo
from services.feedback.service.sweeper import refresh_open_gauge, sweep
from services.feedback.settings import feedback_settings
from tests.integration.feedback.helpers import MANAGER, iso, new_id, open_ticket, post, produce
from tests.support import ADMIN, eventually, running_service


@pytest.fixture(scope="module")
async def fb_auto(platform_config):
    settings = feedback_settings(**platform_config, run_workers=False,
                                 auto_ticket_on_very_dissatisfied=True)
    async with running_service(create_app(settings)) as client:
        yield client


def test_auto_ticket_is_off_by_default():
    assert feedback_settings().auto_ticket_on_very_dissatisfied is False


async def test_a_very_dissatisfied_answer_opens_a_ticket_when_enabled(fb_auto, broker):
    customer_id = new_id()
    await produce(broker.bootstrap, "satisfaction-scored", customer_id, {
        "customer_id": customer_id, "survey_id": "s-1", "response_id": new_id("resp"), "value": 1.1,
        "level": "very_dissatisfied", "answered_at": iso(datetime.now(UTC)),
    }, source="survey")

    async def opened():
        items = (await fb_auto.get("/v1/tickets", params={"customer_id": customer_id},
                                   headers=MANAGER)).json()["items"]
        return items[0] if items else None

    ticket = await eventually(opened, timeout=40)
    assert (ticket["channel"], ticket["type"], ticket["priority"]) == ("survey", "complaint", "P2")
    assert ticket["team"] == "customer-success"


async def test_open_tickets_gauge_and_first_response_histogram_are_exposed(fb_auto):
    ticket = await open_ticket(fb_auto, description="导出失败")
    await post(fb_auto, ticket["id"], "responses", {"message": "收到"})
    await refresh_open_gauge(fb_auto.app.state.ctx)
    metrics = (await fb_auto.get("/metrics")).text
    assert 'crm_feedback_open_tickets{priority="P2"}' in metrics
    assert 'crm_feedback_first_response_seconds_count{priority="P2"}' in metrics


async def test_demo_loads_on_an_empty_database_and_skips_the_second_time(tmp_path, broker):
    settings = feedback_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'feedback.db'}",
                                 kafka_bootstrap=broker.bootstrap, run_relay=False,
                                 run_consumers=False, run_workers=False)
    async with running_service(create_app(settings)) as client:
        transport = httpx.ASGITransport(app=client.app)
        for _ in range(2):
            await load_demo("http://test", ADMIN, transport=transport)
        items = (await client.get("/v1/tickets", headers=MANAGER)).json()["items"]
        # The sweeper works on SQLite too (single process; the unique step key still holds).
        later = datetime.now(UTC) + timedelta(days=100)
        steps = await sweep(client.app.state.ctx, later)
        assert await sweep(client.app.state.ctx, later) == []
    assert len(items) == len(DEMO_TICKETS)
    assert {t["status"] for t in items} == {"new", "resolved", "pending_customer"}
    assert next(t for t in items if t["customer_id"] == "cust-a")["priority"] == "P1"
    # Three new tickets x 2 clocks x 3 steps; cust-a is resolved, cust-b waits for the customer (paused).
    assert len(steps) == 3 * 6
    assert {s["customer_id"] for s in steps} == {"cust-c", "cust-d", "cust-e"}
