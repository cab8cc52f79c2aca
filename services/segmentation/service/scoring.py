"""Use cases of scoring: rescore customers (one or a batch), models, dry runs."""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository
from services.segmentation.domain.evaluation import CustomerFacts, Evaluation, evaluate
from services.segmentation.domain.policy import DEFAULT_POLICY, EvaluationPolicy
from services.segmentation.domain.scoring import (
    DEFAULT_MODEL,
    ScoringModel,
    Tier,
    model_from_dict,
    model_to_dict,
)
from services.segmentation.domain.signals import next_evaluation
from services.segmentation.metrics import RESCORED, TIER_CHANGES
from services.segmentation.models import (
    CustomerRow,
    ScoreHistoryRow,
    ScoreRow,
    ScoringModelRow,
    TierChangeRow,
)
from services.segmentation.service.policy import current_policy
from shared.app import ServiceContext
from shared.db import append_rows
from shared.errors import NotFound
from shared.rfc3339 import format_optional, format_time

# docs/design.md §9: the tier follows the score only at the customer's scheduled review, on a
# trigger (spending drop) or on request (a rescore, a rescore job, a new model). Between, orders
# and the monthly snapshot move the score, the computed tier and the quadrant; the profile shows
# `computed_tier` beside `tier`. A customer scored for the first time gets its tier at once.
REVIEWS = frozenset({"scheduled", "spending-drop", "rescore", "job", "model-change"})
TIER_CHANGE_REASONS = {"scheduled": "scheduled-review"}


@dataclass
class BatchResult:
    processed: int = 0
    changed: int = 0
    tier_changes: int = 0
    scores: dict[str, ScoreRow] = field(default_factory=dict)


async def active_model(session: AsyncSession) -> ScoringModel:
    definition = await repository.active_model_text(session)
    return _parsed_model(definition) if definition else DEFAULT_MODEL


@functools.lru_cache(maxsize=16)
def _parsed_model(definition: str) -> ScoringModel:
    """Every rescore reads the active model; the same stored text is parsed once."""
    return model_from_dict(json.loads(definition))


async def seed_default_model(ctx: ServiceContext) -> None:
    """The default model exists from the start; replicas starting together insert it once."""
    async with ctx.db.session() as session, session.begin():
        if await session.get(ScoringModelRow, DEFAULT_MODEL.version) is None:
            any_active = await repository.active_model_row(session)
            session.add(
                ScoringModelRow(
                    version=DEFAULT_MODEL.version,
                    definition=model_to_dict(DEFAULT_MODEL),
                    active=any_active is None,
                    created_by="system",
                    created_at=ctx.clock.now(),
                )
            )


async def high_value_line(
    session: AsyncSession, as_of: datetime, policy: EvaluationPolicy = DEFAULT_POLICY,
    order_months_zone: ZoneInfo | None = None,
) -> float | None:
    """The quadrants' high-value line as of `as_of` (from the orders' business months when they
    are cut in `order_months_zone`)."""
    return await repository.high_value_line(session, as_of, policy.high_value_share, order_months_zone)


def _changed(current: Row | ScoreRow | None, ev: Evaluation, tier: str) -> bool:
    return (
        current is None
        or current.value != ev.score.value
        or current.tier != tier
        or current.quadrant != ev.quadrant.value
        or current.model_version != ev.score.model_version
    )


def components_out(ev: Evaluation) -> dict[str, dict[str, float]]:
    return {
        f.value: {"input": c.input, "sub_score": c.sub_score, "weight": c.weight, "points": c.points}
        for f, c in ev.score.components.items()
    }


@dataclass(frozen=True)
class ScoreChange:
    """A customer's new current score, about to be stored and announced, and what it replaces."""

    customer_id: str
    owner: str | None
    value: float
    computed_tier: str
    tier: str
    quadrant: str
    model_version: str
    components: dict[str, dict[str, float]]
    amount_12m: float
    orders_12m: int
    last_order_at: datetime | None
    previous_value: float | None
    previous_tier: str | None


async def apply_evaluations(
    ctx: ServiceContext,
    session: AsyncSession,
    facts: list[CustomerFacts],
    model: ScoringModel,
    line: float | None,
    as_of: datetime,
    reason: str,
    *,
    publish_unchanged: bool = False,
    policy: EvaluationPolicy = DEFAULT_POLICY,
) -> BatchResult:
    """Score a batch inside the caller's transaction; store and publish only what changed. The
    tier moves only when `reason` is a review (REVIEWS) or the customer had no score yet."""
    review = reason in REVIEWS
    ids = [f.customer_id for f in facts]
    await repository.lock_customers(session, ids)
    current = await repository.score_states(session, ids)
    overrides = await repository.override_tiers(session, ids, as_of)
    result = BatchResult(processed=len(facts))
    changes: list[ScoreChange] = []
    schedule: dict[datetime, list[str]] = {}
    for fact in facts:
        ev = evaluate(fact, model, line, as_of, policy)
        before = current.get(fact.customer_id)
        if review or before is None:
            tier = overrides.get(fact.customer_id, ev.score.tier.value)
            schedule.setdefault(next_evaluation(Tier(tier), as_of, policy), []).append(fact.customer_id)
        else:
            tier = before.tier
        if not (_changed(before, ev, tier) or publish_unchanged):
            continue
        changes.append(ScoreChange(
            customer_id=fact.customer_id, owner=fact.owner, value=ev.score.value,
            computed_tier=ev.score.tier.value, tier=tier, quadrant=ev.quadrant.value,
            model_version=ev.score.model_version, components=components_out(ev),
            amount_12m=fact.amount_12m, orders_12m=fact.orders_12m, last_order_at=fact.last_order_at,
            previous_value=before.value if before else None, previous_tier=before.tier if before else None,
        ))
    result.changed = len(changes)
    result.tier_changes = await store_score_changes(ctx, session, changes, as_of, reason)
    await repository.reschedule(session, schedule)
    RESCORED.labels(reason).inc(result.processed)
    return result


