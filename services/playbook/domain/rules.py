"""Playbook rules (docs/design.md §6): a trigger event, conditions on its facts, action templates.

A rule set is a plain JSON document, validated here before it is stored: a rule that names
an unknown field, or that can never fire (a value outside the allowed set, contradictory
conditions, a trigger no service publishes), is refused with the path of the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from services.playbook.domain.triggers import COMMON_FIELDS, TRIGGER_FIELDS, FieldSpec

CHANNELS = ("email", "phone", "visit", "meeting", "sms", "app", "letter", "survey", "report",
            "training", "internal")
OWNER_ROLES = ("account_manager", "task_force", "team_lead", "sales", "executive", "support",
               "marketing", "analyst")
MAX_DUE_OFFSET_HOURS = 24 * 366
# Recurring care (docs/design.md §9): a rule with a cadence keeps its actions planned for every
# customer that matches it, one per period of the business calendar.
CADENCES = ("monthly", "quarterly", "half-yearly", "yearly")
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
# A recurring rule matches on what the customer is, not on one event's facts.
RECURRING_TRIGGERS = ("score-updated", "tier-changed")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


class RuleError(ValueError):
    """A rule set that cannot be stored; `field` is the JSON path of the offending value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


OWN_EVENTS = ("action-created", "action-completed", "action-overdue")


def fields_of(trigger: str) -> dict[str, FieldSpec]:
    return {**COMMON_FIELDS, **TRIGGER_FIELDS[trigger]}


@dataclass(frozen=True)
class Condition:
    """`field` matches when its fact is in `allowed` (if given), not in `excluded`, within range."""

    field: str
    allowed: frozenset | None = None
    excluded: frozenset = frozenset()
    minimum: float | None = None
    maximum: float | None = None

    def matches(self, fact: Any) -> bool:
        values = fact if isinstance(fact, list | tuple | set | frozenset) else [fact]
        return any(self._one(v) for v in values)

    def _one(self, value: Any) -> bool:
        if value is None:
            return False
        if self.allowed is not None and value not in self.allowed:
            return False
        if value in self.excluded:
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        return not (self.maximum is not None and value > self.maximum)


@dataclass(frozen=True)
class ActionTemplate:
    kind: str
    channel: str
    owner_role: str
    due_offset_hours: float
    title: str = ""
    deep_contact: bool = False
    # A promised time (neutral follow-up within a week, remediation within 48 h, retention):
    # counted toward the cap, never deferred by it; deferrable contacts move instead.
    bypass_caps: bool = False
    # "Quarterly visit": skip when the plan already has this kind for the customer that recently.
    once_per_days: int | None = None


@dataclass(frozen=True)
class Variant:
    name: str
    actions: tuple[ActionTemplate, ...]


@dataclass(frozen=True)
class Experiment:
    id: str
    control_share: float
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    trigger: str
    conditions: tuple[Condition, ...]
    actions: tuple[ActionTemplate, ...]
    name: str = ""
    enabled: bool = True
    experiment: Experiment | None = None
    cadence: str | None = None
    document: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def recurring(self) -> bool:
        return self.cadence is not None

    def matches(self, facts: dict[str, Any]) -> bool:
        return self.enabled and all(c.matches(facts.get(c.field)) for c in self.conditions)


# --- parsing and validation ------------------------------------------------------------------

MAX_DESCRIPTION = 2000
_RULE_KEYS = {"id", "name", "description", "trigger", "conditions", "actions", "enabled", "experiment",
              "cadence"}
_ACTION_KEYS = {"kind", "title", "channel", "owner_role", "due_offset_hours", "deep_contact",
                "promised", "bypass_caps", "once_per_days"}
_EXPERIMENT_KEYS = {"id", "control_share", "variants"}
_VARIANT_KEYS = {"name", "actions"}
_CONDITION_OPS = {"in", "not_in", "min", "max"}


def _unknown(document: dict, allowed: set[str], path: str) -> None:
    for key in document:
        if key not in allowed:
            raise RuleError(f"{path}.{key}", f"unknown field; allowed: {', '.join(sorted(allowed))}")


def _require(document: dict, key: str, path: str) -> Any:
    if key not in document:
        raise RuleError(f"{path}.{key}", "is required")
    return document[key]


def _slug(value: Any, path: str) -> str:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise RuleError(path, "must be a lower-case slug (a-z, 0-9, '-', '_', '.'), at most 64 chars")
    return value


def _as_values(raw: Any, spec: FieldSpec, path: str) -> frozenset:
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise RuleError(path, "an empty list can never match")
    allowed = (True, False) if spec.boolean else spec.values
    for item in items:
        if isinstance(item, bool) != spec.boolean or item not in allowed:
            raise RuleError(path, f"{item!r} is not one of {list(allowed)}")
    return frozenset(items)


