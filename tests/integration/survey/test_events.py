"""Events in and out through the real broker: tier weights, duplicates, the closed loop
(docs/design.md §2, §4)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from services.survey.models import PLATFORM_TABLES
from tests.integration.survey.helpers import (
    MANAGER,
    new_id,
    publish,
    respond,
    score_updated,
    ticket_resolved,
)
from tests.support import EventCollector, eventually

WEIGHTED = {
    "name": "Weighted by tier",
    "dimensions": [
        {"key": "service", "items": [{"id": "service.speed", "text": "Speed"}]},
        {"key": "value", "items": [{"id": "value.price", "text": "Price"}]},
    ],
    "nps_question": "Recommend us?",
    "tier_weights": {"VIP": {"service": 0.2, "value": 0.8}},
}


async def known_tier(client, customer_id: str) -> str | None:
    body = (await client.get(f"/v1/customers/{customer_id}/satisfaction", headers=MANAGER)).json()
    return body["tier"]


async def test_the_tier_heard_from_score_updated_picks_the_weights_of_satisfaction_scored(survey, broker):
    survey_id = (await survey.post("/v1/surveys", json=WEIGHTED, headers=MANAGER)).json()["id"]
    vip, stranger = new_id("vip"), new_id("stranger")
    await publish(broker.bootstrap, score_updated(vip, "VIP"))
    await eventually(lambda: _is(survey, vip, "VIP"))
    invited = (await survey.post(f"/v1/surveys/{survey_id}/invitations",
                                 json={"customer_ids": [vip, stranger]},
                                 headers=MANAGER)).json()["items"]
    body = {"answers": {"service.speed": 1, "value.price": 5}, "nps": 6}
    async with EventCollector(broker.bootstrap, ["satisfaction-scored"]) as events:
        for item in invited:
            assert (await respond(survey, item["token"], body)).status_code == 201
        found = await events.wait_for(lambda e: e["subject"] in {vip, stranger}, count=2)
    by_customer = {e["subject"]: e for e in found}
    vip_event = by_customer[vip]
    assert vip_event["_key"] == vip
    assert vip_event["source"] == "/crm/survey"
    assert vip_event["data"]["tier"] == "VIP"
    assert vip_event["data"]["weights"] == {"service": 0.2, "value": 0.8}
    assert vip_event["data"]["value"] == pytest.approx(1 * 0.2 + 5 * 0.8)
    assert vip_event["data"]["level"] == "satisfied"  # 4.2
    assert vip_event["data"]["nps_category"] == "detractor"
    assert vip_event["data"]["survey_id"] == survey_id
    stranger_event = by_customer[stranger]
    assert stranger_event["data"]["tier"] is None
    assert stranger_event["data"]["value"] == 3.0  # equal weights without a known tier
    assert stranger_event["data"]["level"] == "neutral"


async def _is(client, customer_id: str, tier: str) -> bool:
    return await known_tier(client, customer_id) == tier


async def test_a_duplicate_score_updated_is_applied_once(survey, broker):
    customer = new_id("dup")
    event = score_updated(customer, "Key")
    await publish(broker.bootstrap, event, event)
    await eventually(lambda: _is(survey, customer, "Key"))
    ctx = survey.app.state.ctx
    inbox = PLATFORM_TABLES["inbox"]

    async def inbox_rows() -> int:
        async with ctx.db.session() as session:
            return await session.scalar(
                select(func.count()).select_from(inbox).where(inbox.c.event_id == event.id)
            )

    assert await inbox_rows() == 1
    duplicate = (
        'crm_events_consumed_total{event_type="score-updated",outcome="duplicate",service="survey"}'
    )
    await eventually(lambda: _metric_at_least(survey, duplicate, 1))


async def _metric_at_least(client, name: str, value: float) -> bool:
    for line in (await client.get("/metrics")).text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1]) >= value
    return False


async def test_an_older_score_arriving_late_does_not_replace_a_newer_tier(survey, broker):
    customer = new_id("late")
    now = datetime.now(UTC)
    newer = score_updated(customer, "Regular", computed_at=now)
    older = score_updated(customer, "VIP", computed_at=now - timedelta(days=1))
    marker = score_updated(new_id("marker"), "Key")
    await publish(broker.bootstrap, newer, older, marker)
    await eventually(lambda: _is(survey, marker.subject, "Key"))
    await eventually(lambda: _is(survey, customer, "Regular"))


async def test_a_resolved_ticket_gets_a_verification_whose_answer_is_published(survey, broker):
    customer, ticket = new_id("loop"), new_id("T")
    await publish(broker.bootstrap, ticket_resolved(customer, ticket))

    async def verification():
        listed = await survey.get(f"/v1/customers/{customer}/invitations", headers=MANAGER)
        items = [i for i in listed.json()["items"] if i["ticket_id"] == ticket]
        return items[0] if items else None

    item = await eventually(verification)
    assert item["kind"] == "verification"
    assert item["url"].endswith(f"/s/{item['token']}")
    questions = (await survey.get(f"/v1/invitations/{item['token']}")).json()["questions"]
    assert [(q["id"], q["type"], q["required"]) for q in questions] == [
        ("solved", "yes_no", True), ("rating", "rating", False), ("comment", "open", False)]
    assert questions[0]["text"] == "Is your problem solved?"
    assert (questions[1]["min"], questions[1]["max"]) == (1, 5)
    refused = await respond(survey, item["token"], {"answers": {"x": 1, "rating": 6}, "nps": 3})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"solved", "answers.x", "answers.rating", "nps"}
    async with EventCollector(broker.bootstrap, ["ticket-verification-answered"]) as events:
        answered = await respond(survey, item["token"], {
            "solved": False, "answers": {"rating": 2}, "comments": {"comment": "仍然无法导出"}})
        assert answered.status_code == 201, answered.text
        assert (answered.json()["solved"], answered.json()["rating"]) == (False, 2)
        [event] = await events.wait_for(lambda e: e["subject"] == customer)
    assert event["data"]["ticket_id"] == ticket
    assert event["data"]["solved"] is False
    assert (event["data"]["rating"], event["data"]["commented"]) == (2, True)
    assert "仍然无法导出" not in str(event)  # the comment stays in the survey service
    assert event["data"]["invitation_id"] == item["id"]
    assert event["data"]["answered_at"].endswith("Z")
    assert (await respond(survey, item["token"], {"solved": True})).status_code == 409
