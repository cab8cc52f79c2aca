"""Confidence intervals (Wilson, Student t) and the effect report's definitions."""

from datetime import UTC, datetime, timedelta

import pytest

from services.playbook.domain import effect
from services.playbook.domain.stats import mean_interval, t_critical_975, wilson_interval


def test_wilson_interval_matches_the_textbook_example():
    # 8 successes of 10: Wilson 95% interval 0.490 .. 0.943.
    e = wilson_interval(8, 10)
    assert e.value == 0.8
    assert e.low == pytest.approx(0.4902, abs=1e-3) and e.high == pytest.approx(0.9433, abs=1e-3)


def test_wilson_interval_stays_inside_0_and_1():
    zero, full = wilson_interval(0, 5), wilson_interval(5, 5)
    assert zero.low == 0.0 and 0 < zero.high < 1
    assert full.high == 1.0 and 0 < full.low < 1
    assert wilson_interval(0, 0).value is None


@pytest.mark.parametrize(("df", "t"), [(1, 12.706), (9, 2.262), (30, 2.042), (60, 2.000), (1000, 1.962)])
def test_t_critical_values(df, t):
    assert t_critical_975(df) == pytest.approx(t, abs=2e-3)


def test_mean_interval_uses_student_t():
    e = mean_interval([1.0, 2.0, 3.0, 4.0, 5.0])
    # mean 3, sd 1.5811, se 0.7071, t(4) 2.776 -> 3 +- 1.963
    assert e.value == 3.0
    assert e.low == pytest.approx(1.037, abs=1e-2) and e.high == pytest.approx(4.963, abs=1e-2)
    single = mean_interval([2.0])
    assert (single.value, single.low, single.n) == (2.0, None, 1)


def test_nps_is_promoters_minus_detractors():
    assert effect.nps_of([10, 9, 8, 7, 3]) == 20.0  # 2 promoters, 1 detractor of 5
    assert effect.nps_of([]) is None


def test_effect_report_per_tier_and_quadrant():
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    facts = effect.MonthFacts(
        start=start, end=end,
        segments={"A": ("VIP", "core"), "B": ("Regular", "basic"), "C": ("Regular", "basic")},
        orders={
            "A": [start - timedelta(days=20), start + timedelta(days=3)],  # active, repurchased
            "B": [start - timedelta(days=170)],  # active at start, lapsed by month end
            "C": [start - timedelta(days=400)],  # ordered before, not active
        },
        answers=[effect.SurveyAnswer("A", 4.6, 10, 1.0), effect.SurveyAnswer("B", 2.0, 3, 0.2)],
        complaints=[effect.Complaint("B", True), effect.Complaint("C", False)],
        actions=[effect.ActionFact("A", "referral-invitation", True, True)],
        churn_risk_customers={"B"},
    )
    report = effect.effect_report(facts)
    overall = report["overall"]
    assert (overall["active_at_start"], overall["retained"], overall["retention_rate"]) == (2, 1, 0.5)
    assert (overall["repurchase_base"], overall["repurchased"]) == (3, 1)
    assert overall["complaint_resolution_rate"] == 0.5
    assert overall["nps"] == 0.0 and overall["csat"] == 0.6
    assert (overall["referral_invitations"], overall["referrals_done"]) == (1, 1)
    assert report["by_tier"]["VIP"]["retention_rate"] == 1.0
    assert report["by_quadrant"]["basic"]["churn_risk_customers"] == 1
    assert report["by_tier"]["Regular"]["complaints"] == 2
