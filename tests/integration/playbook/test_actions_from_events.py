"""Care actions from consumed events, through the real broker (docs/design.md §6)."""

import json
from datetime import timedelta

from services.playbook.service.planning import plan_for_event
from services.playbook.service.workers import sweep_overdue
from shared.events.envelope import new_event
from shared.rfc3339 import parse_time as _time
from tests.integration.playbook import events
from tests.integration.playbook.helpers import actions_of, publish, wait_for_actions
from tests.support import ADMIN, EventCollector, bearer, eventually

AGENT = bearer("agent", sub="agent-1")
ANALYST = bearer("analyst", sub="analyst-1")
MANAGER = bearer("manager", sub="mgr-1")  # reads and works on any customer


async def test_a_dissatisfied_answer_leads_to_a_task_force_action_due_within_48_hours(
    playbook, producer, broker, customer_id
):
    async with EventCollector(broker.bootstrap, ["action-created"]) as collector:
        sent = await publish(producer, "satisfaction-scored", customer_id,
                             events.satisfaction("dissatisfied", 2.1))
        (action,) = await wait_for_actions(playbook, customer_id, 1)
        assert (action["kind"], action["owner_role"], action["status"]) == ("remediation-plan", "task_force",
                                                                          "pending")
        assert _time(action["due_at"]) - _time(sent["time"]) <= timedelta(hours=48)
        assert action["rule_id"] == "satisfaction-negative"
        assert action["trigger_event_id"] == sent["id"]
        assert action["trigger_event_type"] == "satisfaction-scored"
        assert action["explanation"]["matched_conditions"] == {"level": "dissatisfied"}
        (created,) = await collector.wait_for(lambda e: e["subject"] == customer_id)
        assert created["data"]["action_id"] == action["id"]
        assert created["data"]["trigger_event_id"] == sent["id"]
        assert created["_key"] == customer_id


async def test_an_event_delivered_twice_creates_its_actions_once(playbook, producer, customer_id):
    sent = await publish(producer, "satisfaction-scored", customer_id, events.satisfaction("satisfied", 4.0))
    raw = json.dumps(sent)
    await publish(producer, "satisfaction-scored", customer_id, {}, raw=raw)
    await wait_for_actions(playbook, customer_id, 2)  # thank-you letter and referral invitation
    # A later event for the same customer is applied after both copies (one partition, in order).
    await publish(producer, "churn-risk-detected", customer_id, events.churn_risk())
    items = await wait_for_actions(playbook, customer_id, 3)
    kinds = sorted(a["kind"] for a in items)
    assert kinds == ["referral-invitation", "retention", "thank-you-letter"]


async def test_without_the_inbox_the_unique_rule_event_kind_key_still_creates_an_action_once(
    playbook, customer_id
):
    ctx = playbook.app.state.ctx
    event = new_event("churn-risk-detected", "test", customer_id,
                      {"customer_id": customer_id, **events.churn_risk()}, None)
    made = []
    for _ in range(2):  # as if the inbox row had been lost and the event applied again
        async with ctx.db.session() as session, session.begin():
            made.append(len(await plan_for_event(ctx, session, event)))
    assert made == [1, 0]
    assert len(await actions_of(playbook, customer_id)) == 1


async def test_a_level_2_escalation_leads_to_a_retention_action_for_the_owner(
    playbook, producer, customer_id
):
    await publish(producer, "score-updated", customer_id, events.score("Key", "basic", owner="am-wang"))
    # Topics are not ordered with each other: let the read model take the score first.
    await wait_for_actions(playbook, customer_id, 1, kind="service-review")
    await publish(producer, "ticket-escalated", customer_id, events.escalation(1))
    sent = await publish(producer, "ticket-escalated", customer_id, events.escalation(2))
    (retention,) = await wait_for_actions(playbook, customer_id, 1, kind="retention")
    assert retention["owner"] == "am-wang"  # the account owner, from the read model
    assert retention["trigger_event_id"] == sent["id"]
    assert retention["rule_id"] == "escalation-retention"
    everything = await actions_of(playbook, customer_id)
    assert all(a["trigger_event_type"] != "ticket-escalated" or a["trigger_event_id"] == sent["id"]
               for a in everything)  # level 1 made nothing


async def test_a_churn_risk_leads_to_a_retention_action(playbook, producer, customer_id):
    sent = await publish(producer, "churn-risk-detected", customer_id,
                         {**events.churn_risk("spending-drop"), "owner": "am-zhao"})
    (action,) = await wait_for_actions(playbook, customer_id, 1)
    assert (action["kind"], action["owner"]) == ("retention", "am-zhao")
    assert action["rule_id"] == "churn-risk-retention"
    assert action["trigger_event_id"] == sent["id"]