def parse_condition(name: str, raw: Any, spec: FieldSpec, path: str) -> Condition:
    """`[a, b]` or `a` (one of), `{"in": .., "not_in": ..}`, or `{"min": .., "max": ..}`."""
    if spec.numeric:
        if not isinstance(raw, dict) or not raw:
            raise RuleError(path, 'a number field takes {"min": x, "max": y}')
        _unknown(raw, {"min", "max"}, path)
        bounds = {}
        for key in ("min", "max"):
            if key in raw:
                value = raw[key]
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise RuleError(f"{path}.{key}", "must be a number")
                if not spec.minimum <= value <= spec.maximum:
                    raise RuleError(f"{path}.{key}", f"outside {spec.minimum}..{spec.maximum}")
                bounds[key] = float(value)
        if bounds.get("min", spec.minimum) > bounds.get("max", spec.maximum):
            raise RuleError(path, "min is above max: the condition can never hold")
        return Condition(name, minimum=bounds.get("min"), maximum=bounds.get("max"))
    if isinstance(raw, dict):
        _unknown(raw, {"in", "not_in"}, path)
        if not raw:
            raise RuleError(path, 'give "in" or "not_in"')
        allowed = _as_values(raw["in"], spec, f"{path}.in") if "in" in raw else None
        excluded = _as_values(raw["not_in"], spec, f"{path}.not_in") if "not_in" in raw else frozenset()
        universe = frozenset((True, False) if spec.boolean else spec.values)
        if not ((allowed if allowed is not None else universe) - excluded):
            raise RuleError(path, "in and not_in exclude every value: the condition can never hold")
        return Condition(name, allowed=allowed, excluded=excluded)
    return Condition(name, allowed=_as_values(raw, spec, path))


def parse_action(raw: Any, path: str) -> ActionTemplate:
    if not isinstance(raw, dict):
        raise RuleError(path, "must be an object")
    _unknown(raw, _ACTION_KEYS, path)
    kind = _slug(_require(raw, "kind", path), f"{path}.kind")
    channel = _require(raw, "channel", path)
    if channel not in CHANNELS:
        raise RuleError(f"{path}.channel", f"{channel!r} is not one of {list(CHANNELS)}")
    owner_role = _require(raw, "owner_role", path)
    if owner_role not in OWNER_ROLES:
        raise RuleError(f"{path}.owner_role", f"{owner_role!r} is not one of {list(OWNER_ROLES)}")
    due = _require(raw, "due_offset_hours", path)
    if isinstance(due, bool) or not isinstance(due, int | float) or not 0 <= due <= MAX_DUE_OFFSET_HOURS:
        raise RuleError(f"{path}.due_offset_hours", f"must be a number of hours, 0..{MAX_DUE_OFFSET_HOURS}")
    once = raw.get("once_per_days")
    if once is not None and (isinstance(once, bool) or not isinstance(once, int) or not 1 <= once <= 3660):
        raise RuleError(f"{path}.once_per_days", "must be a whole number of days, 1..3660")
    for flag in ("deep_contact", "promised", "bypass_caps"):
        if not isinstance(raw.get(flag, False), bool):
            raise RuleError(f"{path}.{flag}", "must be true or false")
    title = raw.get("title", "")
    if not isinstance(title, str) or len(title) > 200:
        raise RuleError(f"{path}.title", "must be a text of at most 200 characters")
    return ActionTemplate(
        kind=kind, channel=channel, owner_role=owner_role, due_offset_hours=float(due), title=title,
        # `bypass_caps` is the earlier spelling of `promised`.
        deep_contact=raw.get("deep_contact", False),
        bypass_caps=raw.get("promised", False) or raw.get("bypass_caps", False),
        once_per_days=once,
    )


def _parse_actions(raw: Any, path: str, *, allow_empty: bool) -> tuple[ActionTemplate, ...]:
    if not isinstance(raw, list):
        raise RuleError(path, "must be a list of action templates")
    if not raw and not allow_empty:
        raise RuleError(path, "a rule without actions does nothing")
    actions = tuple(parse_action(a, f"{path}[{i}]") for i, a in enumerate(raw))
    kinds = [a.kind for a in actions]
    for i, kind in enumerate(kinds):
        if kind in kinds[:i]:
            raise RuleError(f"{path}[{i}].kind", f"{kind!r} appears twice in the same rule")
    return actions


def _parse_experiment(raw: Any, path: str) -> Experiment:
    if not isinstance(raw, dict):
        raise RuleError(path, "must be an object")
    _unknown(raw, _EXPERIMENT_KEYS, path)
    exp_id = _slug(_require(raw, "id", path), f"{path}.id")
    share = raw.get("control_share", 0.2)
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share < 1:
        raise RuleError(f"{path}.control_share", "must be a share from 0 up to (not including) 1")
    variants_raw = _require(raw, "variants", path)
    if not isinstance(variants_raw, list) or not variants_raw:
        raise RuleError(f"{path}.variants", "needs at least one variant")
    variants: list[Variant] = []
    for i, v in enumerate(variants_raw):
        vpath = f"{path}.variants[{i}]"
        if not isinstance(v, dict):
            raise RuleError(vpath, "must be an object")
        _unknown(v, _VARIANT_KEYS, vpath)
        name = _slug(_require(v, "name", vpath), f"{vpath}.name")
        if name == "control" or name in {x.name for x in variants}:
            raise RuleError(f"{vpath}.name", f"{name!r} is reserved or used twice")
        variants.append(Variant(name, _parse_actions(_require(v, "actions", vpath), f"{vpath}.actions",
                                                     allow_empty=False)))
    return Experiment(exp_id, float(share), tuple(variants))


