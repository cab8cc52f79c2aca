"""Contact caps and channel pauses (docs/design.md §6, seed 001: 分层触达频率, 避免打扰).

High-value customers get at most 2 deep contacts a month, others 2 a quarter, dormant ones one
every half year; a channel is paused for a customer after 3 consecutive unopened messages.
Windows are rolling (the last N days), so "when may it go ahead" has one exact answer: the
moment the oldest counted contact leaves the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from services.playbook.domain.triggers import QUADRANTS, TIERS


class ContactClass(StrEnum):
    HIGH_VALUE = "high_value"
    STANDARD = "standard"
    DORMANT = "dormant"


@dataclass(frozen=True)
class Cap:
    max_contacts: int
    window_days: int


@dataclass(frozen=True)
class ContactPolicy:
    caps: dict[ContactClass, Cap] = field(default_factory=lambda: {
        ContactClass.HIGH_VALUE: Cap(2, 30),
        ContactClass.STANDARD: Cap(2, 91),
        ContactClass.DORMANT: Cap(1, 182),
    })
    high_value_tiers: frozenset[str] = frozenset({"VIP", "Key"})
    high_value_quadrants: frozenset[str] = frozenset({"core", "potential"})
    dormant_after_days: int = 180
    pause_after_unopened: int = 3
    pause_days: int = 30


@dataclass(frozen=True)
class CustomerFacts:
    """What the read model knows about a customer (None when no score event was seen yet)."""

    tier: str | None = None
    quadrant: str | None = None
    last_order_at: datetime | None = None
    known: bool = False


@dataclass(frozen=True)
class Deferral:
    reason: str
    may_proceed_at: datetime
    rule: str  # "cap" or "channel-pause"


def is_dormant(policy: ContactPolicy, customer: CustomerFacts, now: datetime) -> bool:
    """No order in `dormant_after_days` (180); a customer the read model has never seen is not."""
    if not customer.known:
        return False
    if customer.last_order_at is None:
        return True
    return now - customer.last_order_at > timedelta(days=policy.dormant_after_days)


def contact_class(policy: ContactPolicy, customer: CustomerFacts, now: datetime) -> ContactClass:
    """Dormant first (a VIP with no order for half a year is not bothered monthly), then value."""
    if is_dormant(policy, customer, now):
        return ContactClass.DORMANT
    if customer.tier in policy.high_value_tiers or customer.quadrant in policy.high_value_quadrants:
        return ContactClass.HIGH_VALUE
    return ContactClass.STANDARD


def cap_deferral(
    policy: ContactPolicy, klass: ContactClass, deep_contacts: Sequence[datetime], now: datetime
) -> Deferral | None:
    """None when one more deep contact fits the class's cap, else why and from when it fits."""
    cap = policy.caps[klass]
    window = timedelta(days=cap.window_days)
    counted = sorted(t for t in deep_contacts if now - window < t <= now)
    if len(counted) < cap.max_contacts:
        return None
    # The (len - max + 1)-th oldest must leave the window before one more fits.
    frees_at = counted[len(counted) - cap.max_contacts] + window
    return Deferral(
        reason=(f"contact cap: {klass.value} customers get at most {cap.max_contacts} deep contacts "
                f"in {cap.window_days} days; {len(counted)} already in the window"),
        may_proceed_at=frees_at,
        rule="cap",
    )


@dataclass(frozen=True)
class CountedContact:
    """A deep contact in the cap's window: a done one stays; a pending deferrable one may move."""

    action_id: str
    contact_at: datetime
    movable: bool


def make_room_for_promise(
    policy: ContactPolicy, klass: ContactClass, counted: Sequence[CountedContact], promised_kind: str,
    now: datetime,
) -> list[tuple[str, Deferral]]:
    """Promises beat caps (docs/design.md §9): a promised action (follow-up within a week,
    remediation within 48 h, retention) is never deferred by a cap, but it counts. When the
    window now holds more deep contacts than the cap, the newest movable (pending, not promised)
    ones are deferred until the cap frees, each with the reason. `counted` includes the promise.
    """
    cap = policy.caps[klass]
    window = timedelta(days=cap.window_days)
    in_window = sorted((c for c in counted if now - window < c.contact_at <= now), key=lambda c: c.contact_at)
    excess = len(in_window) - cap.max_contacts
    moved = []
    for contact in reversed(in_window):
        if excess <= 0:
            break
        if contact.movable:
            moved.append(contact)
            excess -= 1
    staying = [c.contact_at for c in in_window if c not in moved]
    frees = cap_deferral(policy, klass, staying, now)
    may_proceed_at = frees.may_proceed_at if frees else now
    reason = (f"contact cap: {klass.value} customers get at most {cap.max_contacts} deep contacts in "
              f"{cap.window_days} days; a promised {promised_kind} (never deferred) took this place")
    return [(c.action_id, Deferral(reason=reason, may_proceed_at=may_proceed_at, rule="cap-promise"))
            for c in moved]


