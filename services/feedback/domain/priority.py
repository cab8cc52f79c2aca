"""Priority proposed from the text and type, and routing by category (docs/design.md §5): rules as data.

A manager reads and replaces these rules through `GET/PUT /v1/priority-rules`; the ticket
keeps which rules matched and which one decided, so every proposed priority is explained.
Precedence: a type rule decides first, then the most severe keyword rule, then the default.
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


# docs/design.md §5 and seed 003 (反馈分级): P1 urgent only for an outage (服务中断), a safety risk (安全隐患)
# or a major complaint (重大投诉); P2 a function that fails or a process that is stuck; P3 a
# suggestion. An ordinary complaint ("我要投诉:发票开错了") is a P2 problem, not a P1. Keywords are
# phrases, not single words: "安全" alone is a login setting as often as a hazard.
DEFAULT_PRIORITY_RULES = PriorityRules(
    keyword_rules=(
        KeywordRule(Priority.P1, (
            # outage
            "宕机", "服务中断", "系统崩溃", "系统瘫痪", "全面瘫痪", "全部无法使用", "所有用户", "全部用户",
            "outage", "platform is down", "system is down", "site is down", "service is down",
            "server is down", "down for everyone", "all users", "service unavailable",
            # safety and security risk
            "安全隐患", "安全事故", "安全漏洞", "人身安全", "数据泄露", "黑客", "被攻击", "受伤", "起火",
            "冒烟", "触电", "爆炸",
            "safety hazard", "safety risk", "unsafe", "injur", "caught fire", "electric shock",
            "data breach", "data leak", "security breach", "vulnerability", "hacked",
            # major complaint
            "重大投诉", "严重投诉", "集体投诉", "媒体曝光", "12315", "律师函",
            "major complaint", "formal complaint", "legal action", "lawsuit",
        )),
        KeywordRule(Priority.P2, (
            "失败", "报错", "出错", "错误", "异常", "卡住", "卡顿", "闪退", "没反应", "无法", "不能",
            "打不开", "开错",
            "fail", "error", "stuck", "crash", "not working", "doesn't work", "does not work",
            "broken", "bug", "can't", "cannot", "unable", "wrong", "slow",
        )),
        KeywordRule(Priority.P3, (
            "建议", "希望增加", "希望能", "希望支持", "能否增加", "能否提供", "新增功能", "功能需求",
            "suggest", "feature request", "would be nice", "would be great", "could you add",
        )),
    ),
    type_rules=(TypeRule(Priority.P3, "suggestion"), TypeRule(Priority.P3, "praise")),
    default_priority=Priority.P2,
)


@dataclass(frozen=True)
class PriorityProposal:
    priority: Priority
    source: str  # "given", "rules" or "default"
    matched: list[dict[str, Any]] = field(default_factory=list)
    decided_by: dict[str, Any] | None = None

    def explain(self) -> dict[str, Any]:
        explained: dict[str, Any] = {"source": self.source, "matched": self.matched}
        if self.decided_by is not None:
            explained["decided_by"] = self.decided_by
        return explained


def propose_priority(description: str, ticket_type: str, rules: PriorityRules) -> PriorityProposal:
    """Type rules first (a suggestion stays a suggestion, whatever words it uses), then the most
    severe matching keyword rule, else the default. Every matching rule is listed."""
    text = description.casefold()
    by_type = [{"rule": "type", "type": rule.type, "priority": rule.priority.value}
               for rule in rules.type_rules if rule.type == ticket_type]
    by_keyword: list[dict[str, Any]] = []
    for rule in rules.keyword_rules:
        hits = [k for k in rule.keywords if k.casefold() in text]
        if hits:
            by_keyword.append({"rule": "keyword", "keywords": hits, "priority": rule.priority.value})
    matched = by_type + by_keyword
    if by_type:
        decided = by_type[0]
    elif by_keyword:
        decided = min(by_keyword, key=lambda m: SEVERITY[Priority(m["priority"])])
    else:
        return PriorityProposal(rules.default_priority, "default")
    return PriorityProposal(Priority(decided["priority"]), "rules", matched, decided)


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
