"""Cases, rule experiments with a control group, and the monthly effect report (docs/design.md §6)."""

import copy
import uuid
from datetime import UTC, datetime

import httpx
import pytest

from services.playbook.app import create_app
from services.playbook.demo import DEMO_CASES, load_demo
from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from services.playbook.domain.experiments import CONTROL, assign
from services.playbook.settings import playbook_settings
from tests.integration.playbook import events
from tests.integration.playbook.helpers import actions_of, publish
from tests.support import ADMIN, TEST_JWT_SECRET, bearer, eventually, running_service

MANAGER = bearer("manager", sub="manager-1")
AM = bearer("account_manager", sub="am-li")
ANALYST = bearer("analyst", sub="analyst-1")
CASE = {
    "title": "Winning back a Key account after an outage",
    "tier": "Key", "quadrant": "potential",
    "background": "Two P1 outages in a quarter; NPS fell to -10.",
    "strategy": "Task force, written remediation plan, monthly service review.",
    "execution": "Plan delivered in 48 h; weekly calls for a month.",
    "effect": {"metrics": [{"name": "NPS", "before": -10, "after": 40, "unit": "points"},
                           {"name": "renewals", "before": 100, "after": 130, "unit": "%"}],
               "summary": "Renewals +30% in 30 days"},
    "lessons": "Answer within 48 h with a date, not an apology.",
    "tags": ["remediation"],
}


async def test_the_demo_data_loads_once_over_the_api(own_database, broker):
    """On a database of its own no case exists yet, so the demo loads; a second load is skipped."""
    settings = playbook_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                 jwt_secret=TEST_JWT_SECRET, run_relay=False, run_consumers=False,
                                 run_workers=False)
    async with running_service(create_app(settings)) as playbook:
        transport = httpx.ASGITransport(app=playbook.app)
        await load_demo("http://test", ADMIN, transport=transport)
        await load_demo("http://test", ADMIN, transport=transport)
        listed = (await playbook.get("/v1/cases", params={"limit": 500}, headers=ADMIN)).json()["items"]
        plan = (await playbook.get("/v1/customers/cust-d/plan", headers=ADMIN)).json()
    assert sorted(c["title"] for c in listed) == sorted(c["title"] for c in DEMO_CASES)
    assert [p["channel"] for p in plan["contact"]["paused_channels"]] == ["email"]


async def test_a_case_records_background_strategy_execution_effect_and_lessons(playbook):
    response = await playbook.post("/v1/cases", json=CASE, headers=AM)
    assert response.status_code == 201, response.text
    case = response.json()
    nps = case["effect"]["metrics"][0]
    assert (nps["before"], nps["after"], nps["change"]) == (-10, 40, 50)
    assert case["effect"]["metrics"][1]["change_pct"] == 30.0
    listed = (await playbook.get("/v1/cases", params={"tier": "Key"}, headers=ANALYST)).json()
    assert case["id"] in [c["id"] for c in listed["items"]]
    one = await playbook.get(f"/v1/cases/{case['id']}", headers=ANALYST)
    assert one.json()["lessons"] == CASE["lessons"]


@pytest.mark.parametrize(("change", "field"), [
    ({"lessons": None}, "lessons"), ({"tier": "Gold"}, "tier"), ({"effect": {"metrics": [{"name": "NPS"}]}},
                                                                  "effect.metrics.0.before"),
])
async def test_a_bad_case_is_refused_naming_the_field(playbook, change, field):
    body = {**CASE, **change}
    if change.get("lessons", "") is None:
        del body["lessons"]
    response = await playbook.post("/v1/cases", json=body, headers=AM)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_a_retried_case_with_the_same_idempotency_key_is_stored_once(playbook):
    headers = {**AM, "Idempotency-Key": f"case-{uuid.uuid4()}"}
    first = await playbook.post("/v1/cases", json={**CASE, "title": "retried"}, headers=headers)
    second = await playbook.post("/v1/cases", json={**CASE, "title": "retried"}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]


async def test_analysts_read_cases_but_do_not_write_them(playbook):
    assert (await playbook.post("/v1/cases", json=CASE, headers=ANALYST)).status_code == 403


def _customer_in(arm: str, experiment_id: str, control_share: float, variants: list[str]) -> str:
    while True:
        candidate = f"EXP-{uuid.uuid4().hex[:10]}"
        if assign(experiment_id, candidate, control_share, variants) == arm:
            return candidate


