"""Contact caps by value class, channel pauses, the editable contact policy (docs/design.md §6)."""

import copy

from services.playbook.domain.caps import ContactPolicy, policy_to_document
from tests.integration.playbook import events
from tests.integration.playbook.helpers import publish, wait_for_actions
from tests.support import ADMIN, EventCollector, bearer

MANAGER = bearer("manager", sub="manager-1")
AM = bearer("account_manager", sub="am-li")


async def test_a_promised_fourth_deep_contact_goes_ahead_and_a_deferrable_one_moves(
    playbook, producer, broker, customer_id
):
    policy = policy_to_document(ContactPolicy())
    policy["caps"]["high_value"]["max_contacts"] = 3
    assert (await playbook.put("/v1/contact-policy", json=policy, headers=MANAGER)).status_code == 200
    try:
        async with EventCollector(broker.bootstrap, ["action-created"]) as collector:
            # A high-value customer (Key, potential): the new-feature trial is deep contact 1.
            await publish(producer, "score-updated", customer_id, events.score("Key", "potential"))
            await wait_for_actions(playbook, customer_id, 1, kind="feature-trial")
            await wait_for_actions(playbook, customer_id, 1, kind="service-review")  # deep contact 2
            for _ in range(2):  # neutral answers: promised follow-ups, deep contacts 3 and 4
                neutral = events.satisfaction("neutral", 3.0)
                await publish(producer, "satisfaction-scored", customer_id, neutral)
            follow_ups = await wait_for_actions(playbook, customer_id, 2, kind="follow-up")
            # Promises beat caps: both follow-ups go ahead (a week is promised) and count...
            assert {a["status"] for a in follow_ups} == {"pending"}, follow_ups
            assert all(a["explanation"]["contact"] == {"promised": True} for a in follow_ups)
            published = await collector.wait_for(lambda e: e["data"]["action_id"] in {
                a["id"] for a in follow_ups}, count=2)
            assert {e["data"]["status"] for e in published} == {"pending"}
            # ... and the deferrable deep contact planned last moves instead, with the reason.
            planned = [a for a in await wait_for_actions(playbook, customer_id, 6)
                       if a["kind"] in ("feature-trial", "service-review")]
            deferred = [a for a in planned if a["status"] == "deferred"]
            assert len(deferred) == 1, planned
            (fourth,) = deferred
            assert "at most 3 deep contacts in 30 days" in fourth["deferred_reason"]
            assert "a promised follow-up (never deferred) took this place" in fourth["deferred_reason"]
            assert fourth["may_proceed_at"] is not None
            assert fourth["explanation"]["history"][-1]["by"] == "promise"
            # Too early to go ahead by hand: 409 with the date.
            url = f"/v1/actions/{fourth['id']}"
            early = await playbook.patch(url, json={"status": "pending"}, headers=MANAGER)
            assert early.status_code == 409
            plan = (await playbook.get(f"/v1/customers/{customer_id}/plan", headers=MANAGER)).json()
            assert plan["contact"]["deep_contacts_in_window"] == 3
            assert fourth["id"] in {a["id"] for a in plan["open_actions"]}  # never dropped
    finally:
        await playbook.put("/v1/contact-policy", json=policy_to_document(ContactPolicy()), headers=ADMIN)


async def test_service_recovery_is_never_deferred_by_a_cap(playbook, producer, customer_id):
    await publish(producer, "score-updated", customer_id, events.score("Regular", "basic"))
    for _ in range(3):
        await publish(producer, "churn-risk-detected", customer_id, events.churn_risk())
    retention = await wait_for_actions(playbook, customer_id, 3, kind="retention")
    assert {a["status"] for a in retention} == {"pending"}


async def test_three_unopened_messages_pause_the_channel_and_defer_actions_on_it(
    playbook, producer, customer_id
):
    replies = []
    for opened in (True, False, False, False):
        response = await playbook.post(f"/v1/customers/{customer_id}/contacts",
                                       json={"channel": "email", "opened": opened}, headers=MANAGER)
        assert response.status_code == 201, response.text
        replies.append(response.json()["channel_paused"])
    assert replies == [False, False, False, True]
    await publish(producer, "satisfaction-scored", customer_id, events.satisfaction("very_satisfied", 4.8))
    items = await wait_for_actions(playbook, customer_id, 2)
    by_kind = {a["kind"]: a for a in items}
    assert by_kind["referral-invitation"]["status"] == "deferred"  # email is paused
    assert "channel email paused" in by_kind["referral-invitation"]["deferred_reason"]
    assert by_kind["thank-you-letter"]["status"] == "pending"  # a letter is another channel
    plan = (await playbook.get(f"/v1/customers/{customer_id}/plan", headers=MANAGER)).json()
    assert [p["channel"] for p in plan["contact"]["paused_channels"]] == ["email"]


async def test_a_contact_outcome_is_validated(playbook, customer_id):
    response = await playbook.post(f"/v1/customers/{customer_id}/contacts",
                                   json={"channel": "pigeon", "opened": False}, headers=MANAGER)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "channel"


async def test_the_contact_policy_is_editable_data_and_validated(playbook):
    current = await playbook.get("/v1/contact-policy", headers=AM)
    assert current.status_code == 200
    policy = current.json()["policy"]
    assert policy["caps"]["high_value"] == {"max_contacts": 2, "window_days": 30}
    assert policy["caps"]["standard"] == {"max_contacts": 2, "window_days": 91}
    assert policy["caps"]["dormant"] == {"max_contacts": 1, "window_days": 182}
    assert (policy["dormant_after_days"], policy["pause_after_unopened"]) == (180, 3)
    bad = copy.deepcopy(policy)
    bad["caps"]["dormant"]["window_days"] = 0
    response = await playbook.put("/v1/contact-policy", json=bad, headers=MANAGER)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "caps.dormant.window_days"
    assert (await playbook.put("/v1/contact-policy", json=policy, headers=AM)).status_code == 403
