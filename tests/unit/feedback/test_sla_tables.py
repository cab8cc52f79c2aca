"""docs/design.md §5 SLA tables: every priority x tier cell, the stricter row winning, and the clock used."""

from datetime import UTC, datetime, timedelta

import pytest

from services.feedback.domain.calendar import BusinessCalendar, RoundTheClock
from services.feedback.domain.sla import (
    Deadlines,
    Level,
    Metric,
    Priority,
    SlaPolicy,
    Targets,
    Tier,
    applied_sla,
    clock_for,
    deadlines,
    is_stricter_tier,
    next_step_at,
    policy_from_document,
    policy_to_document,
    steps_due,
)

POLICY = SlaPolicy()

# (priority, tier) -> (first response hours, from, resolution hours, from), by hand from docs/design.md §5.
CELLS = {
    ("P1", "VIP"): (2, "priority", 4, "tier"),
    ("P1", "Key"): (2, "priority", 24, "priority"),
    ("P1", "Regular"): (2, "priority", 24, "priority"),
    ("P1", "Observation"): (2, "priority", 24, "priority"),
    ("P1", None): (2, "priority", 24, "priority"),
    ("P2", "VIP"): (2, "tier", 4, "tier"),
    ("P2", "Key"): (4, "priority", 24, "tier"),
    ("P2", "Regular"): (4, "priority", 48, "priority"),
    ("P2", "Observation"): (4, "priority", 48, "priority"),
    ("P2", None): (4, "priority", 48, "priority"),
    ("P3", "VIP"): (2, "tier", 4, "tier"),
    ("P3", "Key"): (8, "tier", 24, "tier"),
    ("P3", "Regular"): (12, "priority", 48, "tier"),
    ("P3", "Observation"): (12, "priority", 72, "priority"),
    ("P3", None): (12, "priority", 72, "priority"),
}


@pytest.mark.parametrize(("priority", "tier"), list(CELLS))
def test_target_is_the_stricter_of_priority_row_and_tier_row(priority, tier):
    fr_hours, fr_from, res_hours, res_from = CELLS[(priority, tier)]
    sla = applied_sla(Priority(priority), Tier(tier) if tier else None, POLICY)
    assert (sla.first_response.hours, sla.first_response.source) == (fr_hours, fr_from)
    assert (sla.resolution.hours, sla.resolution.source) == (res_hours, res_from)


@pytest.mark.parametrize(("priority", "tier"), list(CELLS))
def test_p1_and_vip_clocks_run_around_the_clock_others_on_business_hours(priority, tier):
    sla = applied_sla(Priority(priority), Tier(tier) if tier else None, POLICY)
    expected = priority == "P1" or tier == "VIP"
    assert sla.round_the_clock is expected
    assert isinstance(clock_for(sla, POLICY), RoundTheClock if expected else BusinessCalendar)


def test_vip_p3_resolution_is_capped_at_4_hours():
    assert applied_sla(Priority.P3, Tier.VIP, POLICY).resolution.hours == 4


def test_observation_has_no_resolution_cap_so_the_priority_row_applies():
    sla = applied_sla(Priority.P3, Tier.OBSERVATION, POLICY)
    assert sla.resolution.tier_hours is None
    assert sla.resolution.hours == 72


def test_ticket_explanation_names_the_rows_that_applied():
    explained = applied_sla(Priority.P2, Tier.KEY, POLICY).explain()
    assert explained["priority_row"] == "P2"
    assert explained["tier_row"] == "Key"
    assert explained["first_response"] == {"hours": 4, "from": "priority", "priority_hours": 4,
                                           "tier_hours": 8}
    assert explained["resolution"]["from"] == "tier"


def test_an_edited_policy_changes_the_targets():
    doc = policy_to_document(POLICY)
    doc["tier_caps"]["Key"]["first_response_hours"] = 1
    edited = policy_from_document(doc)
    assert applied_sla(Priority.P2, Tier.KEY, edited).first_response.hours == 1
    assert policy_from_document(policy_to_document(POLICY)) == POLICY


def test_a_policy_without_every_priority_row_is_refused():
    doc = policy_to_document(POLICY)
    del doc["priority_targets"]["P3"]
    with pytest.raises(ValueError, match="P3"):
        policy_from_document(doc)


def test_escalation_steps_at_80_percent_at_breach_and_half_a_target_later():
    start = datetime(2025, 11, 3, 1, 0, tzinfo=UTC)
    d = deadlines(start, 2, RoundTheClock(), POLICY)
    assert d.warning_at == start + timedelta(minutes=96)
    assert d.due_at == start + timedelta(hours=2)
    assert d.task_force_at == start + timedelta(hours=3)


