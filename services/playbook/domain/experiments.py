"""Experiment assignment (DESIGN 6): a stable hash of experiment id and customer id."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

CONTROL = "control"


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
