"""Closing a resolved ticket the customer never confirms (docs/design.md §5, §9): it closes by
itself after 7 days without an answer, recorded as closed without confirmation and counted apart
in the reports. The delay is the verification policy's, a versioned document an admin edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class CloseReason(StrEnum):
    CONFIRMED = "customer-confirmed"
    WITHOUT_CONFIRMATION = "closed-without-confirmation"


@dataclass(frozen=True)
class VerificationPolicy:
    auto_close_after_days: int = 7


AUTO_CLOSE_DAYS_BOUNDS = (1, 90)


def auto_close_cutoff(now: datetime, policy: VerificationPolicy) -> datetime:
    """Tickets resolved at or before this time, still unanswered, close now."""
    return now - timedelta(days=policy.auto_close_after_days)


def policy_to_document(policy: VerificationPolicy) -> dict[str, Any]:
    return {"auto_close_after_days": policy.auto_close_after_days}


class PolicyFieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def policy_from_document(document: dict[str, Any]) -> VerificationPolicy:
    """PolicyFieldError naming the field when a value is out of range."""
    days = document.get("auto_close_after_days", VerificationPolicy.auto_close_after_days)
    low, high = AUTO_CLOSE_DAYS_BOUNDS
    if isinstance(days, bool) or not isinstance(days, int) or not low <= days <= high:
        raise PolicyFieldError("auto_close_after_days",
                               f"auto_close_after_days must be a whole number of days from {low} to {high}")
    return VerificationPolicy(auto_close_after_days=days)
