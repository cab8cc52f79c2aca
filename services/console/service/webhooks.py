"""Partner webhook subscriptions on the notification service (docs/design.md §10, §14): subscribe
(the signing secret shown once), list, unsubscribe, the delivery log, secret rotation and a replay
from a point in time."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.console.domain.forms import FormError, parse_local_time
from services.console.service.gateway import Gateway, Result, form_refusal
from services.console.service.sessions import ConsoleUser
from services.console.templating import BUSINESS_TIME_ZONE
from shared.rfc3339 import format_time

WEBHOOKS = "/v1/webhooks"
DELIVERY_STATUSES = ("pending", "delivered", "failed")


async def subscriptions(gateway: Gateway, user: ConsoleUser) -> Result:
    return await gateway.call("notification", "GET", WEBHOOKS, user.access_token, params={"limit": 200})


async def subscribe(
    gateway: Gateway, user: ConsoleUser, url: str, event_types: list[str], description: str
) -> Result:
    return await gateway.call(
        "notification",
        "POST",
        WEBHOOKS,
        user.access_token,
        json={"url": url.strip(), "event_types": event_types, "description": description.strip() or None},
    )


async def unsubscribe(gateway: Gateway, user: ConsoleUser, subscription_id: str) -> Result:
    return await gateway.call("notification", "DELETE", f"{WEBHOOKS}/{subscription_id}", user.access_token)


@dataclass
class SubscriptionDetail:
    subscription: Result
    deliveries: Result
    status: str | None  # the delivery log's filter


async def subscription_detail(
    gateway: Gateway, user: ConsoleUser, subscription_id: str, status: str | None, cursor: str | None
) -> SubscriptionDetail:
    status = status if status in DELIVERY_STATUSES else None
    subscription, deliveries = await asyncio.gather(
        gateway.call("notification", "GET", f"{WEBHOOKS}/{subscription_id}", user.access_token),
        gateway.call(
            "notification",
            "GET",
            f"{WEBHOOKS}/{subscription_id}/deliveries",
            user.access_token,
            params={"status": status, "cursor": cursor, "limit": 50},
        ),
    )
    return SubscriptionDetail(subscription, deliveries, status)


async def rotate_secret(gateway: Gateway, user: ConsoleUser, subscription_id: str) -> Result:
    """A new secret, shown once; the old one keeps signing during the overlap."""
    return await gateway.call(
        "notification", "POST", f"{WEBHOOKS}/{subscription_id}/rotate-secret", user.access_token
    )


async def replay(gateway: Gateway, user: ConsoleUser, subscription_id: str, since: str) -> Result:
    """Send again every subscribed event that occurred since that time (business wall time)."""
    try:
        moment = format_time(parse_local_time("since", since, BUSINESS_TIME_ZONE))
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        "notification", "POST", f"{WEBHOOKS}/{subscription_id}/replay", user.access_token,
        json={"since": moment},
    )