def test_each_step_is_due_once_and_in_order():
    start = datetime(2025, 11, 3, 1, 0, tzinfo=UTC)
    d = deadlines(start, 2, RoundTheClock(), POLICY)
    assert steps_due(d, -1, start + timedelta(minutes=95)) == []
    assert steps_due(d, -1, start + timedelta(minutes=96)) == [Level.WARNING]
    assert steps_due(d, Level.WARNING, start + timedelta(hours=2)) == [Level.BREACH]
    assert steps_due(d, -1, start + timedelta(hours=5)) == [Level.WARNING, Level.BREACH, Level.TASK_FORCE]
    assert steps_due(d, Level.TASK_FORCE, start + timedelta(hours=50)) == []
    assert next_step_at(d, Level.BREACH) == d.task_force_at
    assert next_step_at(d, Level.TASK_FORCE) is None


def test_business_clock_escalation_counts_working_hours_only():
    # Friday 2025-11-14 16:00 Shanghai (08:00Z), P2 Regular: 4 working hours.
    start = datetime(2025, 11, 14, 8, 0, tzinfo=UTC)
    d = deadlines(start, 4, POLICY.calendar.business_calendar(), POLICY)
    assert d == Deadlines(
        warning_at=datetime(2025, 11, 17, 2, 12, tzinfo=UTC),  # 3.2 h: 2 h Friday, 1.2 h Monday
        due_at=datetime(2025, 11, 17, 3, 0, tzinfo=UTC),  # Monday 11:00 Shanghai
        task_force_at=datetime(2025, 11, 17, 5, 0, tzinfo=UTC),  # 2 working hours later
    )


@pytest.mark.parametrize(("new", "old", "stricter"), [
    ("VIP", "Key", True), ("Key", "Regular", True), ("Regular", "Observation", True),
    ("Key", None, True), ("Key", "VIP", False), ("Observation", "Regular", False), ("Key", "Key", False),
])
def test_only_a_move_up_the_tiers_is_stricter(new, old, stricter):
    assert is_stricter_tier(Tier(new), Tier(old) if old else None) is stricter


def test_targets_per_metric():
    assert Targets(2, 4).hours(Metric.FIRST_RESPONSE) == 2
    assert Targets(2, None).hours(Metric.RESOLUTION) is None


@pytest.mark.parametrize(("priority", "tier"), list(CELLS))
def test_the_next_reply_target_defaults_to_the_first_response_target_of_the_ticket(priority, tier):
    fr_hours, fr_from, _, _ = CELLS[(priority, tier)]
    sla = applied_sla(Priority(priority), Tier(tier) if tier else None, POLICY)
    assert (sla.next_reply.hours, sla.next_reply.source) == (fr_hours, fr_from)


def test_a_next_reply_target_of_its_own_is_data_and_the_stricter_row_still_wins():
    document = policy_to_document(POLICY)
    document["priority_targets"]["P2"]["next_reply_hours"] = 1
    document["tier_caps"]["Key"]["next_reply_hours"] = 0.5
    policy = policy_from_document(document)
    assert applied_sla(Priority.P2, None, policy).next_reply.hours == 1
    assert applied_sla(Priority.P2, Tier.KEY, policy).next_reply.hours == 0.5
    assert applied_sla(Priority.P2, Tier.REGULAR, policy).next_reply.hours == 1
    assert applied_sla(Priority.P2, Tier.REGULAR, policy).first_response.hours == 4
    assert policy_from_document(policy_to_document(policy)) == policy


def test_a_policy_document_from_before_next_replies_and_reopening_still_reads():
    document = policy_to_document(POLICY)
    for row in (*document["priority_targets"].values(), *document["tier_caps"].values()):
        row.pop("next_reply_hours")
    document.pop("reopening")
    assert policy_from_document(document) == POLICY


def test_a_policy_whose_task_force_falls_beyond_the_calendar_horizon_is_refused():
    document = policy_to_document(POLICY)
    document["priority_targets"]["P2"]["resolution_hours"] = 8760
    policy_from_document(document)  # a year of business hours, task force half a target later: fine
    document["escalation"]["task_force_after_ratio"] = 10
    with pytest.raises(ValueError, match=r"priority_targets\.P2\.resolution_hours"):
        policy_from_document(document)
    # Shorter working days shorten the horizon too.
    document = policy_to_document(POLICY)
    document["calendar"].update(work_start="09:00", work_end="09:30")
    document["tier_caps"]["Observation"]["first_response_hours"] = 2000
    with pytest.raises(ValueError, match=r"tier_caps\.Observation\.first_response_hours"):
        policy_from_document(document)
