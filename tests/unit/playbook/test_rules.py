"""Rules (docs/design.md §6): defaults present and valid, matching, and refusal of rules that can
never fire."""

import copy

import pytest

from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from services.playbook.domain.rules import (
    RuleError,
    parse_rule_set,
    recurring_rules,
    rules_for,
)


def _rule(**overrides):
    rule = {"id": "r1", "trigger": "satisfaction-scored", "conditions": {"level": ["neutral"]},
            "actions": [{"kind": "follow-up", "channel": "phone", "owner_role": "account_manager",
                         "due_offset_hours": 168}]}
    rule.update(overrides)
    return {"rules": [rule]}


def _matching(facts, trigger):
    rules = parse_rule_set(DEFAULT_RULE_SET)
    return [r.id for r in rules_for(rules, trigger) if r.matches(facts)]


def test_default_rules_are_valid_and_cover_design_6():
    ids = {r.id for r in parse_rule_set(DEFAULT_RULE_SET)}
    assert {"satisfaction-positive", "satisfaction-neutral", "satisfaction-negative", "quadrant-core",
            "quadrant-potential", "quadrant-basic", "quadrant-to-optimize", "tier-vip", "tier-key",
            "tier-regular", "tier-observation", "escalation-retention", "churn-risk-retention"} <= ids


@pytest.mark.parametrize(("level", "rule_id"), [
    ("very_satisfied", "satisfaction-positive"), ("satisfied", "satisfaction-positive"),
    ("neutral", "satisfaction-neutral"),
    ("dissatisfied", "satisfaction-negative"), ("very_dissatisfied", "satisfaction-negative"),
])
def test_each_satisfaction_level_fires_its_rule(level, rule_id):
    assert _matching({"level": level}, "satisfaction-scored") == [rule_id]


def test_dissatisfied_rule_sends_the_task_force_within_48_hours():
    rule = next(r for r in parse_rule_set(DEFAULT_RULE_SET) if r.id == "satisfaction-negative")
    (action,) = rule.actions
    assert (action.owner_role, action.due_offset_hours, action.bypass_caps) == ("task_force", 48, True)


def test_only_a_level_2_escalation_makes_a_retention_action():
    assert _matching({"level": 2}, "ticket-escalated") == ["escalation-retention"]
    assert _matching({"level": 1}, "ticket-escalated") == []


def test_churn_risk_always_makes_a_retention_action():
    assert _matching({"reason": ["no-activity-90d"]}, "churn-risk-detected") == ["churn-risk-retention"]


def test_a_core_vip_gets_the_core_and_the_vip_plan_as_recurring_care_not_per_event():
    assert _matching({"tier": "VIP", "quadrant": "core"}, "score-updated") == []
    recurring = [r for r in recurring_rules(parse_rule_set(DEFAULT_RULE_SET))
                 if r.matches({"tier": "VIP", "quadrant": "core"})]
    assert sorted(r.id for r in recurring) == ["quadrant-core", "quadrant-core-channel", "tier-vip",
                                               "tier-vip-account-manager"]
    assert {r.id: r.cadence for r in recurring}["tier-vip"] == "quarterly"


def test_list_facts_match_when_any_value_is_allowed():
    rules = parse_rule_set(_rule(trigger="churn-risk-detected", conditions={"reason": ["spending-drop"]}))
    assert rules[0].matches({"reason": ["no-activity-90d", "spending-drop"]})
    assert not rules[0].matches({"reason": ["no-activity-90d"]})


def test_not_in_and_number_ranges():
    rules = parse_rule_set(_rule(conditions={"tier": {"not_in": ["Observation"]}, "value": {"max": 2.5}}))
    assert rules[0].matches({"tier": "VIP", "value": 2.0})
    assert not rules[0].matches({"tier": "Observation", "value": 2.0})
    assert not rules[0].matches({"tier": "VIP", "value": 3.0})


@pytest.mark.parametrize(("overrides", "field"), [
    ({"conditions": {"level": ["angry"]}}, "rules[0].conditions.level"),
    ({"conditions": {"mood": ["neutral"]}}, "rules[0].conditions.mood"),
    ({"conditions": {"level": []}}, "rules[0].conditions.level"),
    ({"conditions": {"tier": {"in": ["VIP"], "not_in": ["VIP"]}}}, "rules[0].conditions.tier"),
    ({"conditions": {"value": {"min": 4, "max": 2}}}, "rules[0].conditions.value"),
    ({"conditions": {"value": {"min": 7}}}, "rules[0].conditions.value.min"),
    ({"trigger": "order-placed"}, "rules[0].trigger"),
    ({"trigger": "action-created"}, "rules[0].trigger"),
    ({"actions": []}, "rules[0].actions"),
    ({"colour": "red"}, "rules[0].colour"),
    ({"id": "Bad Id"}, "rules[0].id"),
])
def test_a_rule_that_can_never_fire_or_names_an_unknown_field_is_refused(overrides, field):
    with pytest.raises(RuleError) as error:
        parse_rule_set(_rule(**overrides))
    assert error.value.field == field


@pytest.mark.parametrize(("action_change", "field"), [
    ({"channel": "pigeon"}, "rules[0].actions[0].channel"),
    ({"owner_role": "ceo"}, "rules[0].actions[0].owner_role"),
    ({"due_offset_hours": -1}, "rules[0].actions[0].due_offset_hours"),
    ({"speed": 1}, "rules[0].actions[0].speed"),
])
def test_bad_action_templates_are_refused_naming_the_field(action_change, field):
    document = _rule()
    document["rules"][0]["actions"][0].update(action_change)
    with pytest.raises(RuleError) as error:
        parse_rule_set(document)
    assert error.value.field == field


def test_a_condition_on_a_field_of_another_trigger_is_unknown():
    with pytest.raises(RuleError) as error:
        parse_rule_set(_rule(trigger="churn-risk-detected", conditions={"level": ["neutral"]}))
    assert error.value.field == "rules[0].conditions.level"


def test_two_rules_with_one_id_are_refused():
    document = _rule()
    document["rules"].append(copy.deepcopy(document["rules"][0]))
    with pytest.raises(RuleError) as error:
        parse_rule_set(document)
    assert error.value.field == "rules[1].id"


def test_an_experiment_needs_variants_and_may_replace_the_actions():
    rules = parse_rule_set(_rule(actions=[], experiment={
        "id": "exp-1", "control_share": 0.2,
        "variants": [{"name": "call", "actions": [{
            "kind": "call", "channel": "phone", "owner_role": "account_manager", "due_offset_hours": 24}]}],
    }))
    assert rules[0].experiment.variants[0].name == "call"
    with pytest.raises(RuleError) as error:
        parse_rule_set(_rule(experiment={"id": "exp-1", "variants": []}))
    assert error.value.field == "rules[0].experiment.variants"
