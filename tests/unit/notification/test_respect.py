"""docs/design.md §10: consent, opt-out per channel, preferred channel, quiet hours 21:00-09:00 business
time (P1 excepted) and a daily cap per customer."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from services.notification.domain.respect import (
    Outcome,
    Preferences,
    RespectPolicy,
    business_day,
    customer_channel,
    customer_verdict,
    in_quiet_hours,
)

POLICY = RespectPolicy()  # Asia/Shanghai, 21:00-09:00, 3 a day


def shanghai(hour: int, minute: int = 0, day: int = 2) -> datetime:
    """A December 2026 moment given in Shanghai time (UTC+8), as UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(UTC)


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"),
    [
        (8, 59, True),
        (9, 0, False),
        (12, 0, False),
        (20, 59, False),
        (21, 0, True),
        (23, 30, True),
        (3, 0, True),
    ],
)
def test_quiet_hours_are_21_to_9_business_time(hour, minute, quiet):
    assert in_quiet_hours(POLICY, shanghai(hour, minute)) is quiet


def test_a_message_at_22_is_held_until_9_next_morning_business_time():
    verdict = customer_verdict(POLICY, Preferences(), "email", "P2", 0, shanghai(22))
    assert verdict.outcome == Outcome.HOLD
    assert "quiet hours 21:00-09:00" in verdict.reason
    assert verdict.until.astimezone(POLICY.timezone).hour == 9
    assert verdict.until.astimezone(POLICY.timezone).day == 3


def test_a_p1_matter_goes_out_in_quiet_hours_and_past_the_cap():
    assert customer_verdict(POLICY, Preferences(), "email", "P1", 0, shanghai(23)).outcome == Outcome.SEND
    assert customer_verdict(POLICY, Preferences(), "email", "P1", 9, shanghai(11)).outcome == Outcome.SEND


def test_the_fourth_message_of_a_day_waits_for_the_next_business_morning():
    assert customer_verdict(POLICY, Preferences(), "email", None, 2, shanghai(15)).outcome == Outcome.SEND
    verdict = customer_verdict(POLICY, Preferences(), "email", None, 3, shanghai(15))
    assert verdict.outcome == Outcome.HOLD and "daily cap" in verdict.reason
    local = verdict.until.astimezone(POLICY.timezone)
    assert (local.day, local.hour) == (3, 9)


def test_the_cap_counts_a_business_day_midnight_to_midnight_shanghai_time():
    # 23:30 UTC on December 1st is already December 2nd, 07:30, in Shanghai.
    assert business_day(POLICY, datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == date(2026, 12, 2)
    assert business_day(POLICY, shanghai(23, 59)) == date(2026, 12, 2)
    assert business_day(POLICY, shanghai(0, 0, day=3)) == date(2026, 12, 3)


def test_no_consent_and_opt_out_suppress_even_p1():
    no_consent = customer_verdict(POLICY, Preferences(consent=False), "email", "P1", 0, shanghai(11))
    assert no_consent.outcome == Outcome.SUPPRESS and "consent" in no_consent.reason
    opted = customer_verdict(
        POLICY, Preferences(opted_out=frozenset({"email"})), "email", "P1", 0, shanghai(11)
    )
    assert opted.outcome == Outcome.SUPPRESS and opted.reason == "opted out of email"


def test_the_preferred_channel_wins_unless_opted_out():
    assert customer_channel(Preferences()) == "email"
    assert customer_channel(Preferences(preferred_channel="sms")) == "sms"
    assert customer_channel(Preferences(preferred_channel="sms", opted_out=frozenset({"sms"}))) == "email"
    # Opted out of e-mail with no preference: not moved to SMS; the verdict suppresses it.
    assert customer_channel(Preferences(opted_out=frozenset({"email"}))) == "email"


def test_quiet_hours_that_do_not_wrap_midnight():
    lunch = RespectPolicy(
        quiet_start=datetime(2026, 1, 1, 12).time(), quiet_end=datetime(2026, 1, 1, 14).time()
    )
    assert in_quiet_hours(lunch, shanghai(13))
    assert not in_quiet_hours(lunch, shanghai(22))
