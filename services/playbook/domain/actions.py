"""Care-action life cycle (DESIGN 6): pending, deferred (a cap), done, cancelled; overdue is derived."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from shared.rfc3339 import format_time


class ActionStatus(StrEnum):
    PENDING = "pending"
    DEFERRED = "deferred"
    DONE = "done"
    CANCELLED = "cancelled"


OPEN = frozenset({ActionStatus.PENDING, ActionStatus.DEFERRED})
# A deferred action goes ahead (pending) only once its cap or pause allows it.
TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.PENDING: frozenset({ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.DEFERRED: frozenset({ActionStatus.PENDING, ActionStatus.CANCELLED}),
    ActionStatus.DONE: frozenset(),
    ActionStatus.CANCELLED: frozenset(),
}


def transition_refusal(
    current: ActionStatus, target: ActionStatus, now: datetime, may_proceed_at: datetime | None
) -> str | None:
    """None when `current -> target` is allowed at `now`, else why not."""
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (final)"
        return f"an action that is {current.value} cannot become {target.value}; allowed: {allowed}"
    if current is ActionStatus.DEFERRED and target is ActionStatus.PENDING and (
        may_proceed_at is not None and now < may_proceed_at
    ):
        return f"the action is deferred until {format_time(may_proceed_at)}"
    return None


def is_overdue(status: ActionStatus, due_at: datetime | None, now: datetime) -> bool:
    """Pending and past its due time."""
    return status is ActionStatus.PENDING and due_at is not None and due_at < now
