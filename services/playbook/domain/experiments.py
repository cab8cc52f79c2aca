"""Experiment assignment (docs/design.md §6): a stable hash of experiment id and customer id."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.playbook.domain.stats import Estimate, mean_interval, wilson_interval

CONTROL = "control"
WIN_BACK_DAYS = 30
SPEND_DAYS = 90


def bucket(experiment_id: str, customer_id: str) -> float:
    """A number in [0, 1) that is the same for this pair on every replica and every run."""
    digest = hashlib.sha256(f"{experiment_id}:{customer_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign(experiment_id: str, customer_id: str, control_share: float, variants: Sequence[str]) -> str:
    """`control` for the first `control_share` of buckets, the rest split evenly over the variants."""
    point = bucket(experiment_id, customer_id)
    if point < control_share or not variants:
        return CONTROL
    share = (point - control_share) / (1 - control_share)
    return variants[min(int(share * len(variants)), len(variants) - 1)]


@dataclass(frozen=True)
class Exposure:
    """A customer's arm of an experiment, from the first time its rule fired for them."""

    customer_id: str
    variant: str
    assigned_at: datetime


@dataclass(frozen=True)
class ArmOutcome:
    arm: str
    customers: int
    win_back_30d: Estimate
    satisfaction_change: Estimate
    spend_change_3m: Estimate


def report_arms(variants: Sequence[str] | None, assigned: Iterable[str]) -> list[str]:
    """Control and the rule's variants in order, then arms that only assignments still name."""
    arms = [CONTROL, *variants] if variants is not None else []
    return arms + sorted(set(assigned) - set(arms))


def arm_outcomes(
    arms: Sequence[str], exposures: Sequence[Exposure], orders: dict[str, list[datetime]],
    satisfaction: dict[str, list[tuple[datetime, float]]], spend: dict[str, list[tuple[datetime, float]]],
    amounts: dict[str, list[tuple[datetime, float]]] | None = None,
) -> list[ArmOutcome]:
    """Per arm: 30-day win-back (an order within 30 days after assignment), the satisfaction change
    (first answer after minus last before) and the 3-month spend change, each with a 95% interval.

    The spend change is the recorded orders' amount (`amounts`) in the 90 days after assignment
    minus the 90 days before; a customer with no recorded order falls back to its 12-month spend
    at the last score within 90 days after minus the one at assignment."""
    amounts = amounts or {}
    outcomes = []
    for arm in arms:
        members = [e for e in exposures if e.variant == arm]
        won, satisfaction_changes, spend_changes = 0, [], []
        for e in members:
            start = e.assigned_at
            win_back_end = start + timedelta(days=WIN_BACK_DAYS)
            won += any(start < t <= win_back_end for t in orders.get(e.customer_id, []))
            answers = satisfaction.get(e.customer_id, [])
            before = [v for t, v in answers if t <= start]
            after = [v for t, v in answers if t > start]
            if before and after:
                satisfaction_changes.append(after[0] - before[-1])
            window = timedelta(days=SPEND_DAYS)
            recorded = amounts.get(e.customer_id, [])
            if recorded:
                spend_changes.append(sum(v for t, v in recorded if start < t <= start + window)
                                     - sum(v for t, v in recorded if start - window < t <= start))
                continue
            scored = spend.get(e.customer_id, [])
            base = [v for t, v in scored if t <= start]
            later = [v for t, v in scored if start < t <= start + window]
            if base and later:
                spend_changes.append(later[-1] - base[-1])
        outcomes.append(ArmOutcome(
            arm=arm, customers=len(members), win_back_30d=wilson_interval(won, len(members)),
            satisfaction_change=mean_interval(satisfaction_changes),
            spend_change_3m=mean_interval(spend_changes),
        ))
    return outcomes
