"""The snapshot's array scoring gives every customer exactly what the one-by-one path gives it."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from services.segmentation.domain.batch_scoring import BatchFacts, score_many
from services.segmentation.domain.evaluation import CustomerFacts, evaluate
from services.segmentation.domain.policy import DEFAULT_POLICY, EvaluationPolicy
from services.segmentation.domain.scoring import DEFAULT_MODEL

AS_OF = datetime(2026, 11, 30, 15, 59, 59, 999999, tzinfo=UTC)  # November's last instant in Shanghai


def _facts(rng: random.Random, number: int) -> CustomerFacts:
    never_ordered = rng.random() < 0.1
    return CustomerFacts(
        customer_id=f"c{number}", owner="am", since=None if rng.random() < 0.1 else date(
            2015 + rng.randrange(12), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        growth_pct=rng.choice([rng.uniform(-20, 40), 0.0, 8.0, 15.0]),
        repurchase_rate=None if rng.random() < 0.6 else rng.choice([rng.uniform(0, 100), 60.0, 85.0]),
        last_order_at=None if never_ordered else AS_OF - timedelta(
            days=rng.choice([rng.uniform(0, 500), 30, 60, 120]), seconds=rng.randrange(86400)),
        orders_12m=0 if never_ordered else rng.randrange(30),
        amount_12m=0.0 if never_ordered else round(rng.choice([rng.uniform(0, 1.5e6), 50000, 300000]), 2),
        months_with_order_12m=rng.randrange(13), p1_complaints_12m=rng.choice([0, 0, 0, 1]),
    )


def _batch(facts: list[CustomerFacts]) -> BatchFacts:
    return BatchFacts.from_rows([
        (f.last_order_at, f.orders_12m, f.amount_12m, f.months_with_order_12m, f.growth_pct,
         f.repurchase_rate, f.since, f.p1_complaints_12m) for f in facts])


@pytest.mark.parametrize(("line", "policy"), [
    (200_000.0, DEFAULT_POLICY),
    (None, DEFAULT_POLICY),
    (50_000.0, EvaluationPolicy(loyalty_min_sub_score=40, loyalty_min_years=3)),
])
def test_array_scores_equal_one_by_one_scores(line, policy):
    rng = random.Random(12)
    facts = [_facts(rng, n) for n in range(5000)]
    batch = score_many(_batch(facts), DEFAULT_MODEL, line, AS_OF, policy)
    components = batch.components(list(range(len(facts))))
    for index, fact in enumerate(facts):
        one = evaluate(fact, DEFAULT_MODEL, line, AS_OF, policy)
        assert (batch.values[index], batch.tiers[index], batch.quadrants[index]) == (
            one.score.value, one.score.tier.value, one.quadrant.value), fact
        assert components[index] == {
            factor.value: {"input": c.input, "sub_score": c.sub_score, "weight": c.weight, "points": c.points}
            for factor, c in one.score.components.items()}, fact


@pytest.mark.parametrize(("days", "orders", "amount", "growth", "repurchase", "score", "tier"), [
    (30, 12, 800_000, 15, 85, 93.1, "VIP"),
    (60, 6, 300_000, 8, 60, 75.0, "Key"),
    (120, 2, 80_000, -3, 30, 44.4, "Observation"),
])
def test_the_worked_examples_of_the_design(days, orders, amount, growth, repurchase, score, tier):
    fact = CustomerFacts("x", None, date(2020, 1, 1), growth, repurchase, AS_OF - timedelta(days=days),
                         orders, amount, 12, 0)
    batch = score_many(_batch([fact]), DEFAULT_MODEL, None, AS_OF)
    assert batch.values[0] == pytest.approx(score, abs=1.0) and batch.tiers == [tier]


def test_an_empty_batch_scores_nothing():
    assert score_many(_batch([]), DEFAULT_MODEL, None, AS_OF).values == []
