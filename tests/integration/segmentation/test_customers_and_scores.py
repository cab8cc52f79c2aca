"""Segmentation over HTTP against PostgreSQL and the broker (docs/design.md §3, §8)."""

import pytest

from tests.integration.segmentation.helpers import (
    ACCOUNT_MANAGER,
    ANALYST,
    MANAGER,
    WORKED,
    create_customer,
    create_worked_example,
    new_id,
)
from tests.support import ADMIN, EventCollector, bearer


@pytest.mark.parametrize("letter", ["A", "B", "C"])
async def test_worked_examples_reproduced_over_http(seg, letter):
    customer_id = await create_worked_example(seg, letter)
    response = await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
    assert response.status_code == 200, response.text
    score = response.json()
    *_, expected_score, expected_tier = WORKED[letter]
    assert score["value"] == pytest.approx(expected_score, abs=0.1)
    assert score["tier"] == expected_tier
    assert score["model_version"] == "rfm-weighted-v1"
    assert set(score["components"]) == {"R", "F", "M", "P", "L"}
    assert score["components"]["M"]["weight"] == 0.35


async def test_customer_profile_explains_its_score_per_factor(seg):
    customer_id = await create_worked_example(seg, "A")
    await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
    body = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    components = body["score"]["components"]
    assert components["F"] == {"input": 12.0, "sub_score": 95.0, "weight": 0.15, "points": 14.25}
    assert components["M"]["input"] == pytest.approx(800_000, abs=1)
    assert body["score"]["quadrant"] in {"core", "potential", "basic", "to-optimize"}
    assert body["churn_risk"] == []


async def test_rescore_publishes_score_updated_keyed_by_customer(seg, broker):
    customer_id = await create_worked_example(seg, "B")
    async with EventCollector(broker.bootstrap, ["score-updated", "tier-changed"]) as events:
        response = await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER,
                                  params={}, )
        assert response.status_code == 200
        found = await events.wait_for(
            lambda e: e["subject"] == customer_id and e["type"] == "score-updated"
            and e["data"]["reason"] == "rescore"
        )
        # The scheduler may have reviewed the new customer before its orders arrived (Observation):
        # the review on request then moves it to Key.
        tier_events = await events.wait_for(
            lambda e: e["subject"] == customer_id and e["type"] == "tier-changed"
            and e["data"]["to_tier"] == "Key"
        )
    envelope = found[0]
    assert envelope["_key"] == customer_id
    assert envelope["source"] == "/crm/segmentation"
    assert envelope["specversion"] == "1.0"
    assert envelope["data"]["tier"] == "Key"
    assert envelope["data"]["score"] == pytest.approx(75.0, abs=0.1)
    assert tier_events[0]["data"]["to_tier"] == "Key"
    assert "crmrequestid" in envelope


async def test_an_order_id_seen_before_is_not_counted_twice(seg):
    customer_id = new_id("dup")
    await create_customer(seg, customer_id)
    order = {"order_id": f"{customer_id}-1", "amount": 1000.5,
             "ordered_at": "2026-10-01T08:00:00Z"}
    first = await seg.post(f"/v1/customers/{customer_id}/orders", json=order, headers=ACCOUNT_MANAGER)
    second = await seg.post(f"/v1/customers/{customer_id}/orders", json=[order], headers=ACCOUNT_MANAGER)
    assert first.json() == {"accepted": 1, "duplicates": [], "score_changed": True}
    assert second.json() == {"accepted": 0, "duplicates": [order["order_id"]], "score_changed": False}
    score = (await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)).json()
    assert score["orders_12m"] == 1
    assert score["amount_12m"] == pytest.approx(1000.5)


