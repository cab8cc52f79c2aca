"""The default score of docs/design.md §3, its curves, weights, tiers and worked examples."""

from datetime import UTC, date, datetime, timedelta

import pytest

from services.segmentation.domain.evaluation import CustomerFacts, evaluate, score_inputs
from services.segmentation.domain.scoring import (
    DEFAULT_MODEL,
    Factor,
    ScoreInputs,
    Tier,
    compute_score,
    interpolate,
    model_from_dict,
    model_to_dict,
    repurchase_rate_from_months,
)


@pytest.mark.parametrize(
    ("name", "inputs", "score", "tier"),
    [
        ("A", ScoreInputs(30, 12, 800_000, 15, 85), 93.1, Tier.VIP),
        ("B", ScoreInputs(60, 6, 300_000, 8, 60), 75.0, Tier.KEY),
        ("C", ScoreInputs(120, 2, 80_000, -3, 30), 44.4, Tier.OBSERVATION),
    ],
)
def test_worked_examples_of_design_3(name, inputs, score, tier):
    result = compute_score(inputs)
    assert result.value == score
    assert result.tier is tier
    assert result.model_version == "rfm-weighted-v1"


def test_components_explain_the_score_of_customer_a():
    result = compute_score(ScoreInputs(30, 12, 800_000, 15, 85))
    expected = {Factor.RECENCY: 95, Factor.FREQUENCY: 95, Factor.MONETARY: 96,
                Factor.POTENTIAL: 90, Factor.LOYALTY: 85}
    assert {f: c.sub_score for f, c in result.components.items()} == expected
    assert result.components[Factor.MONETARY].weight == 0.35
    assert result.components[Factor.MONETARY].points == pytest.approx(33.6)
    assert sum(c.points for c in result.components.values()) == pytest.approx(93.1, abs=0.05)


@pytest.mark.parametrize(
    ("factor", "x", "sub_score"),
    [
        (Factor.RECENCY, 0, 100), (Factor.RECENCY, 30, 95), (Factor.RECENCY, 45, 90),
        (Factor.RECENCY, 365, 0), (Factor.RECENCY, 1000, 0), (Factor.RECENCY, -5, 100),
        (Factor.FREQUENCY, 0, 0), (Factor.FREQUENCY, 1, 20), (Factor.FREQUENCY, 24, 100),
        (Factor.FREQUENCY, 50, 100),
        (Factor.MONETARY, 0, 0), (Factor.MONETARY, 25_000, 25), (Factor.MONETARY, 1_000_000, 100),
        (Factor.MONETARY, 5_000_000, 100),
        (Factor.POTENTIAL, -10, 0), (Factor.POTENTIAL, -50, 0), (Factor.POTENTIAL, 0, 30),
        (Factor.POTENTIAL, 30, 100), (Factor.POTENTIAL, 80, 100),
        (Factor.LOYALTY, 0, 0), (Factor.LOYALTY, 50, 50), (Factor.LOYALTY, 100, 100),
    ],
)
def test_curve_points_edges_and_beyond_the_last_point(factor, x, sub_score):
    assert interpolate(DEFAULT_MODEL.curves[factor], x) == pytest.approx(sub_score)


@pytest.mark.parametrize(
    ("score", "tier"),
    [(100, Tier.VIP), (90, Tier.VIP), (89.9, Tier.KEY), (70, Tier.KEY), (69.9, Tier.REGULAR),
     (50, Tier.REGULAR), (49.9, Tier.OBSERVATION), (0, Tier.OBSERVATION)],
)
def test_tier_thresholds(score, tier):
    assert DEFAULT_MODEL.tier_for(score) is tier


def test_a_customer_who_never_ordered_gets_no_recency_points():
    result = compute_score(ScoreInputs(None, 0, 0, 0, 0))
    assert result.components[Factor.RECENCY].sub_score == 0
    assert result.value == 4.5  # only P: growth 0% -> 30 x 15%
    assert result.tier is Tier.OBSERVATION


def test_repurchase_rate_defaults_to_share_of_months_with_an_order():
    assert repurchase_rate_from_months(6) == 50.0
    assert repurchase_rate_from_months(12) == 100.0
    facts = CustomerFacts("c", None, None, 0, None, None, 0, 0, 9, 0)
    assert score_inputs(facts, datetime.now(UTC)).repurchase_rate == 75.0
    given = CustomerFacts("c", None, None, 0, 40.0, None, 0, 0, 9, 0)
    assert score_inputs(given, datetime.now(UTC)).repurchase_rate == 40.0


def test_evaluation_from_aggregated_facts_reproduces_customer_b():
    now = datetime(2026, 6, 1, tzinfo=UTC)
    facts = CustomerFacts("B", "li", date(2020, 1, 1), 8, 60, now - timedelta(days=60), 6,
                          300_000, 6, 0)
    ev = evaluate(facts, DEFAULT_MODEL, high_value_line=250_000, as_of=now)
    assert ev.score.value == 75.0
    assert ev.quadrant.value == "core"


def test_model_validation_names_the_faulty_field():
    data = model_to_dict(DEFAULT_MODEL)
    data["weights"]["M"] = 0.5
    fields = [f for f, _ in model_from_dict(data).validation_errors()]
    assert fields == ["weights"]
    data = model_to_dict(DEFAULT_MODEL)
    data["curves"]["R"] = [[0, 100], [0, 50]]
    assert [f for f, _ in model_from_dict(data).validation_errors()] == ["curves.R"]
    data = model_to_dict(DEFAULT_MODEL)
    data["thresholds"] = {"VIP": 60, "Key": 70, "Regular": 50}
    assert [f for f, _ in model_from_dict(data).validation_errors()] == ["thresholds"]
    assert DEFAULT_MODEL.validation_errors() == []


def test_edited_thresholds_change_the_tier():
    data = model_to_dict(DEFAULT_MODEL)
    data["thresholds"] = {"VIP": 95, "Key": 70, "Regular": 50}
    model = model_from_dict(data)
    assert compute_score(ScoreInputs(30, 12, 800_000, 15, 85), model).tier is Tier.KEY
