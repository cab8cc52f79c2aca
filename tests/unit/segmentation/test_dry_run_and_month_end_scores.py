"""Rules moved out of the scoring and detection use cases: the dry-run tally and the decline signal."""

from datetime import UTC, date, datetime, timedelta

from services.segmentation.domain.evaluation import CustomerFacts, TierMoves, evaluate
from services.segmentation.domain.scoring import DEFAULT_MODEL, model_from_dict, model_to_dict
from services.segmentation.domain.signals import churn_signals

NOW = datetime(2026, 3, 15, tzinfo=UTC)


def facts(customer_id: str, days: int, orders: int, amount: float, growth: float, repurchase: float):
    """The worked examples of docs/design.md §3 as aggregated facts."""
    return CustomerFacts(
        customer_id=customer_id, owner=None, since=date(2020, 1, 1), growth_pct=growth,
        repurchase_rate=repurchase, last_order_at=NOW - timedelta(days=days), orders_12m=orders,
        amount_12m=amount, months_with_order_12m=orders, p1_complaints_12m=0,
    )


EXAMPLES = [facts("A", 30, 12, 800_000, 15, 85), facts("B", 60, 6, 300_000, 8, 60),
            facts("C", 120, 2, 80_000, -3, 30)]


def test_a_dry_run_of_the_default_model_over_the_worked_examples_moves_who_sits_in_another_tier():
    tally = TierMoves(DEFAULT_MODEL.version)
    current = {"A": ("Key", 88.0), "B": ("Key", 75.0)}  # C was never scored
    for f in EXAMPLES:
        tier, score = current.get(f.customer_id, (None, None))
        tally.add(f.customer_id, tier, score, evaluate(f, DEFAULT_MODEL, 500_000, NOW))
    summary = tally.summary()
    assert summary["customers"] == 3
    assert summary["moves"] == {"Key->VIP": 1, "unscored->Observation": 1}
    assert (summary["moved"], summary["unchanged"]) == (2, 1)
    assert summary["tiers_before"] == {"Key": 2, "unscored": 1}
    assert summary["tiers_after"] == {"VIP": 1, "Key": 1, "Observation": 1}
    assert summary["examples"][0] == {"customer_id": "A", "from_tier": "Key", "to_tier": "VIP",
                                      "from_score": 88.0, "to_score": 93.1}


def test_a_stricter_vip_line_moves_customer_a_down():
    stricter = model_from_dict({**model_to_dict(DEFAULT_MODEL), "version": "strict",
                                "thresholds": {"VIP": 95, "Key": 70, "Regular": 50}})
    tally = TierMoves(stricter.version)
    tally.add("A", "VIP", 93.1, evaluate(EXAMPLES[0], stricter, 500_000, NOW))
    assert tally.summary()["moves"] == {"VIP->Key": 1}


def test_examples_stop_at_twenty_but_every_move_is_counted():
    tally = TierMoves("v")
    evaluation = evaluate(EXAMPLES[0], DEFAULT_MODEL, 500_000, NOW)
    for i in range(25):
        tally.add(f"c{i}", "Regular", 60.0, evaluation)
    assert tally.summary()["moved"] == 25
    assert len(tally.summary()["examples"]) == 20


def test_three_month_ends_falling_in_a_row_raise_the_signal():
    # The month-end snapshots of four months, oldest first (docs/design.md §9).
    scores = [90.0, 85.0, 80.0, 72.0]
    codes = [s.code.value for s in churn_signals(now=NOW, last_activity_at=NOW, monthly_scores=scores,
                                                  monthly_amounts=None)]
    assert codes == ["score-declining-3m"]