async def test_bad_orders_are_refused_naming_the_field_and_nothing_is_stored(seg):
    customer_id = new_id("bad")
    await create_customer(seg, customer_id)
    good = {"order_id": f"{customer_id}-ok", "amount": 10, "ordered_at": "2026-10-01T08:00:00Z"}
    negative = {"order_id": f"{customer_id}-neg", "amount": -5, "ordered_at": "2026-10-01T08:00:00Z"}
    response = await seg.post(f"/v1/customers/{customer_id}/orders", json=[good, negative],
                              headers=ACCOUNT_MANAGER)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert any(e["field"].endswith("amount") for e in problem["errors"])
    wrong_type = {"order_id": f"{customer_id}-x", "amount": "lots", "ordered_at": "yesterday"}
    response = await seg.post(f"/v1/customers/{customer_id}/orders", json=wrong_type,
                              headers=ACCOUNT_MANAGER)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert any("ordered_at" in f for f in fields)
    score = (await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)).json()
    assert score["orders_12m"] == 0  # not even the good order of the refused batch


async def test_orders_for_an_unknown_customer_are_404(seg):
    response = await seg.post("/v1/customers/nobody-here/orders", headers=ACCOUNT_MANAGER,
                              json={"order_id": "zz-1", "amount": 5, "ordered_at": "2026-10-01T08:00:00Z"})
    assert response.status_code == 404
    assert response.json()["status"] == 404
    retry = await seg.post("/v1/customers/nobody-here/rescore", headers=ACCOUNT_MANAGER)
    assert retry.status_code == 404


async def test_a_customers_orders_are_listed_newest_first_page_by_page(seg):
    customer_id = new_id("list")
    await create_customer(seg, customer_id)
    orders = [{"order_id": f"{customer_id}-{i}", "amount": 100 + i + 0.25,
               "ordered_at": f"2026-{i + 1:02d}-15T08:00:00Z"} for i in range(5)]
    # Two orders at the same moment: the order id breaks the tie, so no page skips or repeats one.
    orders.append({"order_id": f"{customer_id}-same", "amount": 7, "ordered_at": "2026-03-15T08:00:00Z"})
    await seg.post(f"/v1/customers/{customer_id}/orders", json=orders, headers=ACCOUNT_MANAGER)
    seen, cursor, pages = [], None, 0
    while True:
        response = await seg.get(f"/v1/customers/{customer_id}/orders", headers=MANAGER,
                                 params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        seen += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert pages == 3
    assert [o["order_id"] for o in seen] == [
        f"{customer_id}-4", f"{customer_id}-3", f"{customer_id}-same", f"{customer_id}-2",
        f"{customer_id}-1", f"{customer_id}-0"]
    assert seen[0] == {"order_id": f"{customer_id}-4", "amount": 104.25, "ordered_at": "2026-05-15T08:00:00Z"}
    unknown = await seg.get("/v1/customers/nobody-here/orders", headers=MANAGER)
    assert unknown.status_code == 404
    forged = await seg.get(f"/v1/customers/{customer_id}/orders", headers=MANAGER,
                           params={"cursor": "not-ours"})
    assert forged.status_code == 422 and forged.json()["errors"][0]["field"] == "cursor"
    assert (await seg.get(f"/v1/customers/{customer_id}/orders")).status_code == 401


async def test_bad_profile_fields_are_named_and_the_stored_profile_is_kept(seg):
    customer_id = new_id("prof")
    await create_customer(seg, customer_id, growth_pct=7)
    response = await seg.put(f"/v1/customers/{customer_id}", headers=ACCOUNT_MANAGER,
                             json={"name": "X", "growth_pct": "fast", "repurchase_rate": 140})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"growth_pct", "repurchase_rate"} <= fields
    kept = (await seg.get(f"/v1/customers/{customer_id}", headers=MANAGER)).json()
    assert kept["growth_pct"] == 7
    assert kept["name"] == f"Customer {customer_id}"


