"""Survey templates and invitations over HTTP against PostgreSQL (docs/design.md §4, §7, §8)."""

import asyncio
import base64

from services.survey.service.surveys import seed_default_survey
from tests.integration.survey.helpers import (
    ACCOUNT_MANAGER,
    AGENT,
    ANALYST,
    ITEMS,
    MANAGER,
    invite,
    invited_days_ago,
    new_id,
)
from tests.support import ADMIN, assign_customers

CUSTOM = {
    "name": "Quarterly pulse",
    "dimensions": [
        {"key": "speed", "name": "Speed", "items": [{"text": "Replies"}, {"text": "Fixes"}]},
        {"key": "value", "name": "Value", "items": [{"id": "value.price", "text": "Price"}]},
    ],
    "nps_question": "Recommend us?",
    "open_questions": [{"id": "why", "text": "Why?"}],
    "tier_weights": {"VIP": {"speed": 0.3, "value": 0.7}},
}


async def test_the_default_template_exists_from_the_start_with_item_ids_and_dimensions(survey):
    response = await survey.get("/v1/surveys/default", headers=ANALYST)
    assert response.status_code == 200
    body = response.json()
    assert body["is_default"] is True
    assert [d["key"] for d in body["dimensions"]] == [
        "product_service", "communication", "cooperation_value", "emotional_connection",
    ]
    assert [i["id"] for i in body["items"]] == ITEMS
    assert all(i["dimension"] for i in body["items"])
    assert body["tier_weights"]["VIP"] == {d["key"]: 0.25 for d in body["dimensions"]}
    listed = (await survey.get("/v1/surveys", headers=ANALYST)).json()["items"]
    assert [s["id"] for s in listed if s["is_default"]] == ["default"]


async def test_seeding_the_default_from_several_replicas_at_once_keeps_one(survey):
    ctx = survey.app.state.ctx
    await asyncio.gather(*(seed_default_survey(ctx) for _ in range(3)))
    listed = (await survey.get("/v1/surveys", params={"limit": 500}, headers=ANALYST)).json()["items"]
    assert sum(1 for s in listed if s["is_default"]) == 1


async def test_a_manager_creates_a_template_and_an_analyst_may_not(survey):
    refused = await survey.post("/v1/surveys", json=CUSTOM, headers=ANALYST)
    assert refused.status_code == 403
    refused = await survey.post("/v1/surveys", json=CUSTOM, headers=ACCOUNT_MANAGER)
    assert refused.status_code == 403
    created = await survey.post("/v1/surveys", json=CUSTOM, headers=MANAGER)
    assert created.status_code == 201, created.text
    body = created.json()
    assert [i["id"] for i in body["items"]] == ["speed.1", "speed.2", "value.price"]
    assert body["tier_weights"]["VIP"] == {"speed": 0.3, "value": 0.7}
    assert body["tier_weights"]["Key"] == {"speed": 0.5, "value": 0.5}
    assert body["is_default"] is False


async def test_weights_that_do_not_sum_to_1_are_refused_naming_the_tier(survey):
    bad = {**CUSTOM, "tier_weights": {"Key": {"speed": 0.9, "value": 0.9}}}
    response = await survey.post("/v1/surveys", json=bad, headers=ADMIN)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "tier_weights.Key"


async def test_tier_weights_can_be_changed_later(survey):
    survey_id = (await survey.post("/v1/surveys", json=CUSTOM, headers=MANAGER)).json()["id"]
    response = await survey.put(f"/v1/surveys/{survey_id}/weights", headers=MANAGER,
                                json={"tier_weights": {"Key": {"speed": 0.6, "value": 0.4}}})
    assert response.status_code == 200, response.text
    assert response.json()["tier_weights"]["Key"] == {"speed": 0.6, "value": 0.4}
    assert response.json()["tier_weights"]["VIP"] == {"speed": 0.5, "value": 0.5}


async def test_invitations_carry_unique_unguessable_tokens_and_answer_urls(survey):
    customers = [new_id("inv") for _ in range(3)]
    items = await invite(survey, [*customers, customers[0]], expires_in_days=7)
    assert [i["customer_id"] for i in items] == customers  # a customer listed twice: once
    tokens = {i["token"] for i in items}
    assert len(tokens) == 3
    assert all(len(t) >= 43 for t in tokens)  # 32 random bytes, URL-safe base64
    for item in items:
        assert item["url"] == f"http://127.0.0.1:8002/s/{item['token']}"
        assert item["status"] == "pending"
    listed = await survey.get(f"/v1/customers/{customers[1]}/invitations", headers=MANAGER)
    assert listed.status_code == 200
    assert [i["token"] for i in listed.json()["items"]] == [items[1]["token"]]


async def test_tokens_are_256_independent_random_bits(survey):
    """1,000 tokens decode to 32 bytes each, all distinct, every bit position unbiased.

    A token built from the customer id, a clock or a counter fails here: such bits are constant
    or strongly skewed in some position. The bound is 6 sigma per position (256 positions), so a
    sound generator fails about once in a million runs.
    """
    samples = 1000
    items = await invite(survey, [new_id("ent") for _ in range(samples)])
    raw = [base64.urlsafe_b64decode(i["token"] + "=" * (-len(i["token"]) % 4)) for i in items]
    assert {len(r) for r in raw} == {32}
    assert len(set(raw)) == samples
    assert len({r[:8] for r in raw}) == samples  # not even a shared 64-bit prefix
    ones = [sum((r[bit // 8] >> (bit % 8)) & 1 for r in raw) for bit in range(256)]
    sigma = (samples * 0.25) ** 0.5
    worst = max(abs(count - samples / 2) for count in ones)
    assert worst < 6 * sigma, f"bit position biased: {worst:.0f} off the mean, sigma {sigma:.1f}"


async def test_only_account_managers_invite_and_analysts_never_see_tokens(survey):
    customer = new_id("role")
    body = {"customer_ids": [customer]}
    assert (await survey.post("/v1/surveys/default/invitations", json=body,
                              headers=ANALYST)).status_code == 403
    assert (await survey.post("/v1/surveys/default/invitations", json=body,
                              headers=AGENT)).status_code == 403
    assert (await survey.get(f"/v1/customers/{customer}/invitations",
                             headers=ANALYST)).status_code == 403
    assert (await survey.post("/v1/surveys/default/invitations",
                              json=body)).status_code == 401


async def test_inviting_to_an_unknown_survey_is_a_404(survey):
    response = await survey.post("/v1/surveys/nope/invitations", json={"customer_ids": ["c1"]},
                                 headers=MANAGER)
    assert response.status_code == 404


async def test_a_customers_invitations_are_paginated_with_a_cursor(survey):
    customer = new_id("page")
    for _ in range(3):
        [made] = await invite(survey, [customer])
        await invited_days_ago(survey, made["id"], 31)  # past the fatigue guard
    first = (await survey.get(f"/v1/customers/{customer}/invitations", params={"limit": 2},
                              headers=MANAGER)).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = (await survey.get(f"/v1/customers/{customer}/invitations",
                               params={"limit": 2, "cursor": first["next_cursor"]},
                               headers=MANAGER)).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert len(set(ids)) == 3


async def test_an_idempotency_key_replays_the_same_invitations(survey):
    headers = {**ACCOUNT_MANAGER, "Idempotency-Key": new_id("key")}
    body = {"customer_ids": [new_id("idem")]}
    await assign_customers(survey, "am-1", *body["customer_ids"])  # the account manager's own
    first = await survey.post("/v1/surveys/default/invitations", json=body, headers=headers)
    again = await survey.post("/v1/surveys/default/invitations", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
