"""The facts a rule can test come from the event schemas (docs/design.md §6): one table, no retyped
value lists, and every fact is read from events exactly as they are published."""

import pytest

from services.playbook.domain.rules import RuleError, fields_of, parse_rule
from services.playbook.domain.triggers import (
    QUADRANTS,
    TIERS,
    TRIGGER_FACTS,
    TRIGGER_FIELDS,
    schema_property,
    trigger_facts,
)
from shared.contract import CONSUMERS
from shared.events.envelope import load_schema, validate_data

# One event of each trigger type as its producer publishes it (checked against the schema below).
PUBLISHED = {
    "satisfaction-scored": {
        "customer_id": "c-1", "survey_id": "default", "response_id": "r-1", "value": 2.25,
        "level": "dissatisfied", "nps": 4, "nps_category": "detractor", "answered_at": "2026-03-01T08:00:00Z",
    },
    "ticket-escalated": {
        "customer_id": "c-1", "ticket_id": "t-1", "priority": "P1", "level": 2, "step": "task-force",
        "metric": "resolution", "due_at": "2026-03-01T08:00:00Z", "escalated_at": "2026-03-01T20:00:00Z",
    },
    "churn-risk-detected": {
        "customer_id": "c-1", "detected_at": "2026-03-01T08:00:00Z",
        "reasons": [{"code": "no-activity-90d", "detail": "no order or interaction for 97 days"},
                    {"code": "spending-drop", "detail": "spending fell 60% two months running"}],
    },
    "score-updated": {
        "customer_id": "c-1", "score": 75.0, "tier": "Key", "previous_tier": "VIP", "model_version": "v1",
        "computed_at": "2026-03-01T08:00:00Z",
    },
    "tier-changed": {
        "customer_id": "c-1", "from_tier": "VIP", "to_tier": "Key", "reason": "override-expired",
        "changed_at": "2026-03-01T08:00:00Z",
    },
    "ticket-created": {
        "customer_id": "c-1", "ticket_id": "t-1", "priority": "P2", "type": "complaint", "channel": "phone",
        "created_at": "2026-03-01T08:00:00Z",
    },
    "ticket-resolved": {
        "customer_id": "c-1", "ticket_id": "t-1", "priority": "P3", "type": "problem",
        "resolved_at": "2026-03-01T08:00:00Z",
    },
}
EXPECTED_FACTS = {
    "satisfaction-scored": {"level": "dissatisfied", "nps_category": "detractor", "value": 2.25, "nps": 4},
    "ticket-escalated": {"level": 2, "priority": "P1", "metric": "resolution", "step": "task-force"},
    "churn-risk-detected": {"reason": ["no-activity-90d", "spending-drop"]},
    "score-updated": {"score": 75.0, "previous_tier": "VIP"},
    "tier-changed": {"to_tier": "Key", "from_tier": "VIP", "change_reason": "override-expired"},
    "ticket-created": {"type": "complaint", "priority": "P2", "channel": "phone"},
    "ticket-resolved": {"type": "problem", "priority": "P3"},
}
FACTS = [(trigger, name) for trigger, facts in TRIGGER_FACTS.items() for name in facts]


def test_every_trigger_is_an_event_the_playbook_consumes():
    consumed = {event for event, services in CONSUMERS.items() if "playbook" in services}
    assert set(TRIGGER_FACTS) <= consumed
    assert set(TRIGGER_FIELDS) == set(TRIGGER_FACTS) == set(PUBLISHED)


@pytest.mark.parametrize(("trigger", "name"), FACTS)
def test_each_fact_takes_the_values_its_event_schema_allows(trigger, name):
    prop = schema_property(trigger, TRIGGER_FACTS[trigger][name].path)
    spec = TRIGGER_FIELDS[trigger][name]
    if "enum" in prop:
        assert spec.values == tuple(v for v in prop["enum"] if v is not None)
    elif spec.values is not None:  # an integer range offered as a closed set (escalation level)
        assert spec.values == tuple(range(prop["minimum"], prop["maximum"] + 1))
    else:
        assert (spec.minimum, spec.maximum) == (prop["minimum"], prop["maximum"])


def test_tiers_and_quadrants_are_those_segmentation_publishes():
    properties = load_schema("score-updated")["properties"]
    assert TIERS == ("VIP", "Key", "Regular", "Observation") == tuple(properties["tier"]["enum"])
    assert QUADRANTS == ("core", "potential", "basic", "to-optimize")
    assert set(QUADRANTS) | {None} == set(properties["quadrant"]["enum"])


@pytest.mark.parametrize("trigger", sorted(PUBLISHED))
def test_facts_are_read_from_events_as_they_are_published(trigger):
    validate_data(trigger, PUBLISHED[trigger])  # the example is a real event of its type
    assert trigger_facts(trigger, PUBLISHED[trigger]) == EXPECTED_FACTS[trigger]
    assert set(EXPECTED_FACTS[trigger]) == set(TRIGGER_FACTS[trigger])


def test_a_fact_the_event_does_not_carry_is_left_out():
    data = {k: v for k, v in PUBLISHED["satisfaction-scored"].items() if k not in ("nps", "nps_category")}
    assert trigger_facts("satisfaction-scored", data) == {"level": "dissatisfied", "value": 2.25}


def test_a_rule_may_name_only_values_the_schema_allows():
    rule = {"id": "r", "trigger": "ticket-created", "actions": [
        {"kind": "call", "channel": "phone", "owner_role": "account_manager", "due_offset_hours": 4}]}
    assert parse_rule({**rule, "conditions": {"channel": ["survey"]}}, "rules[0]").conditions
    with pytest.raises(RuleError) as refused:
        parse_rule({**rule, "conditions": {"channel": ["fax"]}}, "rules[0]")
    assert refused.value.field == "rules[0].conditions.channel"
    assert set(fields_of("ticket-created")) == {"tier", "quadrant", "dormant", "type", "priority", "channel"}
