"""Signed links in messages: opens (a pixel), clicks (a redirect) and one-click unsubscribe.

A link carries an HMAC-SHA256 of what it stands for under the service's tracking secret, so
nobody can forge an open, redirect a click elsewhere (no open redirect) or unsubscribe another
customer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote, urlencode


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signature(secret: str, *parts: str) -> str:
    digest = hmac.new(secret.encode(), "\x1f".join(parts).encode(), hashlib.sha256).digest()
    return _b64(digest[:18])


def signed(secret: str, given: str, *parts: str) -> bool:
    # Bytes: compare_digest refuses str with non-ASCII characters, and a forged link may carry any.
    return hmac.compare_digest(signature(secret, *parts).encode(), (given or "").encode())


def open_link(base_url: str, secret: str, message_id: str) -> str:
    return f"{base_url}/v1/track/open/{message_id}?s={signature(secret, 'open', message_id)}"


def click_link(base_url: str, secret: str, message_id: str, target: str) -> str:
    query = urlencode({"u": target, "s": signature(secret, "click", message_id, target)})
    return f"{base_url}/v1/track/click/{message_id}?{query}"


def unsubscribe_key(secret: str, customer_id: str, channel: str) -> str:
    """`<customer,channel>.<signature>`: opaque, URL-safe, verifiable without a lookup."""
    payload = _b64(f"{customer_id}\x1f{channel}".encode())
    return f"{payload}.{signature(secret, 'unsubscribe', customer_id, channel)}"


def unsubscribe_link(base_url: str, secret: str, customer_id: str, channel: str) -> str:
    return f"{base_url}/v1/unsubscribe/{quote(unsubscribe_key(secret, customer_id, channel))}"


def read_unsubscribe_key(secret: str, key: str) -> tuple[str, str] | None:
    """(customer id, channel) of a genuine key, else None."""
    payload, _, given = key.partition(".")
    try:
        customer_id, channel = _unb64(payload).decode().split("\x1f")
    except (ValueError, UnicodeDecodeError):
        return None
    return (customer_id, channel) if signed(secret, given, "unsubscribe", customer_id, channel) else None