async def test_an_experiment_assigns_by_stable_hash_and_reports_each_arm_with_intervals(
    playbook, producer, default_rules
):
    experiment_id = f"exp-{uuid.uuid4().hex[:8]}"
    rules = copy.deepcopy(DEFAULT_RULE_SET["rules"])
    neutral = next(r for r in rules if r["id"] == "satisfaction-neutral")
    neutral["actions"] = []
    # Only this test's customers (NPS 0 in a neutral answer): events other tests left on the shared
    # broker may reach the consumer while the rule is in place, and would join the experiment's
    # arms. The condition is on the event itself: a tier would come from another topic, in no
    # guaranteed order.
    neutral["conditions"] = {**neutral["conditions"], "nps": {"min": 0, "max": 0}}
    neutral["experiment"] = {"id": experiment_id, "control_share": 0.3, "variants": [
        {"name": "call", "actions": [{"kind": "follow-up", "channel": "phone",
                                      "owner_role": "account_manager", "due_offset_hours": 168}]},
        {"name": "visit", "actions": [{"kind": "follow-up-visit", "channel": "visit",
                                       "owner_role": "account_manager", "due_offset_hours": 168}]},
    ]}
    assert (await playbook.put("/v1/rules", json={"rules": rules}, headers=MANAGER)).status_code == 200
    arms = {arm: _customer_in(arm, experiment_id, 0.3, ["call", "visit"]) for arm in (CONTROL, "call")}
    for customer in arms.values():
        await publish(producer, "score-updated", customer,
                      events.score("Observation", "to-optimize", amount=100000, last_order_days=200))
        await publish(producer, "satisfaction-scored", customer, events.satisfaction("neutral", 3.0, nps=0))

    async def assigned():
        report = (await playbook.get(f"/v1/experiments/{experiment_id}/report", headers=ANALYST)).json()
        by_arm = {v["variant"]: v for v in report.get("variants", [])}
        return all(by_arm.get(a, {}).get("customers") == 1 for a in (CONTROL, "call"))

    # What follows happens after the assignment (an order and an answer dated when they are made):
    # sent before the playbook applied the neutral answer, they could be dated before it.
    await eventually(assigned, timeout=60)
    for customer in arms.values():
        await publish(producer, "satisfaction-scored", customer, events.satisfaction("satisfied", 4.2))
        await publish(producer, "score-updated", customer,
                      events.score("Observation", "to-optimize", amount=150000, last_order_days=0))

    async def report_complete():
        report = (await playbook.get(f"/v1/experiments/{experiment_id}/report", headers=ANALYST)).json()
        by_arm = {v["variant"]: v for v in report.get("variants", [])}
        # The two topics are not ordered against each other: wait for both outcomes.
        done = all(by_arm[a]["spend_change_3m"]["n"] == 1 and by_arm[a]["satisfaction_change"]["n"] == 1
                   for a in (CONTROL, "call"))
        return by_arm if done else None

    by_arm = await eventually(report_complete, timeout=60)  # a backlog of other tests' events
    for arm in (CONTROL, "call"):
        assert by_arm[arm]["customers"] == 1
        assert by_arm[arm]["win_back_30d"]["value"] == 1.0
        assert 0 < by_arm[arm]["win_back_30d"]["ci_low"] < 1  # Wilson for 1 of 1
        assert by_arm[arm]["satisfaction_change"]["value"] == pytest.approx(1.2)
        assert by_arm[arm]["spend_change_3m"]["value"] == 50000
    assert by_arm["visit"]["customers"] == 0
    call_actions = await actions_of(playbook, arms["call"], kind="follow-up")
    assert [(a["experiment_id"], a["variant"]) for a in call_actions] == [(experiment_id, "call")]
    assert await actions_of(playbook, arms[CONTROL], kind="follow-up") == []  # control: no action
    listed = (await playbook.get("/v1/experiments", headers=ANALYST)).json()["items"]
    (mine,) = [e for e in listed if e["id"] == experiment_id]
    assert mine["assignments"] == {CONTROL: 1, "call": 1, "visit": 0}
    assert (await playbook.get("/v1/experiments/nope/report", headers=ANALYST)).status_code == 404


async def test_the_effect_report_gives_the_month_per_tier_and_quadrant(playbook, producer, customer_id):
    await publish(producer, "score-updated", customer_id, events.score("Key", "core", last_order_days=1))
    await publish(producer, "satisfaction-scored", customer_id, events.satisfaction("very_satisfied", 4.9,
                                                                                   nps=10, csat=1.0))
    await publish(producer, "ticket-created", customer_id, {
        "ticket_id": f"T-{customer_id}", "priority": "P2", "type": "complaint", "channel": "email",
        "created_at": events.iso(events.now())})
    await publish(producer, "ticket-resolved", customer_id, {
        "ticket_id": f"T-{customer_id}", "priority": "P2", "type": "complaint",
        "resolved_at": events.iso(events.now())})
    await eventually(lambda: actions_of(playbook, customer_id, kind="referral-invitation"))
    month = datetime.now(UTC).strftime("%Y-%m")

    async def report_with_resolution():
        report = (await playbook.get("/v1/reports/effect", params={"month": month}, headers=ANALYST)).json()
        key = report["by_tier"].get("Key", {})
        return report if key.get("complaints_resolved", 0) >= 1 else None

    report = await eventually(report_with_resolution)
    assert set(report["definitions"]) >= {"retention_rate", "repurchase_rate", "complaint_resolution_rate",
                                          "nps", "csat", "referrals"}
    key = report["by_tier"]["Key"]
    assert key["survey_answers"] >= 1 and key["nps"] is not None and key["csat"] is not None
    assert key["referral_invitations"] >= 1
    assert report["by_quadrant"]["core"]["customers"] >= 1
    assert report["overall"]["customers"] >= key["customers"]
    bad = await playbook.get("/v1/reports/effect", params={"month": "2026-13"}, headers=ANALYST)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "month"