async def test_unauthenticated_calls_get_401_and_wrong_roles_403(seg):
    response = await seg.get("/v1/customers")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    forged = {"Authorization": "Bearer " + "x.y.z"}
    assert (await seg.get("/v1/customers", headers=forged)).status_code == 401
    analyst_write = await seg.put("/v1/customers/c-x", json={"name": "n"}, headers=ANALYST)
    assert analyst_write.status_code == 403
    agent_rescore_all = await seg.post("/v1/rescore", headers=bearer("agent"))
    assert agent_rescore_all.status_code == 403


async def test_contacts_are_masked_without_pii_read(seg):
    customer_id = new_id("pii")
    await create_customer(seg, customer_id, contacts=[
        {"name": "Zhang Wei", "title": "CTO", "phone": "13812345678", "email": "zhang.wei@example.com"}
    ])
    masked = (await seg.get(f"/v1/customers/{customer_id}", headers=ACCOUNT_MANAGER)).json()
    assert masked["contacts"][0]["phone"] == "138****5678"
    assert masked["contacts"][0]["email"] == "z***@example.com"
    # Analysts read aggregates only (docs/design.md §11): never a single customer, pii:read or not.
    analyst = await seg.get(f"/v1/customers/{customer_id}",
                            headers=bearer("analyst", permissions=["pii:read"]))
    assert analyst.status_code == 403
    allowed = bearer("account_manager", permissions=["pii:read"], sub="am-1")
    clear = (await seg.get(f"/v1/customers/{customer_id}", headers=allowed)).json()
    assert clear["contacts"][0]["phone"] == "13812345678"
    assert clear["contacts"][0]["email"] == "zhang.wei@example.com"


async def test_customers_are_listed_by_tier_with_a_cursor(seg):
    ids = [await create_worked_example(seg, "A", prefix="list") for _ in range(3)]
    for customer_id in ids:
        await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
    seen, cursor = [], None
    while True:
        params = {"tier": "VIP", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await seg.get("/v1/customers", params=params, headers=MANAGER)).json()
        seen += [item["id"] for item in page["items"]]
        assert all(item["tier"] == "VIP" for item in page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert set(ids) <= set(seen)
    assert len(seen) == len(set(seen))
    bad = await seg.get("/v1/customers", params={"cursor": "!!"}, headers=MANAGER)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "cursor"


async def test_history_keeps_scores_and_tier_changes(seg):
    customer_id = await create_worked_example(seg, "C")
    await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
    history = (await seg.get(f"/v1/customers/{customer_id}/history", headers=MANAGER)).json()
    assert history["scores"][0]["value"] == pytest.approx(44.4, abs=0.1)
    assert history["tier_changes"][-1]["to_tier"] == "Observation"
    assert history["tier_changes"][-1]["from_tier"] is None


async def test_idempotency_key_replays_the_first_response(seg):
    customer_id = new_id("idem")
    await create_customer(seg, customer_id)
    headers = {**ACCOUNT_MANAGER, "Idempotency-Key": f"key-{customer_id}"}
    body = {"kind": "visit", "occurred_at": "2026-11-01T10:00:00Z"}
    first = await seg.post(f"/v1/customers/{customer_id}/interactions", json=body, headers=headers)
    again = await seg.post(f"/v1/customers/{customer_id}/interactions", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers["idempotent-replayed"] == "true"
    other = await seg.post(f"/v1/customers/{customer_id}/interactions",
                           json={**body, "kind": "call"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_health_readiness_and_metrics(seg):
    assert (await seg.get("/healthz")).json() == {"status": "ok"}
    ready = await seg.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}
    metrics = (await seg.get("/metrics")).text
    for name in ("crm_http_requests_total", "crm_http_request_duration_seconds_bucket",
                 "crm_outbox_backlog", "crm_segmentation_customers_rescored_total"):
        assert name in metrics
    assert (await seg.get("/v1/scoring-model", headers=MANAGER)).status_code == 200
    assert (await seg.get("/openapi.json")).status_code == 200
    assert ADMIN
