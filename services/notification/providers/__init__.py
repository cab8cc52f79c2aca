"""Channel providers: e-mail over SMTP, and HTTP adapters for SMS, WeCom and DingTalk robots.

Each `send` returns normally once the provider accepted the message, raises `PermanentFailure`
when it refused this message for good (a bounce: retrying will not help), and `TemporaryFailure`
for anything worth retrying (connection refused or reset, timeout, 4xx SMTP reply, HTTP 429/5xx).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outgoing:
    message_id: str
    channel: str
    to: str | None  # e-mail address or phone number; None for a group robot
    subject: str
    text: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class DeliveryFailure(Exception):
    """The provider did not accept the message."""


class TemporaryFailure(DeliveryFailure):
    pass


class PermanentFailure(DeliveryFailure):
    pass


class ChannelNotConfigured(TemporaryFailure):
    """No endpoint is configured for the channel: kept and retried, so configuring it later sends."""