async def test_the_read_model_and_the_plan_follow_score_updated(playbook, producer, customer_id):
    await publish(producer, "score-updated", customer_id,
                  events.score("VIP", "core", owner="am-li", amount=800000, orders=12))
    items = await wait_for_actions(playbook, customer_id, 5)
    assert {"executive-visit", "custom-report", "priority-channel", "dedicated-account-manager",
            "early-access"} == {a["kind"] for a in items}  # one executive visit for both rules
    response = await playbook.get(f"/v1/customers/{customer_id}/plan", headers=MANAGER)
    assert response.status_code == 200
    plan = response.json()
    assert plan["customer"]["tier"] == "VIP" and plan["customer"]["quadrant"] == "core"
    assert plan["customer"]["owner"] == "am-li" and plan["customer"]["orders_12m"] == 12
    assert float(plan["customer"]["amount_12m"]) == 800000
    assert plan["contact"]["contact_class"] == "high_value"
    assert plan["contact"]["deep_contacts_in_window"] == 1
    assert len(plan["open_actions"]) == 5
    # A rescore within the quarter does not plan the same visits again.
    await publish(producer, "score-updated", customer_id, events.score("VIP", "core", owner="am-li"))
    await publish(producer, "churn-risk-detected", customer_id, events.churn_risk())
    items = await wait_for_actions(playbook, customer_id, 6)
    assert len(items) == 6


async def test_status_changes_publish_completion_and_refuse_invalid_transitions(
    playbook, producer, broker, customer_id
):
    await publish(producer, "churn-risk-detected", customer_id, events.churn_risk())
    (action,) = await wait_for_actions(playbook, customer_id, 1)
    url = f"/v1/actions/{action['id']}"
    async with EventCollector(broker.bootstrap, ["action-completed"]) as collector:
        response = await playbook.patch(url, json={"status": "done", "customer_feedback": "will renew",
                                                   "next_step": "renewal call in May"}, headers=MANAGER)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "done" and response.json()["completed_at"]
        (completed,) = await collector.wait_for(lambda e: e["data"]["action_id"] == action["id"])
        assert completed["data"]["customer_feedback"] == "will renew"
    again = await playbook.patch(url, json={"status": "pending"}, headers=MANAGER)
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    assert (await playbook.patch(url, json={"status": "cancelled"}, headers=MANAGER)).status_code == 409
    assert (await playbook.patch(url, json={"status": "overdue"}, headers=MANAGER)).status_code == 422
    assert (await playbook.patch(url, json={"status": "done"}, headers=ANALYST)).status_code == 403
    missing = await playbook.patch("/v1/actions/nope", json={"status": "done"}, headers=MANAGER)
    assert missing.status_code == 404


async def test_the_action_list_filters_by_owner_and_status_and_pages_with_a_cursor(
    playbook, producer, customer_id
):
    await publish(producer, "score-updated", customer_id, events.score("Observation", "to-optimize",
                                                                       owner="am-page"))
    items = await wait_for_actions(playbook, customer_id, 5)
    owned = await actions_of(playbook, customer_id, owner="am-page")
    assert {a["kind"] for a in owned} == {"cooperation-review", "extended-trial"}
    seen, cursor = [], None
    while True:
        params = {"customer_id": customer_id, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await playbook.get("/v1/actions", params=params, headers=ADMIN)).json()
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(a["id"] for a in items)
    assert await actions_of(playbook, customer_id, status="done") == []
    bad = await playbook.get("/v1/actions", params={"cursor": "garbage!"}, headers=ADMIN)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"


async def test_an_overdue_action_publishes_action_overdue_once(
    playbook, producer, broker, customer_id, default_rules
):
    rules = (await playbook.get("/v1/rules", headers=ADMIN)).json()["rules"]
    probe = {"id": "overdue-probe", "trigger": "tier-changed",
             "conditions": {"change_reason": ["override-expired"]},
             "actions": [{"kind": "review-expired-override", "channel": "internal", "owner_role": "team_lead",
                          "due_offset_hours": 0}]}
    saved = await playbook.put("/v1/rules", json={"rules": [*rules, probe]}, headers=ADMIN)
    assert saved.status_code == 200
    async with EventCollector(broker.bootstrap, ["action-overdue"]) as collector:
        await publish(producer, "tier-changed", customer_id, {
            "from_tier": "VIP", "to_tier": "Key", "reason": "override-expired",
            "changed_at": events.iso(events.now())})
        (action,) = await wait_for_actions(playbook, customer_id, 1, kind="review-expired-override")
        await collector.wait_for(lambda e: e["data"]["action_id"] == action["id"])

        async def notified_and_swept_again():
            got = await playbook.get(f"/v1/actions/{action['id']}", headers=ADMIN)
            return got.json()["overdue"] and got.json()["overdue_notified_at"]

        await eventually(notified_and_swept_again)
        overdue = await actions_of(playbook, customer_id, status="overdue")
        assert [a["id"] for a in overdue] == [action["id"]]
        # Another sweep (as another replica would run) finds nothing new to publish.
        assert action["id"] not in await sweep_overdue(playbook.app.state.ctx, events.now())
        assert len([e for e in collector.events if e["data"]["action_id"] == action["id"]]) == 1


async def test_unknown_ids_are_404(playbook):
    assert (await playbook.get("/v1/actions/nope", headers=ADMIN)).status_code == 404
    assert (await playbook.get("/v1/customers/never-seen/plan", headers=ADMIN)).status_code == 404
    assert (await playbook.get("/v1/actions")).status_code == 401
