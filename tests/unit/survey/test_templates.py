"""Templates of docs/design.md §4: the default one and the rules a new one must follow."""

import pytest

from services.survey.domain.templates import (
    DEFAULT_TEMPLATE,
    TemplateError,
    template_from_dict,
    template_to_dict,
    validate,
)


def test_the_default_template_has_the_four_dimensions_of_three_items_each():
    assert DEFAULT_TEMPLATE.dimension_keys == [
        "product_service", "communication", "cooperation_value", "emotional_connection",
    ]
    assert all(len(d.items) == 3 for d in DEFAULT_TEMPLATE.dimensions)
    assert "product_service.response_speed" in DEFAULT_TEMPLATE.items
    assert DEFAULT_TEMPLATE.nps_question
    assert [q.id for q in DEFAULT_TEMPLATE.open_questions] == ["improvements"]
    validate(DEFAULT_TEMPLATE)


def test_default_weights_are_equal_for_every_tier():
    assert DEFAULT_TEMPLATE.weights_for("VIP") == dict.fromkeys(DEFAULT_TEMPLATE.dimension_keys, 0.25)


def test_a_template_survives_a_round_trip_through_storage():
    assert template_from_dict(template_to_dict(DEFAULT_TEMPLATE)) == DEFAULT_TEMPLATE


@pytest.mark.parametrize(("weights", "field"), [
    ({"VIP": {"a": 0.5, "b": 0.6}}, "tier_weights.VIP"),
    ({"VIP": {"a": 1.0}}, "tier_weights.VIP"),
    ({"Gold": {"a": 0.5, "b": 0.5}}, "tier_weights.Gold"),
])
def test_tier_weights_must_cover_every_dimension_and_sum_to_1(weights, field):
    raw = {"name": "t", "dimensions": [{"key": "a", "items": [{"text": "x"}]},
                                       {"key": "b", "items": [{"text": "y"}]}],
           "tier_weights": weights}
    with pytest.raises(TemplateError) as caught:
        validate(template_from_dict(raw))
    assert caught.value.errors[0][0] == field


def test_item_ids_must_be_unique_across_the_template():
    raw = {"name": "t", "dimensions": [{"key": "a", "items": [{"id": "same", "text": "x"}]},
                                       {"key": "b", "items": [{"id": "same", "text": "y"}]}]}
    with pytest.raises(TemplateError) as caught:
        validate(template_from_dict(raw))
    assert caught.value.errors == [("dimensions.1.items.0.id", "item id 'same' appears twice")]
