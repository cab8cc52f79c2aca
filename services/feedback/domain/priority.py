"""Priority proposed from the text and type, and routing by category (docs/design.md §5): rules as data.

A manager reads and replaces these rules through `GET/PUT /v1/priority-rules`; the ticket
keeps which rules matched, so every proposed priority is explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.feedback.domain.sla import Priority

SEVERITY = {Priority.P1: 0, Priority.P2: 1, Priority.P3: 2}


@dataclass(frozen=True)
class KeywordRule:
    """Any keyword found in the description (case-insensitive substring) proposes `priority`."""

    priority: Priority
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class TypeRule:
    priority: Priority
    type: str


@dataclass(frozen=True)
class PriorityRules:
    keyword_rules: tuple[KeywordRule, ...]
    type_rules: tuple[TypeRule, ...]
    default_priority: Priority = Priority.P2


# docs/design.md §5: P1 urgent (outage, safety risk, major complaint), P2 problem (a function fails,
# a process is stuck), P3 suggestion.
DEFAULT_PRIORITY_RULES = PriorityRules(
    keyword_rules=(
        KeywordRule(Priority.P1, ("outage", "宕机", "无法使用", "安全", "投诉", "security", "safety")),
        KeywordRule(Priority.P2, ("fail", "失败", "卡住", "报错", "error", "stuck")),
    ),
    type_rules=(TypeRule(Priority.P3, "suggestion"), TypeRule(Priority.P3, "praise")),
    default_priority=Priority.P2,
)


@dataclass(frozen=True)
class PriorityProposal:
    priority: Priority
    source: str  # "given", "rules" or "default"
    matched: list[dict[str, Any]] = field(default_factory=list)

    def explain(self) -> dict[str, Any]:
        return {"source": self.source, "matched": self.matched}


def propose_priority(description: str, ticket_type: str, rules: PriorityRules) -> PriorityProposal:
    """The most severe priority among the matching rules, else the default."""
    text = description.casefold()
    matched: list[dict[str, Any]] = []
    for rule in rules.keyword_rules:
        hits = [k for k in rule.keywords if k.casefold() in text]
        if hits:
            matched.append({"rule": "keyword", "keywords": hits, "priority": rule.priority.value})
    for rule in rules.type_rules:
        if rule.type == ticket_type:
            matched.append({"rule": "type", "type": rule.type, "priority": rule.priority.value})
    if not matched:
        return PriorityProposal(rules.default_priority, "default")
    best = min((Priority(m["priority"]) for m in matched), key=SEVERITY.__getitem__)
    return PriorityProposal(best, "rules", matched)


def rules_to_document(rules: PriorityRules) -> dict[str, Any]:
    return {
        "keyword_rules": [
            {"priority": r.priority.value, "keywords": list(r.keywords)} for r in rules.keyword_rules
        ],
        "type_rules": [{"priority": r.priority.value, "type": r.type} for r in rules.type_rules],
        "default_priority": rules.default_priority.value,
    }


def rules_from_document(doc: dict[str, Any]) -> PriorityRules:
    return PriorityRules(
        keyword_rules=tuple(
            KeywordRule(Priority(r["priority"]), tuple(r["keywords"])) for r in doc["keyword_rules"]
        ),
        type_rules=tuple(TypeRule(Priority(r["priority"]), r["type"]) for r in doc["type_rules"]),
        default_priority=Priority(doc.get("default_priority", "P2")),
    )


@dataclass(frozen=True)
class Routing:
    """Team per category (case-insensitive), and the team for anything else."""

    teams_by_category: dict[str, str]
    default_team: str

    def team_for(self, category: str) -> str:
        wanted = category.strip().casefold()
        for name, team in self.teams_by_category.items():
            if name.casefold() == wanted:
                return team
        return self.default_team


DEFAULT_ROUTING = Routing(
    teams_by_category={
        "billing": "billing-team",
        "technical": "tech-support",
        "outage": "tech-support",
        "account": "customer-service",
        "product": "product-team",
        "delivery": "logistics-team",
        "satisfaction": "customer-success",
    },
    default_team="customer-service",
)


def routing_to_document(routing: Routing) -> dict[str, Any]:
    return {"teams_by_category": dict(routing.teams_by_category), "default_team": routing.default_team}


def routing_from_document(doc: dict[str, Any]) -> Routing:
    return Routing(teams_by_category=dict(doc["teams_by_category"]), default_team=doc["default_team"])
