"""Contact caps by value class and the 3-unopened channel pause (docs/design.md §6)."""

from datetime import UTC, datetime, timedelta

import pytest

from services.playbook.domain.caps import (
    ContactClass,
    ContactPolicy,
    CustomerFacts,
    PolicyError,
    cap_deferral,
    channel_pause,
    contact_class,
    policy_from_document,
    policy_to_document,
)

NOW = datetime(2026, 3, 15, 12, tzinfo=UTC)
POLICY = ContactPolicy()


def days_ago(n: float) -> datetime:
    return NOW - timedelta(days=n)


@pytest.mark.parametrize(("facts", "expected"), [
    (CustomerFacts(tier="VIP", quadrant="basic", last_order_at=days_ago(10), known=True), "high_value"),
    (CustomerFacts(tier="Regular", quadrant="potential", last_order_at=days_ago(10), known=True),
     "high_value"),
    (CustomerFacts(tier="Regular", quadrant="basic", last_order_at=days_ago(10), known=True), "standard"),
    (CustomerFacts(tier="VIP", quadrant="core", last_order_at=days_ago(181), known=True), "dormant"),
    (CustomerFacts(tier="Observation", last_order_at=None, known=True), "dormant"),
    (CustomerFacts(), "standard"),
])
def test_contact_class_by_value_and_dormancy(facts, expected):
    assert contact_class(POLICY, facts, NOW).value == expected


def test_high_value_customers_get_two_deep_contacts_a_month():
    assert cap_deferral(POLICY, ContactClass.HIGH_VALUE, [days_ago(20)], NOW) is None
    deferral = cap_deferral(POLICY, ContactClass.HIGH_VALUE, [days_ago(20), days_ago(5)], NOW)
    assert deferral is not None and "at most 2" in deferral.reason
    assert deferral.may_proceed_at == days_ago(20) + timedelta(days=30)


def test_contacts_outside_the_window_do_not_count():
    assert cap_deferral(POLICY, ContactClass.HIGH_VALUE, [days_ago(40), days_ago(35)], NOW) is None


def test_others_get_two_a_quarter_and_dormant_one_a_half_year():
    assert cap_deferral(POLICY, ContactClass.STANDARD, [days_ago(80), days_ago(10)], NOW) is not None
    deferral = cap_deferral(POLICY, ContactClass.DORMANT, [days_ago(100)], NOW)
    assert deferral is not None and deferral.may_proceed_at == days_ago(100) + timedelta(days=182)


def test_the_date_it_may_go_ahead_is_when_enough_contacts_left_the_window():
    times = [days_ago(25), days_ago(20), days_ago(3)]  # already over the cap of 2
    deferral = cap_deferral(POLICY, ContactClass.HIGH_VALUE, times, NOW)
    assert deferral.may_proceed_at == days_ago(20) + timedelta(days=30)


def test_three_unopened_messages_pause_the_channel():
    outcomes = [(days_ago(1), False), (days_ago(2), False), (days_ago(3), False)]
    pause = channel_pause(POLICY, "email", outcomes, NOW)
    assert pause is not None and pause.may_proceed_at == days_ago(1) + timedelta(days=30)


@pytest.mark.parametrize("outcomes", [
    [(days_ago(1), False), (days_ago(2), False)],
    [(days_ago(1), False), (days_ago(2), True), (days_ago(3), False)],
    [(days_ago(31), False), (days_ago(32), False), (days_ago(33), False)],
])
def test_an_opened_message_or_an_old_pause_leaves_the_channel_open(outcomes):
    assert channel_pause(POLICY, "email", outcomes, NOW) is None


def test_the_policy_round_trips_and_names_a_bad_field():
    assert policy_from_document(policy_to_document(POLICY)) == POLICY
    document = policy_to_document(POLICY)
    document["caps"]["high_value"]["max_contacts"] = 0
    with pytest.raises(PolicyError) as error:
        policy_from_document(document)
    assert error.value.field == "caps.high_value.max_contacts"
    with pytest.raises(PolicyError) as error:
        policy_from_document({**policy_to_document(POLICY), "high_value_tiers": ["Gold"]})
    assert error.value.field == "high_value_tiers"
