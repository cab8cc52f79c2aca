"""The evaluation policy an admin edits (every number of docs/design.md §3 and §9) and the trend."""

import pytest

from services.segmentation.domain.policy import (
    DEFAULT_POLICY,
    PolicyError,
    policy_from_document,
    policy_to_document,
)
from services.segmentation.domain.scoring import Tier
from services.segmentation.domain.signals import declining_signal, spending_dropped, trend


def test_the_defaults_are_the_seeds():
    assert DEFAULT_POLICY.review_days(Tier.VIP) == 91 and DEFAULT_POLICY.review_days("Key") == 182
    assert (DEFAULT_POLICY.high_value_share, DEFAULT_POLICY.loyalty_min_sub_score,
            DEFAULT_POLICY.loyalty_min_years) == (0.30, 60.0, 1.0)
    assert (DEFAULT_POLICY.silence_days, DEFAULT_POLICY.declining_months,
            DEFAULT_POLICY.override_validity_days) == (90, 3, 180)
    assert policy_from_document(policy_to_document(DEFAULT_POLICY)) == DEFAULT_POLICY


@pytest.mark.parametrize(("change", "field"), [
    ({"high_value_share": 1.5}, "high_value_share"),
    ({"silence_days": 0}, "silence_days"),
    ({"declining_months": 2.5}, "declining_months"),
    ({"spending_drop_ratio": "half"}, "spending_drop_ratio"),
    ({"review_interval_days": {"VIP": 3, "Key": 182, "Regular": 182, "Observation": 182}},
     "review_interval_days.VIP"),
    ({"review_interval_days": {"VIP": 91}}, "review_interval_days"),
    ({"quarterly": True}, "quarterly"),
])
def test_a_value_out_of_range_names_its_field(change, field):
    with pytest.raises(PolicyError) as error:
        policy_from_document({**policy_to_document(DEFAULT_POLICY), **change})
    assert error.value.field == field


def test_an_edited_policy_moves_the_rules():
    policy = policy_from_document({**policy_to_document(DEFAULT_POLICY), "declining_months": 2,
                                   "spending_drop_ratio": 0.3})
    assert declining_signal([80, 70, 60], policy) is not None
    assert declining_signal([80, 70, 60], DEFAULT_POLICY) is None
    assert spending_dropped([100, 100, 100, 40, 40]) and not spending_dropped([100, 100, 100, 40, 40], policy)


def test_the_trend_compares_with_three_months_ago():
    rising = trend(72.0, {1: 70.0, 3: 65.0, 6: 60.0, 12: 50.0})
    assert (rising.m1, rising.m3, rising.m6, rising.m12, rising.direction) == (70.0, 65.0, 60.0, 50.0, "up")
    assert trend(60.0, {1: 61.0, 3: 70.0}).direction == "down"
    assert trend(70.4, {3: 70.0}).direction == "flat"  # within a point
    assert trend(80.0, {1: 60.0}).direction == "up"  # one month of history is all there is
    assert trend(80.0, {}).direction is None and trend(None, {1: 50.0}).direction is None
