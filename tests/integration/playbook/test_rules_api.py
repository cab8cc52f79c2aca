"""Rules stored and edited through the API, validated with the field named (docs/design.md §6, §8)."""

import copy

import pytest

from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from tests.support import ADMIN, bearer

MANAGER = bearer("manager", sub="manager-1")
AGENT = bearer("agent", sub="agent-1")


async def test_the_default_rules_of_design_6_are_present_from_the_start(playbook):
    response = await playbook.get("/v1/rules", headers=AGENT)
    assert response.status_code == 200
    body = response.json()
    ids = {r["id"] for r in body["rules"]}
    assert {"satisfaction-positive", "satisfaction-neutral", "satisfaction-negative", "quadrant-core",
            "tier-regular", "escalation-retention", "churn-risk-retention"} <= ids
    assert body["version"] >= 1


@pytest.mark.parametrize(("change", "field"), [
    (lambda r: r[0]["conditions"].update(level=["furious"]), "rules[0].conditions.level"),
    (lambda r: r[0]["conditions"].update(colour=["red"]), "rules[0].conditions.colour"),
    (lambda r: r[0].update(trigger="invoice-paid"), "rules[0].trigger"),
    (lambda r: r[1]["conditions"].update(tier={"in": ["VIP"], "not_in": ["VIP"]}),
     "rules[1].conditions.tier"),
    (lambda r: r[0]["actions"][0].update(owner_role="nobody"), "rules[0].actions[0].owner_role"),
])
async def test_a_rule_that_can_never_fire_is_refused_with_422_naming_the_field(playbook, change, field):
    before = (await playbook.get("/v1/rules", headers=ADMIN)).json()
    rules = copy.deepcopy(DEFAULT_RULE_SET["rules"])
    change(rules)
    response = await playbook.put("/v1/rules", json={"rules": rules}, headers=MANAGER)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == field
    after = (await playbook.get("/v1/rules", headers=ADMIN)).json()
    assert after["version"] == before["version"]  # nothing stored


async def test_put_rules_replaces_the_set_as_a_new_version(playbook, default_rules):
    before = (await playbook.get("/v1/rules", headers=ADMIN)).json()
    rules = [r for r in DEFAULT_RULE_SET["rules"] if r["id"] != "tier-key"]
    response = await playbook.put("/v1/rules", json={"rules": rules}, headers=MANAGER)
    assert response.status_code == 200
    assert response.json()["version"] == before["version"] + 1
    assert "tier-key" not in {r["id"] for r in response.json()["rules"]}
    assert response.json()["created_by"] == "manager-1"


async def test_one_rule_can_be_read_and_replaced(playbook, default_rules):
    got = await playbook.get("/v1/rules/satisfaction-neutral", headers=AGENT)
    assert got.status_code == 200 and got.json()["rule"]["trigger"] == "satisfaction-scored"
    rule = {**got.json()["rule"], "actions": [{"kind": "follow-up", "channel": "phone",
                                               "owner_role": "account_manager", "due_offset_hours": 72}]}
    put = await playbook.put("/v1/rules/satisfaction-neutral", json=rule, headers=MANAGER)
    assert put.status_code == 200 and put.json()["rule"]["actions"][0]["due_offset_hours"] == 72
    bad = await playbook.put("/v1/rules/satisfaction-neutral",
                             json={**rule, "conditions": {"level": ["meh"]}}, headers=MANAGER)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "conditions.level"
    assert (await playbook.get("/v1/rules/no-such-rule", headers=AGENT)).status_code == 404


async def test_only_managers_and_admins_edit_rules(playbook):
    response = await playbook.put("/v1/rules", json=DEFAULT_RULE_SET, headers=AGENT)
    assert response.status_code == 403
    assert (await playbook.put("/v1/rules", json=DEFAULT_RULE_SET)).status_code == 401
