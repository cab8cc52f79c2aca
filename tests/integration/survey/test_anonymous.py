"""docs/design.md §11: an anonymous survey template. Its responses keep only the aggregation keys
(tier, quadrant), its satisfaction-scored events carry no customer id, and neither the results nor
the customer's satisfaction show who answered."""

from __future__ import annotations

import json
import uuid

from services.survey.models import CustomerTierRow, ResponseRow
from tests.support import ADMIN, EventCollector, bearer

MANAGER = bearer("manager", sub="mgr-anon")
TEMPLATE = {
    "name": "Anonymous pulse",
    "anonymous": True,
    "dimensions": [{"key": "service", "items": [{"id": "service.speed", "text": "Speed"}]}],
    "nps_question": "Recommend us?",
    "open_questions": [{"id": "why", "text": "Why?"}],
}


async def test_an_anonymous_survey_keeps_tier_and_quadrant_but_never_who_answered(survey, broker):
    created = await survey.post("/v1/surveys", json=TEMPLATE, headers=MANAGER)
    assert created.status_code == 201, created.text
    assert created.json()["anonymous"] is True
    survey_id = created.json()["id"]
    customer_id = f"anon-{uuid.uuid4().hex[:8]}"
    ctx = survey.app.state.ctx
    now = ctx.clock.now()
    async with ctx.db.session() as session, session.begin():  # as score-updated leaves it
        session.add(
            CustomerTierRow(
                customer_id=customer_id,
                tier="Key",
                quadrant="core",
                score=70,
                computed_at=now,
                updated_at=now,
            )
        )
    invited = await survey.post(
        f"/v1/surveys/{survey_id}/invitations", json={"customer_ids": [customer_id]}, headers=ADMIN
    )
    assert invited.status_code == 201, invited.text
    token = invited.json()["items"][0]["token"]
    async with EventCollector(broker.bootstrap, ["satisfaction-scored"]) as events:
        answered = await survey.post(
            f"/v1/invitations/{token}/response",
            json={"answers": {"service.speed": 2}, "nps": 3, "comments": {"why": "slow answers"}},
        )
        assert answered.status_code == 201, answered.text
        response_id = answered.json()["response_id"]
        (event,) = await events.wait_for(lambda e: e["data"]["response_id"] == response_id)
    # The event names no one: no customer id, no invitation id; subject and key say so.
    assert "customer_id" not in event["data"] and "invitation_id" not in event["data"]
    assert event["data"]["anonymous"] is True and event["data"]["tier"] == "Key"
    assert event["subject"] == event["_key"] == "anonymous"
    assert customer_id not in json.dumps(event)
    # The stored response keeps the aggregation keys and the answer, not the customer.
    async with ctx.db.session() as session:
        row = await session.get(ResponseRow, response_id)
    assert (row.customer_id, row.tier, row.quadrant) == (None, "Key", "core")
    assert row.comments == {"why": "slow answers"} and row.nps == 3
    # The results count the answer by tier and show no one.
    results = await survey.get(f"/v1/surveys/{survey_id}/results", headers=ADMIN)
    assert results.status_code == 200
    assert results.json()["overall"]["responses"] == 1
    assert [g["group"] for g in results.json()["groups"]] == ["Key"]
    assert customer_id not in results.text
    by_quadrant = await survey.get(f"/v1/surveys/{survey_id}/results?by=quadrant", headers=ADMIN)
    assert [g["group"] for g in by_quadrant.json()["groups"]] == ["core"]
    # The customer's own satisfaction history does not hold the anonymous answer.
    mine = (await survey.get(f"/v1/customers/{customer_id}/satisfaction", headers=ADMIN)).json()
    assert response_id not in json.dumps(mine)


async def test_a_named_survey_still_names_the_customer(survey, broker):
    """The contrast: the default template's events carry the customer id."""
    customer_id = f"named-{uuid.uuid4().hex[:8]}"
    template = (await survey.get("/v1/surveys/default", headers=ADMIN)).json()
    assert template["anonymous"] is False
    invited = await survey.post(
        "/v1/surveys/default/invitations", json={"customer_ids": [customer_id]}, headers=ADMIN
    )
    token = invited.json()["items"][0]["token"]
    async with EventCollector(broker.bootstrap, ["satisfaction-scored"]) as events:
        answered = await survey.post(
            f"/v1/invitations/{token}/response",
            json={"answers": {i["id"]: 4 for i in template["items"]}, "nps": 9},
        )
        assert answered.status_code == 201, answered.text
        (event,) = await events.wait_for(lambda e: e["data"]["response_id"] == answered.json()["response_id"])
    assert event["data"]["customer_id"] == event["subject"] == customer_id
