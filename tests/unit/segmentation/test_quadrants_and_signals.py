"""Quadrants, re-evaluation schedule, spending drop and churn signals (docs/design.md §3)."""

from datetime import UTC, datetime, timedelta

import pytest

from services.segmentation.domain.quadrants import Quadrant, high_value_threshold, quadrant_for
from services.segmentation.domain.scoring import Tier
from services.segmentation.domain.signals import (
    SignalCode,
    churn_signals,
    next_evaluation,
    score_declining,
    spending_dropped,
)
from shared.business_time import month_starts, zone_named

NOW = datetime(2026, 11, 15, 12, tzinfo=UTC)


def test_high_value_is_the_top_30_percent_of_active_customers():
    amounts = [float(a) for a in range(1, 11)]  # ten active customers
    assert high_value_threshold([*amounts, 0.0, 0.0]) == 8.0  # 8, 9, 10 are the top 30%
    assert high_value_threshold([]) is None
    assert high_value_threshold([5.0]) == 5.0


@pytest.mark.parametrize(
    ("amount", "years", "loyalty", "p1", "quadrant"),
    [
        (100, 2, 80, 0, Quadrant.CORE),
        (100, 2, 80, 1, Quadrant.POTENTIAL),  # a P1 complaint breaks high loyalty
        (100, 0.5, 80, 0, Quadrant.POTENTIAL),  # cooperation under a year
        (100, 2, 59, 0, Quadrant.POTENTIAL),
        (10, 2, 60, 0, Quadrant.BASIC),
        (10, 0, 0, 0, Quadrant.TO_OPTIMIZE),
        (0, 3, 90, 0, Quadrant.BASIC),
    ],
)
def test_quadrants(amount, years, loyalty, p1, quadrant):
    assert quadrant_for(amount, 50, years, loyalty, p1) is quadrant


def test_vip_is_reevaluated_quarterly_others_half_yearly():
    assert next_evaluation(Tier.VIP, NOW) - NOW == timedelta(days=91)
    assert next_evaluation(Tier.KEY, NOW) - NOW == timedelta(days=182)
    assert next_evaluation(Tier.OBSERVATION, NOW) - NOW == timedelta(days=182)


@pytest.mark.parametrize(
    ("months", "dropped"),
    [
        ([100, 100, 100, 50, 50], True),  # exactly half counts
        ([100, 100, 100, 50, 51], False),
        ([100, 100, 100, 10, 60], False),  # only one of the two months fell enough
        ([90, 120, 90, 0, 0], True),
        ([0, 0, 0, 0, 0], False),  # nothing to fall from
    ],
)
def test_spending_drop_trigger(months, dropped):
    assert spending_dropped([float(m) for m in months]) is dropped


def test_score_declining_three_months_running():
    assert score_declining([80, 78, 75, 70])
    assert not score_declining([80, 78, 78, 70])
    assert not score_declining([78, 75, 70])  # three values are two falls
    assert score_declining([60, 90, 80, 70, 65])


def test_churn_signals_name_their_reasons():
    signals = churn_signals(
        now=NOW, last_activity_at=NOW - timedelta(days=91), monthly_scores=[80, 70, 60, 50],
        monthly_amounts=[100, 100, 100, 0, 0],
    )
    assert [s.code for s in signals] == [
        SignalCode.NO_ACTIVITY, SignalCode.SCORE_DECLINING, SignalCode.SPENDING_DROP,
    ]
    assert "91 days" in signals[0].detail
    quiet = churn_signals(now=NOW, last_activity_at=NOW - timedelta(days=89), monthly_scores=[],
                          monthly_amounts=None)
    assert quiet == []


def test_month_starts_cover_full_business_months_before_this_one():
    shanghai = zone_named("Asia/Shanghai")
    starts = month_starts(NOW, shanghai, 5)
    assert [s.astimezone(shanghai).month for s in starts] == [6, 7, 8, 9, 10, 11]
    assert starts[-1] == datetime(2026, 10, 31, 16, tzinfo=UTC)  # November 1st in Shanghai
    january = month_starts(datetime(2026, 1, 10, tzinfo=UTC), shanghai, 2)
    assert [(s.astimezone(shanghai).year, s.astimezone(shanghai).month) for s in january] == [
        (2025, 11), (2025, 12), (2026, 1)]
