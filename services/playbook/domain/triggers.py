"""What a rule's conditions can test: the facts each trigger event offers (docs/design.md §6).

One table says, per event the playbook consumes, which facts a condition may name and where the
event carries each one (a key of its data, or `list[].key` for every item of a list). The values a
fact takes are not typed again here: they are read from the event's JSON Schema (the partner
contract in shared/events/schemas), so a value added there is at once one a rule may name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.events.envelope import load_schema


@dataclass(frozen=True)
class FieldSpec:
    """A condition field: a closed set of values, or a number range, or a yes/no."""

    values: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    boolean: bool = False

    @property
    def numeric(self) -> bool:
        return self.values is None and not self.boolean


@dataclass(frozen=True)
class Fact:
    """Where a trigger carries a fact: `path` into the event's data; an integer range is a closed set
    of values when `each_value` (an escalation level: 0, 1, 2), else a number range."""

    path: str
    each_value: bool = False


# The events the playbook consumes and the facts each one offers to conditions.
TRIGGER_FACTS: dict[str, dict[str, Fact]] = {
    "satisfaction-scored": {
        "level": Fact("level"), "nps_category": Fact("nps_category"), "value": Fact("value"),
        "nps": Fact("nps"),
    },
    "ticket-escalated": {
        "level": Fact("level", each_value=True), "priority": Fact("priority"), "metric": Fact("metric"),
        "step": Fact("step"),
    },
    "churn-risk-detected": {"reason": Fact("reasons[].code")},
    "score-updated": {"score": Fact("score"), "previous_tier": Fact("previous_tier")},
    "tier-changed": {
        "to_tier": Fact("to_tier"), "from_tier": Fact("from_tier"), "change_reason": Fact("reason"),
    },
    "ticket-created": {"type": Fact("type"), "priority": Fact("priority"), "channel": Fact("channel")},
    "ticket-resolved": {"type": Fact("type"), "priority": Fact("priority")},
}


def schema_property(event_type: str, path: str) -> dict[str, Any]:
    """The JSON Schema of the value at `path` in the data of `event_type`."""
    node = load_schema(event_type)
    for part in path.split("."):
        listed = part.endswith("[]")
        node = node["properties"][part.removesuffix("[]")]
        if listed:
            node = node["items"]
    return node


def spec_from_schema(prop: dict[str, Any], each_value: bool = False) -> FieldSpec:
    """The values a condition may name, as the schema allows them (null is never a match)."""
    if "enum" in prop:
        return FieldSpec(values=tuple(v for v in prop["enum"] if v is not None))
    if each_value:
        return FieldSpec(values=tuple(range(prop["minimum"], prop["maximum"] + 1)))
    return FieldSpec(minimum=prop["minimum"], maximum=prop["maximum"])


TRIGGER_FIELDS: dict[str, dict[str, FieldSpec]] = {
    trigger: {name: spec_from_schema(schema_property(trigger, fact.path), fact.each_value)
              for name, fact in facts.items()}
    for trigger, facts in TRIGGER_FACTS.items()
}
TIERS: tuple[str, ...] = spec_from_schema(schema_property("score-updated", "tier")).values or ()
QUADRANTS: tuple[str, ...] = spec_from_schema(schema_property("score-updated", "quadrant")).values or ()
# Facts every trigger offers: from the event when it carries them, else from the read model.
COMMON_FIELDS = {
    "tier": FieldSpec(values=TIERS),
    "quadrant": FieldSpec(values=QUADRANTS),
    "dormant": FieldSpec(boolean=True),
}


def trigger_facts(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """The facts of TRIGGER_FACTS an event carries (a list fact: the values of its items)."""
    facts: dict[str, Any] = {}
    for name, fact in TRIGGER_FACTS.get(event_type, {}).items():
        key, _, item_key = fact.path.partition("[].")
        if key not in data:
            continue
        facts[name] = [item[item_key] for item in data[key]] if item_key else data[key]
    return facts
