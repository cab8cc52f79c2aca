"""Partner webhooks (docs/design.md §10): URL rules, the SSRF guard, signatures, and when to give up.

Signatures follow the Standard Webhooks specification through its reference implementation
(`standardwebhooks`): `webhook-id` is the event id (receivers deduplicate on it), and during a
secret rotation every request carries one signature per valid secret, so a receiver holding
either the old or the new secret verifies it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
MAX_URL_LENGTH = 2000


class WebhookProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_url(url: str, *, private_allowed: bool) -> str:
    """A receiver URL: http(s), a host, no credentials; https and a public host in production."""
    if len(url) > MAX_URL_LENGTH:
        raise WebhookProblem("url", f"at most {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise WebhookProblem("url", f"not a valid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise WebhookProblem("url", "must be an http or https URL")
    if not parts.hostname:
        raise WebhookProblem("url", "must name a host")
    if parts.username or parts.password:
        raise WebhookProblem("url", "must not carry credentials; use the signing secret")
    if parts.fragment:
        raise WebhookProblem("url", "must not have a fragment")
    if port == 0:
        raise WebhookProblem("url", "port 0 is not a receiver")
    if not private_allowed:
        if parts.scheme != "https":
            raise WebhookProblem("url", "must be https")
        literal = _ip_literal(parts.hostname)
        if literal is not None and forbidden_address(literal):
            raise WebhookProblem("url", f"{literal} is a loopback, private or link-local address")
        if parts.hostname.lower() in (
            "localhost",
            "localhost.localdomain",
        ) or parts.hostname.lower().endswith(".localhost"):
            raise WebhookProblem("url", "localhost is not a receiver")
    return url


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def forbidden_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address | str) -> bool:
    """Loopback, private, link-local (cloud metadata), multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_event_types(event_types: Iterable[str], known: Iterable[str]) -> list[str]:
    """At least one, each a type of the contract, no repeats (order kept)."""
    wanted = list(dict.fromkeys(event_types))
    if not wanted:
        raise WebhookProblem("event_types", "subscribe to at least one event type")
    known_types = set(known)
    for index, event_type in enumerate(wanted):
        if event_type not in known_types:
            raise WebhookProblem(
                f"event_types.{index}", f"{event_type!r} is not an event type of the contract"
            )
    return wanted


def valid_secrets(
    current: str, previous: str | None, previous_expires_at: datetime | None, now: datetime
) -> list[str]:
    """The current secret, and the previous one while its overlap after a rotation lasts."""
    secrets = [current]
    if previous and previous_expires_at and previous_expires_at > now:
        secrets.append(previous)
    return secrets


def signed_headers(secrets: list[str], message_id: str, body: str, now: datetime) -> dict[str, str]:
    """Standard Webhooks headers for one request; one `v1,` signature per valid secret."""
    signatures = " ".join(Webhook(secret).sign(message_id, now, body) for secret in secrets)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signatures,
        "content-type": "application/cloudevents+json",
    }


@dataclass(frozen=True)
class DisableVerdict:
    disable: bool
    reason: str | None = None


def disable_verdict(
    failing_since: datetime | None,
    consecutive_failures: int,
    last_error: str,
    now: datetime,
    disable_after: timedelta,
) -> DisableVerdict:
    """Persistent failure: every attempt has failed for `disable_after` (24 h by default)."""
    if failing_since is None or now - failing_since < disable_after:
        return DisableVerdict(False)
    hours = disable_after.total_seconds() / 3600
    return DisableVerdict(
        True,
        (
            f"every delivery failed for {hours:g} h ({consecutive_failures} attempts in a row); "
            f"last: {last_error}"
        ),
    )
