"""Respect for the customer (docs/design.md §10, seed 001 避免打扰): consent, opt-out per channel, the
preferred channel, quiet hours (21:00-09:00 business time, P1 matters excepted) and a daily cap.

Pure rules: every verdict takes `now` and says why, and until when a held message waits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WECOM = "wecom"
    DINGTALK = "dingtalk"


# Customers are reached at their contact's address; the robots post into staff group chats.
CUSTOMER_CHANNELS = (Channel.EMAIL, Channel.SMS)
STAFF_CHANNELS = (Channel.EMAIL, Channel.WECOM, Channel.DINGTALK)
URGENT_PRIORITY = "P1"


class Outcome(StrEnum):
    SEND = "send"
    HOLD = "hold"  # stays queued until `until`
    SUPPRESS = "suppress"  # recorded, never sent


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str | None = None
    until: datetime | None = None


SEND = Verdict(Outcome.SEND)


@dataclass(frozen=True)
class RespectPolicy:
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    quiet_start: time = time(21, 0)
    quiet_end: time = time(9, 0)
    daily_cap: int = 3

    @classmethod
    def from_settings(cls, timezone: str, quiet_start: str, quiet_end: str, daily_cap: int) -> RespectPolicy:
        return cls(
            ZoneInfo(timezone), time.fromisoformat(quiet_start), time.fromisoformat(quiet_end), daily_cap
        )


@dataclass(frozen=True)
class Preferences:
    """A contact's choices; the defaults when the customer never set any."""

    consent: bool = True
    opted_out: frozenset[str] = frozenset()
    preferred_channel: str | None = None
    language: str | None = None


def in_quiet_hours(policy: RespectPolicy, now: datetime) -> bool:
    """Quiet hours may wrap midnight (21:00-09:00) or not (12:00-14:00)."""
    local = now.astimezone(policy.timezone).time()
    if policy.quiet_start <= policy.quiet_end:
        return policy.quiet_start <= local < policy.quiet_end
    return local >= policy.quiet_start or local < policy.quiet_end


def quiet_hours_end(policy: RespectPolicy, now: datetime) -> datetime:
    """The next moment quiet hours end, as an aware datetime in the business time zone."""
    local = now.astimezone(policy.timezone)
    end = datetime.combine(local.date(), policy.quiet_end, tzinfo=policy.timezone)
    return end if end > local else end + timedelta(days=1)


def business_day_start(policy: RespectPolicy, now: datetime) -> datetime:
    """Midnight of today in business time (the daily cap counts from here)."""
    local = now.astimezone(policy.timezone)
    return datetime.combine(local.date(), time(0), tzinfo=policy.timezone)


def business_day(policy: RespectPolicy, now: datetime) -> date:
    """The business date of `now`: the day whose messages the daily cap counts."""
    return now.astimezone(policy.timezone).date()


def next_business_morning(policy: RespectPolicy, now: datetime) -> datetime:
    """Tomorrow, when quiet hours end: when a capped customer may be written to again."""
    tomorrow = business_day_start(policy, now) + timedelta(days=1)
    return datetime.combine(tomorrow.date(), policy.quiet_end, tzinfo=policy.timezone)


def customer_channel(preferences: Preferences, default: str = Channel.EMAIL) -> str:
    """The preferred channel unless opted out of, else the default. A customer who opted out of
    e-mail is not moved to SMS on our initiative: the message is suppressed, with the reason."""
    preferred = preferences.preferred_channel
    if preferred in CUSTOMER_CHANNELS and preferred not in preferences.opted_out:
        return preferred
    return default


def customer_verdict(
    policy: RespectPolicy,
    preferences: Preferences,
    channel: str,
    priority: str | None,
    sent_today: int,
    now: datetime,
) -> Verdict:
    """May this message go to the customer now? Consent and opt-out suppress; quiet hours and
    the daily cap hold it (P1 matters excepted from both: a P1 solution must not wait)."""
    if not preferences.consent:
        return Verdict(Outcome.SUPPRESS, "no consent: the contact withdrew consent to be messaged")
    if channel in preferences.opted_out:
        return Verdict(Outcome.SUPPRESS, f"opted out of {channel}")
    if priority == URGENT_PRIORITY:
        return SEND
    if in_quiet_hours(policy, now):
        return Verdict(
            Outcome.HOLD,
            f"quiet hours {policy.quiet_start:%H:%M}-{policy.quiet_end:%H:%M} business time "
            f"({policy.timezone.key}); held until they end",
            quiet_hours_end(policy, now),
        )
    if sent_today >= policy.daily_cap:
        return Verdict(
            Outcome.HOLD,
            f"daily cap: at most {policy.daily_cap} messages a day per customer; {sent_today} sent "
            "today; held until the next business morning",
            next_business_morning(policy, now),
        )
    return SEND