def channel_pause(
    policy: ContactPolicy, channel: str, outcomes_newest_first: Sequence[tuple[datetime, bool]],
    now: datetime,
) -> Deferral | None:
    """Paused while the last N messages on the channel were all unopened, for `pause_days` after."""
    recent = list(outcomes_newest_first[: policy.pause_after_unopened])
    if len(recent) < policy.pause_after_unopened or any(opened for _, opened in recent):
        return None
    until = recent[0][0] + timedelta(days=policy.pause_days)
    if until <= now:
        return None
    return Deferral(
        reason=(f"channel {channel} paused: the last {policy.pause_after_unopened} messages were "
                f"not opened"),
        may_proceed_at=until,
        rule="channel-pause",
    )


# --- the policy as an editable document ------------------------------------------------------


def policy_to_document(policy: ContactPolicy) -> dict[str, Any]:
    return {
        "caps": {k.value: {"max_contacts": c.max_contacts, "window_days": c.window_days}
                 for k, c in policy.caps.items()},
        "high_value_tiers": sorted(policy.high_value_tiers),
        "high_value_quadrants": sorted(policy.high_value_quadrants),
        "dormant_after_days": policy.dormant_after_days,
        "pause_after_unopened": policy.pause_after_unopened,
        "pause_days": policy.pause_days,
    }


class PolicyError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _int(doc: dict, key: str, low: int, high: int, path: str) -> int:
    value = doc.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PolicyError(f"{path}{key}", f"must be a whole number {low}..{high}")
    return value


def policy_from_document(doc: Any) -> ContactPolicy:
    """Parse and check an edited policy; PolicyError names the field."""
    if not isinstance(doc, dict):
        raise PolicyError("body", "must be an object")
    allowed = set(policy_to_document(ContactPolicy()))
    for key in doc:
        if key not in allowed:
            raise PolicyError(key, f"unknown field; allowed: {', '.join(sorted(allowed))}")
    caps_doc = doc.get("caps")
    if not isinstance(caps_doc, dict):
        raise PolicyError("caps", "must give high_value, standard and dormant")
    caps = {}
    for klass in ContactClass:
        one = caps_doc.get(klass.value)
        if not isinstance(one, dict):
            raise PolicyError(f"caps.{klass.value}", "is required: {max_contacts, window_days}")
        extra = set(one) - {"max_contacts", "window_days"}
        if extra:
            raise PolicyError(f"caps.{klass.value}.{sorted(extra)[0]}", "unknown field")
        caps[klass] = Cap(_int(one, "max_contacts", 1, 100, f"caps.{klass.value}."),
                          _int(one, "window_days", 1, 3660, f"caps.{klass.value}."))
    for key in set(caps_doc) - {k.value for k in ContactClass}:
        raise PolicyError(f"caps.{key}", "unknown contact class")
    tiers = doc.get("high_value_tiers", [])
    if not isinstance(tiers, list) or any(t not in TIERS for t in tiers):
        raise PolicyError("high_value_tiers", f"must be a list of {list(TIERS)}")
    quadrants = doc.get("high_value_quadrants", [])
    if not isinstance(quadrants, list) or any(q not in QUADRANTS for q in quadrants):
        raise PolicyError("high_value_quadrants", f"must be a list of {list(QUADRANTS)}")
    return ContactPolicy(
        caps=caps,
        high_value_tiers=frozenset(tiers),
        high_value_quadrants=frozenset(quadrants),
        dormant_after_days=_int(doc, "dormant_after_days", 1, 3660, ""),
        pause_after_unopened=_int(doc, "pause_after_unopened", 1, 100, ""),
        pause_days=_int(doc, "pause_days", 1, 3660, ""),
    )