def parse_rule(raw: Any, path: str) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(path, "must be an object")
    _unknown(raw, _RULE_KEYS, path)
    rule_id = _slug(_require(raw, "id", path), f"{path}.id")
    trigger = _require(raw, "trigger", path)
    if trigger in OWN_EVENTS:
        raise RuleError(f"{path}.trigger", f"{trigger!r} is the playbook's own event: a rule would loop")
    if trigger not in TRIGGER_FIELDS:
        raise RuleError(f"{path}.trigger", f"no service publishes {trigger!r} to the playbook; "
                        f"one of {sorted(TRIGGER_FIELDS)}")
    conditions_raw = raw.get("conditions", {})
    if not isinstance(conditions_raw, dict):
        raise RuleError(f"{path}.conditions", "must be an object: field -> allowed values")
    specs = fields_of(trigger)
    conditions = []
    for name, value in conditions_raw.items():
        cpath = f"{path}.conditions.{name}"
        if name not in specs:
            raise RuleError(cpath, f"unknown field for {trigger}; allowed: {', '.join(sorted(specs))}")
        conditions.append(parse_condition(name, value, specs[name], cpath))
    experiment = _parse_experiment(raw["experiment"], f"{path}.experiment") if raw.get("experiment") else None
    actions = _parse_actions(raw.get("actions", []), f"{path}.actions", allow_empty=experiment is not None)
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleError(f"{path}.enabled", "must be true or false")
    name = raw.get("name", "")
    if not isinstance(name, str) or len(name) > 200:
        raise RuleError(f"{path}.name", "must be a text of at most 200 characters")
    description = raw.get("description", "")
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        raise RuleError(f"{path}.description", f"must be a text of at most {MAX_DESCRIPTION} characters")
    cadence = _cadence(raw, trigger, conditions, experiment, path)
    return Rule(rule_id, trigger, tuple(conditions), actions, name=name, enabled=enabled,
                experiment=experiment, cadence=cadence, document=raw)


def _cadence(raw: dict, trigger: str, conditions: list[Condition], experiment: Experiment | None,
             path: str) -> str | None:
    """A recurring rule: a cadence of the business calendar, conditions on the customer only."""
    cadence = raw.get("cadence")
    if cadence is None:
        return None
    if cadence not in CADENCES:
        raise RuleError(f"{path}.cadence", f"{cadence!r} is not a cadence; one of {list(CADENCES)}")
    if trigger not in RECURRING_TRIGGERS:
        raise RuleError(f"{path}.cadence", f"a recurring rule is planned from what the customer is; "
                        f"its trigger must be one of {list(RECURRING_TRIGGERS)}")
    for condition in conditions:
        if condition.field not in COMMON_FIELDS:
            raise RuleError(f"{path}.conditions.{condition.field}", "a recurring rule may only have "
                            f"conditions on {', '.join(sorted(COMMON_FIELDS))}")
    if experiment is not None:
        raise RuleError(f"{path}.experiment", "a recurring rule cannot carry an experiment")
    return cadence


def parse_rule_set(raw: Any) -> list[Rule]:
    """Every rule of a `{"rules": [...]}` document, or RuleError naming the first bad field."""
    if not isinstance(raw, dict):
        raise RuleError("body", 'must be an object {"rules": [...]}')
    _unknown(raw, {"rules"}, "body")
    items = _require(raw, "rules", "body")
    if not isinstance(items, list):
        raise RuleError("rules", "must be a list")
    rules = [parse_rule(r, f"rules[{i}]") for i, r in enumerate(items)]
    seen_rules: set[str] = set()
    seen_experiments: set[str] = set()
    for i, rule in enumerate(rules):
        if rule.id in seen_rules:
            raise RuleError(f"rules[{i}].id", f"{rule.id!r} is used by two rules")
        seen_rules.add(rule.id)
        if rule.experiment:
            if rule.experiment.id in seen_experiments:
                raise RuleError(f"rules[{i}].experiment.id", f"{rule.experiment.id!r} is used twice")
            seen_experiments.add(rule.experiment.id)
    return rules


def rules_for(rules: Iterable[Rule], trigger: str) -> list[Rule]:
    """The event-driven rules of a trigger; recurring rules are planned by the calendar instead."""
    return [r for r in rules if r.trigger == trigger and r.enabled and not r.recurring]


def recurring_rules(rules: Iterable[Rule]) -> list[Rule]:
    return [r for r in rules if r.enabled and r.recurring]
