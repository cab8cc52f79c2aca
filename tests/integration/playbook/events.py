"""Event data as the other services publish it (validated against the schemas when produced)."""

import uuid
from datetime import UTC, datetime, timedelta

from shared.rfc3339 import format_time as iso


def now() -> datetime:
    return datetime.now(UTC)


def satisfaction(level: str, value: float, **extra) -> dict:
    return {"survey_id": "S-default", "response_id": str(uuid.uuid4()), "value": value, "level": level,
            "answered_at": iso(now()), **extra}


def score(tier: str, quadrant: str | None, *, owner: str | None = "am-li", last_order_days: float | None = 10,
          amount: float = 300000, orders: int = 6, computed_at: datetime | None = None) -> dict:
    last_order = iso(now() - timedelta(days=last_order_days)) if last_order_days is not None else None
    return {"score": 80.0, "tier": tier, "quadrant": quadrant, "owner": owner,
            "model_version": "rfm-weighted-v1",
            "computed_at": iso(computed_at or now()), "amount_12m": amount, "orders_12m": orders,
            "last_order_at": last_order, "reason": "rescore"}


def escalation(level: int) -> dict:
    step = {0: "warning", 1: "breach", 2: "task-force"}[level]
    return {"ticket_id": f"T-{uuid.uuid4().hex[:8]}", "priority": "P1", "level": level, "step": step,
            "metric": "resolution", "due_at": iso(now()), "escalated_at": iso(now())}


def churn_risk(code: str = "no-activity-90d", owner: str | None = None) -> dict:
    data = {"reasons": [{"code": code, "detail": "no order and no interaction for 90 days"}],
            "detected_at": iso(now())}
    if owner is not None:  # segmentation names the owner, as it does in score-updated
        data["owner"] = owner
    return data
