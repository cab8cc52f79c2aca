"""Customer 360: profile and score explained, trend, tier history, satisfaction, tickets, care plan
with its recurring care, and what the notification service sent the customer and its preferences.

Each part comes from its own service in parallel; a service that is down leaves only its part
empty (with the reason), the rest of the page still shows.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from services.console.domain.charts import Chart, line_chart
from services.console.domain.sla import OPEN_STATUSES
from services.console.service.gateway import Gateway, Result
from services.console.service.sessions import ConsoleUser
from services.console.templating import local_date
from shared.auth import Role

FACTORS = ("R", "F", "M", "P", "L")
# What a contact may choose (docs/design.md §10): the customer-facing channels and the languages.
CONTACT_CHANNELS = ("email", "sms")
CONTACT_LANGUAGES = ("zh-CN", "en")
TIERS = ("VIP", "Key", "Regular", "Observation")
QUADRANTS = ("core", "potential", "basic", "to-optimize")


@dataclass
class CustomerList:
    result: Result
    owner: str | None
    tier: str | None
    quadrant: str | None


async def customer_list(
    gateway: Gateway,
    user: ConsoleUser,
    *,
    tier: str | None,
    quadrant: str | None,
    owner: str | None,
    cursor: str | None,
) -> CustomerList:
    """Account managers see their own customers first (the services narrow it further by scope)."""
    if owner is None and Role.ACCOUNT_MANAGER in user.roles and not user.roles & {Role.ADMIN, Role.MANAGER}:
        owner = user.subject
    owner = None if owner == "*" else owner
    result = await gateway.call(
        "segmentation",
        "GET",
        "/v1/customers",
        user.access_token,
        params={
            "tier": tier if tier in TIERS else None,
            "quadrant": quadrant if quadrant in QUADRANTS else None,
            "owner": owner,
            "cursor": cursor,
            "limit": 50,
        },
    )
    return CustomerList(result, owner, tier, quadrant)


@dataclass
class Customer360:
    profile: Result
    history: Result
    satisfaction: Result
    tickets: Result
    plan: Result
    messages: Result
    preferences: Result
    score_chart: Chart | None = None
    satisfaction_chart: Chart | None = None
    satisfaction_rows: list[tuple[str, str, str]] | None = None


async def customer_360(gateway: Gateway, user: ConsoleUser, customer_id: str) -> Customer360:
    token = user.access_token
    profile, history, satisfaction, tickets, plan, messages, preferences = await asyncio.gather(
        gateway.call("segmentation", "GET", f"/v1/customers/{customer_id}", token),
        gateway.call(
            "segmentation", "GET", f"/v1/customers/{customer_id}/history", token, params={"limit": 200}
        ),
        gateway.call(
            "survey", "GET", f"/v1/customers/{customer_id}/satisfaction", token, params={"limit": 100}
        ),
        gateway.call(
            "feedback", "GET", "/v1/tickets", token, params={"customer_id": customer_id, "limit": 100}
        ),
        gateway.call("playbook", "GET", f"/v1/customers/{customer_id}/plan", token),
        gateway.call(
            "notification", "GET", "/v1/messages", token, params={"customer_id": customer_id, "limit": 20}
        ),
        gateway.call("notification", "GET", f"/v1/contacts/{customer_id}/preferences", token),
    )
    view = Customer360(profile, history, satisfaction, tickets, plan, messages, preferences)
    if history.ok:
        scores = list(reversed(history.data.get("scores", [])))[-24:]  # oldest first
        if scores:
            view.score_chart = line_chart(
                [local_date(s["computed_at"]) for s in scores],
                {"score": [s["value"] for s in scores]},
                low=0,
                high=100,
            )
    if satisfaction.ok:
        points = satisfaction.data.get("items", [])[-24:]
        if points:
            view.satisfaction_chart = line_chart(
                [local_date(p["answered_at"]) for p in points],
                {"satisfaction": [p["value"] for p in points]},
                low=1,
                high=5,
            )
            view.satisfaction_rows = [
                (
                    local_date(p["answered_at"]),
                    f"{p['value']:.2f}",
                    "–" if p.get("nps") is None else str(p["nps"]),
                )
                for p in points
            ]
    if tickets.ok:
        tickets.data = [t for t in tickets.data.get("items", []) if t["status"] in OPEN_STATUSES]
    return view


async def save_preferences(
    gateway: Gateway, user: ConsoleUser, customer_id: str, document: dict[str, Any], version: str | None
) -> Result:
    """Replace the contact's preferences; If-Match with the ETag the page was read at, when the
    service gave one, so a change made meanwhile is refused instead of undone."""
    return await gateway.call(
        "notification",
        "PUT",
        f"/v1/contacts/{customer_id}/preferences",
        user.access_token,
        json=document,
        if_match=version or None,
    )


TREND_AGES = ("m1", "m3", "m6", "m12")


def trend_rows(profile: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    """(months ago, month-end score then, points the score moved since) for 1, 3, 6 and 12 months."""
    trend = profile.get("trend") or {}
    current = (profile.get("score") or {}).get("value")
    rows = []
    for age in TREND_AGES:
        then = trend.get(age)
        moved = None if then is None or current is None else round(current - then, 1)
        rows.append((age, then, moved))
    return rows


def explained_factors(score: dict[str, Any]) -> list[dict[str, Any]]:
    """R F M P L in order, each with its input, sub-score, weight and the points it adds."""
    components = score.get("components") or {}
    return [{"factor": f, **components[f]} for f in FACTORS if f in components]
