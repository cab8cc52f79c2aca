"""Survey templates (docs/design.md §4): dimensions of 1-5 Likert items, NPS, open questions, tier weights."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

LIKERT_MIN, LIKERT_MAX = 1, 5
NPS_MIN, NPS_MAX = 0, 10
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


class Tier(StrEnum):
    VIP = "VIP"
    KEY = "Key"
    REGULAR = "Regular"
    OBSERVATION = "Observation"


class Quadrant(StrEnum):
    CORE = "core"
    POTENTIAL = "potential"
    BASIC = "basic"
    TO_OPTIMIZE = "to-optimize"


class TemplateError(ValueError):
    """A template that cannot be used; `errors` lists (field, message)."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in errors))
        self.errors = errors


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    text: str
    text_zh: str = ""


@dataclass(frozen=True)
class Dimension:
    key: str
    name: str
    items: tuple[Item, ...]
    name_zh: str = ""


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    text: str
    text_zh: str = ""


@dataclass(frozen=True)
class Template:
    """A survey template; `tier_weights` holds only the tiers that differ from equal weights."""

    name: str
    dimensions: tuple[Dimension, ...]
    description: str = ""  # shown to the customer: the purpose of the survey
    nps_question: str | None = None
    nps_question_zh: str = ""
    open_questions: tuple[OpenQuestion, ...] = ()
    tier_weights: dict[str, dict[str, float]] = field(default_factory=dict)
    name_zh: str = ""
    description_zh: str = ""
    # docs/design.md §11: the responses keep only the aggregation keys (tier, quadrant) and the
    # events carry no customer id; the results never show who answered.
    anonymous: bool = False

    @property
    def items(self) -> dict[str, Item]:
        return {item.id: item for d in self.dimensions for item in d.items}

    @property
    def dimension_keys(self) -> list[str]:
        return [d.key for d in self.dimensions]

    @property
    def question_ids(self) -> list[str]:
        """Every question in the order the answering page shows them: items, NPS, open questions."""
        nps = ["nps"] if self.nps_question else []
        return [*self.items, *nps, *(q.id for q in self.open_questions)]

    def weights_for(self, tier: str | None) -> dict[str, float]:
        """The tier's dimension weights; a tier without its own (or no tier) gets equal weights."""
        if tier is not None and tier in self.tier_weights:
            return dict(self.tier_weights[tier])
        return equal_weights(self.dimension_keys)


def equal_weights(keys: list[str]) -> dict[str, float]:
    return {key: 1 / len(keys) for key in keys}


def _dimension(key: str, name: str, name_zh: str, items: list[tuple[str, str, str]]) -> Dimension:
    return Dimension(
        key=key, name=name, name_zh=name_zh,
        items=tuple(Item(id=f"{key}.{slug}", dimension=key, text=text, text_zh=zh)
                    for slug, text, zh in items),
    )


# docs/design.md §4: the default dimensions and items, from the source documents' evaluation model. The
# name and description are what the customer reads first (seed 000: open with the purpose).
DEFAULT_TEMPLATE = Template(
    name="Customer satisfaction survey",
    name_zh="客户满意度调查",
    description="Help us serve you better: tell us how satisfied you are with our products, our "
                "service and our cooperation.",
    description_zh="为了更好地为您服务,请告诉我们您对我们的产品、服务与合作的满意程度。",
    dimensions=(
        _dimension("product_service", "Product / service", "产品/服务", [
            ("stability", "Stability of the product", "产品稳定性"),
            ("response_speed", "Speed of our response", "响应速度"),
            ("solution_effectiveness", "Effectiveness of our solutions", "解决方案有效性"),
        ]),
        _dimension("communication", "Communication", "沟通", [
            ("timeliness", "Timeliness of communication", "沟通及时性"),
            ("professionalism", "Professionalism", "专业度"),
            ("reachability", "Ease of reaching us", "联系便捷性"),
        ]),
        _dimension("cooperation_value", "Cooperation value", "合作价值", [
            ("value_for_money", "Value for money", "性价比"),
            ("customisation", "Customisation to your needs", "定制化程度"),
            ("value_added_support", "Value-added support", "增值服务支持"),
        ]),
        _dimension("emotional_connection", "Emotional connection", "情感连接", [
            ("trust", "Trust in us", "信任度"),
            ("proactive_care", "Proactive care", "主动关怀"),
            ("empathy", "Empathy when handling problems", "问题处理中的同理心"),
        ]),
    ),
    nps_question="How likely are you to recommend us to a friend or colleague? (0-10)",
    nps_question_zh="您向朋友或同事推荐我们的可能性有多大?(0-10)",
    open_questions=(
        OpenQuestion("improvements", "What should we improve?", "您希望我们改进哪些方面?"),
    ),
)

