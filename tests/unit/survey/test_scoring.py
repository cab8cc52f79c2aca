"""Satisfaction, levels, NPS and CSAT of docs/design.md §4."""

import pytest

from services.survey.domain.scoring import (
    AnswerError,
    Level,
    NpsCategory,
    answer_errors,
    csat,
    level_of,
    net_promoter_score,
    nps_category,
    score_response,
)
from services.survey.domain.templates import DEFAULT_TEMPLATE, Template, template_from_dict
from services.survey.domain.verification import verification_errors

ITEMS = list(DEFAULT_TEMPLATE.items)


def all_items(value: int) -> dict[str, int]:
    return dict.fromkeys(ITEMS, value)


@pytest.mark.parametrize(("value", "level"), [
    (5.0, Level.VERY_SATISFIED), (4.5, Level.VERY_SATISFIED), (4.49, Level.SATISFIED),
    (3.5, Level.SATISFIED), (3.49, Level.NEUTRAL), (2.5, Level.NEUTRAL), (2.49, Level.DISSATISFIED),
    (1.5, Level.DISSATISFIED), (1.49, Level.VERY_DISSATISFIED), (1.0, Level.VERY_DISSATISFIED),
])
def test_levels_change_exactly_at_the_boundaries_4_5_3_5_2_5_1_5(value, level):
    assert level_of(value) is level


@pytest.mark.parametrize(("score", "category"), [
    (10, NpsCategory.PROMOTER), (9, NpsCategory.PROMOTER), (8, NpsCategory.PASSIVE),
    (7, NpsCategory.PASSIVE), (6, NpsCategory.DETRACTOR), (0, NpsCategory.DETRACTOR),
])
def test_nps_categories_are_promoters_9_10_passives_7_8_detractors_0_6(score, category):
    assert nps_category(score) is category


def test_nps_is_percent_promoters_minus_percent_detractors():
    # 5 promoters, 3 passives, 2 detractors of 10: 50% - 20% = 30.
    assert net_promoter_score([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]) == 30.0
    assert net_promoter_score([0, 3, 6]) == -100.0
    assert net_promoter_score([]) is None


def test_csat_is_the_share_of_answers_4_or_5():
    assert csat([5, 4, 3, 2]) == 0.5
    assert csat([4, 4, 5]) == 1.0
    assert csat([1, 2, 3]) == 0.0
    assert csat([]) is None


def test_satisfaction_is_the_equally_weighted_mean_of_dimension_means_by_default():
    answers = all_items(4)
    # product/service 5, 5, 5 -> 5; communication 3, 3, 3 -> 3; the rest 4.
    for item in ("stability", "response_speed", "solution_effectiveness"):
        answers[f"product_service.{item}"] = 5
    for item in ("timeliness", "professionalism", "reachability"):
        answers[f"communication.{item}"] = 3
    result = score_response(DEFAULT_TEMPLATE, answers, 9, tier=None)
    assert result.dimensions == {
        "product_service": 5.0, "communication": 3.0, "cooperation_value": 4.0,
        "emotional_connection": 4.0,
    }
    assert result.value == 4.0
    assert result.level is Level.SATISFIED
    assert result.weights == dict.fromkeys(result.dimensions, 0.25)
    assert result.nps_category is NpsCategory.PROMOTER
    assert result.csat == pytest.approx(9 / 12, abs=1e-4)


def weighted_template() -> Template:
    raw = {
        "name": "weighted",
        "dimensions": [
            {"key": "a", "items": [{"text": "a1"}, {"text": "a2"}]},
            {"key": "b", "items": [{"text": "b1"}]},
        ],
        "tier_weights": {"VIP": {"a": 0.8, "b": 0.2}},
    }
    return template_from_dict(raw)


def test_a_tier_with_its_own_weights_uses_them_and_others_weigh_equally():
    template = weighted_template()
    answers = {"a.1": 5, "a.2": 5, "b.1": 1}
    assert score_response(template, answers, None, "VIP").value == 4.2  # 5*0.8 + 1*0.2
    assert score_response(template, answers, None, "Key").value == 3.0  # equal weights
    assert score_response(template, answers, None, None).value == 3.0  # tier unknown


def test_answers_out_of_range_unknown_or_missing_are_named_by_field():
    answers = all_items(4)
    answers[ITEMS[0]] = 6
    answers["product_service.nonsense"] = 3
    del answers[ITEMS[1]]
    errors = dict(answer_errors(DEFAULT_TEMPLATE, answers, 11, {"unknown": "x"}))
    assert set(errors) == {
        f"answers.{ITEMS[0]}", "answers.product_service.nonsense", f"answers.{ITEMS[1]}", "nps",
        "comments.unknown",
    }
    with pytest.raises(AnswerError):
        score_response(DEFAULT_TEMPLATE, answers, None, None)


def test_zero_is_out_of_the_likert_range():
    answers = all_items(3)
    answers[ITEMS[5]] = 0
    assert [f for f, _ in answer_errors(DEFAULT_TEMPLATE, answers, None, {})] == [f"answers.{ITEMS[5]}"]


def test_a_ticket_verification_is_a_yes_or_a_no_with_an_optional_rating_and_comment():
    assert verification_errors(True, {}, None, {}) == []
    assert verification_errors(False, {"rating": 2}, None, {"comment": "still broken"}) == []
    assert verification_errors(None, {}, None, {}) == [("solved", "answer yes (true) or no (false)")]
    assert verification_errors(None, {"rating": 4}, None, {}, partial=True) == []
    answers, comments = {"d1.q1": 5, "rating": 6}, {"improvements": "faster"}
    fields = [f for f, _ in verification_errors(True, answers, 9, comments)]
    assert fields == ["answers.d1.q1", "answers.rating", "comments.improvements", "nps"]
