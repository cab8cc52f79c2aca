"""Results by tier (docs/design.md §4): means per dimension, gaps, NPS, CSAT, response rate."""

import pytest

from services.survey.domain.results import ResponseFacts, summarise

TIERS = ["VIP", "Key", "Regular", "Observation"]


def fact(group, a, b, nps=None):
    return ResponseFacts(group=group, value=(a + b) / 2, level="x",
                         dimensions={"a": a, "b": b}, item_answers=(int(a), int(b)), nps=nps)


def test_results_give_means_per_tier_and_the_gap_between_tiers():
    responses = [fact("VIP", 5, 4, 10), fact("VIP", 5, 2, 9), fact("Key", 3, 4, 3), fact(None, 2, 2)]
    summary = summarise(responses, {"VIP": 4, "Key": 1, None: 5}, ["a", "b"], TIERS)
    groups = {g.group: g for g in summary.groups}
    assert list(groups) == ["VIP", "Key", "unknown"]
    assert groups["VIP"].dimensions == {"a": 5.0, "b": 3.0}
    assert groups["VIP"].response_rate == 0.5
    assert groups["Key"].response_rate == 1.0
    assert groups["VIP"].nps == 100.0
    assert groups["Key"].nps == -100.0
    assert groups["VIP"].csat == 0.75  # 5, 4, 5, 2
    gap_a = next(g for g in summary.gaps if g.dimension == "a")
    assert (gap_a.highest_group, gap_a.lowest_group, gap_a.gap) == ("VIP", "unknown", 3.0)
    assert summary.overall.invited == 10
    assert summary.overall.responses == 4
    assert summary.overall.response_rate == 0.4
    assert summary.overall.nps == pytest.approx(33.3, abs=0.1)
    assert groups["VIP"].gap_to_overall["a"] == pytest.approx(5.0 - 3.75, abs=0.01)


def test_a_tier_invited_but_silent_shows_a_zero_response_rate():
    summary = summarise([], {"Observation": 3}, ["a"], TIERS)
    assert summary.groups[0].group == "Observation"
    assert summary.groups[0].response_rate == 0.0
    assert summary.groups[0].satisfaction is None
    assert summary.gaps == []