# docs/design.md §4 closed loop: the one-question verification after a ticket is resolved, with an
# optional 1-5 rating of the service and a comment (CSAT after resolution, tied to the agent).
VERIFICATION_QUESTION_ID = "solved"
VERIFICATION_QUESTION = "Is your problem solved?"
VERIFICATION_QUESTION_ZH = "您的问题解决了吗?"
RATING_QUESTION_ID = "rating"
RATING_QUESTION = "How satisfied are you with how we handled it?"
RATING_QUESTION_ZH = "您对本次处理的满意程度如何?"
COMMENT_QUESTION_ID = "comment"
COMMENT_QUESTION = "Anything you would like to tell us?"
COMMENT_QUESTION_ZH = "还有什么想告诉我们的吗?"
VERIFICATION_QUESTION_IDS = [VERIFICATION_QUESTION_ID, RATING_QUESTION_ID, COMMENT_QUESTION_ID]


def validate(template: Template) -> Template:
    """Return the template when usable, else raise TemplateError naming each bad field."""
    errors: list[tuple[str, str]] = []
    if not template.name.strip():
        errors.append(("name", "a template needs a name"))
    if not template.dimensions:
        errors.append(("dimensions", "a template needs at least one dimension"))
    seen_dims: set[str] = set()
    seen_ids: set[str] = set()
    for i, dim in enumerate(template.dimensions):
        where = f"dimensions.{i}"
        if not KEY_PATTERN.match(dim.key):
            errors.append((f"{where}.key", "lower-case letters, digits, '_', '.', '-' (max 64)"))
        if dim.key in seen_dims:
            errors.append((f"{where}.key", f"dimension {dim.key!r} appears twice"))
        seen_dims.add(dim.key)
        if not dim.items:
            errors.append((f"{where}.items", "a dimension needs at least one item"))
        for j, item in enumerate(dim.items):
            if not KEY_PATTERN.match(item.id):
                errors.append((f"{where}.items.{j}.id", "lower-case letters, digits, '_', '.', '-'"))
            if item.id in seen_ids:
                errors.append((f"{where}.items.{j}.id", f"item id {item.id!r} appears twice"))
            seen_ids.add(item.id)
    for k, question in enumerate(template.open_questions):
        if question.id in seen_ids or not KEY_PATTERN.match(question.id):
            errors.append((f"open_questions.{k}.id", "a unique id of lower-case letters and digits"))
        seen_ids.add(question.id)
    for tier, weights in template.tier_weights.items():
        where = f"tier_weights.{tier}"
        if tier not in Tier._value2member_map_:
            errors.append((where, f"unknown tier; one of {', '.join(t.value for t in Tier)}"))
            continue
        if set(weights) != seen_dims:
            errors.append((where, "a weight is needed for each dimension and only for them"))
            continue
        if any(not 0 <= w <= 1 for w in weights.values()):
            errors.append((where, "each weight is between 0 and 1"))
        elif abs(sum(weights.values()) - 1) > 1e-6:
            errors.append((where, f"weights must sum to 1, not {sum(weights.values()):g}"))
    if errors:
        raise TemplateError(errors)
    return template


def template_to_dict(template: Template) -> dict[str, Any]:
    return {
        "name": template.name,
        "name_zh": template.name_zh,
        "description": template.description,
        "description_zh": template.description_zh,
        "dimensions": [
            {"key": d.key, "name": d.name, "name_zh": d.name_zh,
             "items": [{"id": i.id, "text": i.text, "text_zh": i.text_zh} for i in d.items]}
            for d in template.dimensions
        ],
        "nps_question": template.nps_question,
        "nps_question_zh": template.nps_question_zh,
        "open_questions": [
            {"id": q.id, "text": q.text, "text_zh": q.text_zh} for q in template.open_questions
        ],
        "tier_weights": template.tier_weights,
        "anonymous": template.anonymous,
    }


def template_from_dict(raw: dict[str, Any]) -> Template:
    """Build a template from its stored or submitted form; item ids default to `<dimension>.<n>`."""
    dimensions = []
    for d in raw.get("dimensions") or []:
        key = d["key"]
        items = tuple(
            Item(id=i.get("id") or f"{key}.{n}", dimension=key, text=i["text"],
                 text_zh=i.get("text_zh") or "")
            for n, i in enumerate(d.get("items") or [], start=1)
        )
        dimensions.append(Dimension(key=key, name=d.get("name") or key,
                                    name_zh=d.get("name_zh") or "", items=items))
    return Template(
        anonymous=bool(raw.get("anonymous", False)),
        name=raw.get("name", ""),
        name_zh=raw.get("name_zh") or "",
        description=raw.get("description") or "",
        description_zh=raw.get("description_zh") or "",
        dimensions=tuple(dimensions),
        nps_question=raw.get("nps_question"),
        nps_question_zh=raw.get("nps_question_zh") or "",
        open_questions=tuple(
            OpenQuestion(id=q.get("id") or f"open.{n}", text=q["text"], text_zh=q.get("text_zh") or "")
            for n, q in enumerate(raw.get("open_questions") or [], start=1)
        ),
        tier_weights={t: {k: float(v) for k, v in w.items()}
                      for t, w in (raw.get("tier_weights") or {}).items()},
    )