def score_rows(changes: list[ScoreChange], as_of: datetime) -> list[dict[str, Any]]:
    """The `scores` rows of these changes, computed as of `as_of`."""
    return [{
        "customer_id": change.customer_id, "value": change.value, "computed_tier": change.computed_tier,
        "tier": change.tier, "quadrant": change.quadrant, "model_version": change.model_version,
        "components": change.components, "amount_12m": change.amount_12m,
        "orders_12m": change.orders_12m, "last_order_at": change.last_order_at, "computed_at": as_of,
    } for change in changes]


async def store_score_changes(
    ctx: ServiceContext, session: AsyncSession, changes: list[ScoreChange], as_of: datetime, reason: str,
    *, scores_written: bool = False,
) -> int:
    """Store new current scores in bulk inside the caller's transaction: one upsert of the scores
    (unless the caller wrote them), one append of their history rows and of the tier moves, one of
    their events (`score-updated`, and `tier-changed` where the tier moved). Returns how many tiers
    moved."""
    if not scores_written:
        rows = score_rows(changes, as_of)
        first = [row for row, change in zip(rows, changes, strict=True) if change.previous_value is None]
        others = [row for row, change in zip(rows, changes, strict=True) if change.previous_value is not None]
        if first:
            await repository.upsert_scores(session, first)
        if others:
            await repository.update_scores(session, others)
    history: list[dict[str, Any]] = []
    tier_rows: list[dict[str, Any]] = []
    events: list[tuple[str, str, dict[str, Any]]] = []
    review = TIER_CHANGE_REASONS.get(reason, reason)
    computed_at = format_time(as_of)
    for change in changes:
        customer_id = change.customer_id
        history.append({
            "customer_id": customer_id, "value": change.value, "tier": change.tier,
            "quadrant": change.quadrant, "model_version": change.model_version, "reason": reason,
            "computed_at": as_of,
        })
        events.append(("score-updated", customer_id, {
            "customer_id": customer_id,
            "score": change.value,
            "previous_score": change.previous_value,
            "tier": change.tier,
            "computed_tier": change.computed_tier,
            "previous_tier": change.previous_tier,
            "quadrant": change.quadrant,
            "owner": change.owner,
            "model_version": change.model_version,
            "computed_at": computed_at,
            "components": {k: {"input": v["input"], "sub_score": v["sub_score"], "weight": v["weight"]}
                           for k, v in change.components.items()},
            "amount_12m": change.amount_12m,
            "orders_12m": change.orders_12m,
            "last_order_at": format_optional(change.last_order_at),
            "reason": reason,
        }))
        if change.previous_tier == change.tier:
            continue
        TIER_CHANGES.labels(change.previous_tier or "none", change.tier).inc()
        tier_rows.append({
            "customer_id": customer_id, "from_tier": change.previous_tier, "to_tier": change.tier,
            "reason": review, "score": change.value, "changed_at": as_of,
        })
        events.append(("tier-changed", customer_id, {
            "customer_id": customer_id,
            "from_tier": change.previous_tier,
            "to_tier": change.tier,
            "score": change.value,
            "reason": "model-change" if reason == "model-change" else "score",
            "review": review,
            "owner": change.owner,
            "changed_at": computed_at,
        }))
    await append_rows(session, ScoreHistoryRow.__table__, history)
    await append_rows(session, TierChangeRow.__table__, tier_rows)
    await ctx.outbox.append_many(session, events, check_each=False)
    return len(tier_rows)


# Recording an order rescores its customer in the request; the top-30% line behind the quadrant
# is an aggregation over every customer's orders, so orders reuse a line at most this old.
ORDER_LINE_MAX_AGE_SECONDS = 300.0


async def _line_for_orders(
    ctx: ServiceContext, session: AsyncSession, now: datetime, policy: EvaluationPolicy
) -> float | None:
    cached = ctx.state.get("order_high_value_line")
    if (cached is not None and time.monotonic() - cached["at"] < ORDER_LINE_MAX_AGE_SECONDS
            and abs(now - cached["as_of"]) < timedelta(days=1)
            and cached["share"] == policy.high_value_share):
        return cached["line"]
    line = await high_value_line(session, now, policy)
    ctx.state["order_high_value_line"] = {"line": line, "as_of": now, "at": time.monotonic(),
                                          "share": policy.high_value_share}
    return line


async def rescore_in_transaction(
    ctx: ServiceContext, session: AsyncSession, customer_ids: list[str], now: datetime, reason: str,
    *, publish_unchanged: bool = False,
) -> BatchResult:
    """Rescore these customers as of `now` inside the caller's transaction."""
    policy = await current_policy(ctx, session)
    model = await active_model(session)
    if reason == "order":
        line = await _line_for_orders(ctx, session, now, policy)
    else:
        line = await high_value_line(session, now, policy)
    facts = await repository.aggregates_for(session, customer_ids, now, ctx.clock.zone)
    return await apply_evaluations(ctx, session, facts, model, line, now, reason,
                                   publish_unchanged=publish_unchanged, policy=policy)


async def rescore_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, now: datetime
) -> ScoreRow:
    """Rescore one customer now (a review on request: the tier follows); always published."""
    async with session.begin():
        if await session.get(CustomerRow, customer_id) is None:
            raise NotFound(f"customer {customer_id!r} does not exist")
        await rescore_in_transaction(ctx, session, [customer_id], now, "rescore", publish_unchanged=True)
    async with session.begin():
        return await session.get(ScoreRow, customer_id, populate_existing=True)
