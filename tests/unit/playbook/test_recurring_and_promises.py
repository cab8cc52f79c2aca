"""Recurring care and promises beat caps (docs/design.md §9), as pure rules."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.playbook.domain.caps import ContactClass, ContactPolicy, CountedContact, make_room_for_promise
from services.playbook.domain.default_rules import DEFAULT_RULE_SET
from services.playbook.domain.recurring import (
    calendar_period,
    cancellation_reason,
    next_plan_at,
    recurring_key,
    recurring_plan,
)
from services.playbook.domain.rules import RuleError, parse_rule_set

SHANGHAI = ZoneInfo("Asia/Shanghai")
RULES = parse_rule_set(DEFAULT_RULE_SET)
NOW = datetime(2026, 11, 10, 2, tzinfo=UTC)


@pytest.mark.parametrize(("cadence", "key", "start"), [
    ("monthly", "2026-11", datetime(2026, 10, 31, 16, tzinfo=UTC)),
    ("quarterly", "2026-Q4", datetime(2026, 9, 30, 16, tzinfo=UTC)),
    ("half-yearly", "2026-H2", datetime(2026, 6, 30, 16, tzinfo=UTC)),
    ("yearly", "2026", datetime(2025, 12, 31, 16, tzinfo=UTC)),
])
def test_periods_follow_the_business_calendar(cadence, key, start):
    period = calendar_period(cadence, NOW, SHANGHAI)
    assert (period.key, period.start) == (key, start)
    assert calendar_period(cadence, NOW, SHANGHAI, later=1).start == period.end


def test_a_key_customer_gets_a_monthly_service_review_due_two_weeks_into_the_month():
    plan = {p.template.kind: p for p in recurring_plan(RULES, {"tier": "Key", "quadrant": "basic"},
                                                       NOW, SHANGHAI)}
    assert set(plan) == {"service-review", "training", "care-email", "standard-training"}
    review = plan["service-review"]
    assert review.period.key == "2026-11" and review.rule.id == "tier-key"
    assert review.due_at == NOW + timedelta(days=14)  # entered mid-month: from now
    assert review.next_due_at == datetime(2026, 11, 30, 16, tzinfo=UTC) + timedelta(days=14)


def test_a_core_vip_gets_one_executive_visit_a_quarter_though_two_rules_plan_it():
    plan = recurring_plan(RULES, {"tier": "VIP", "quadrant": "core"}, NOW, SHANGHAI)
    kinds = [p.template.kind for p in plan]
    assert sorted(kinds) == ["custom-report", "dedicated-account-manager", "early-access",
                             "executive-visit", "priority-channel"]
    assert next(p for p in plan if p.template.kind == "executive-visit").rule.id == "quadrant-core"


def test_the_key_of_a_recurring_action_is_the_same_for_the_same_customer_rule_kind_and_period():
    assert recurring_key("c1", "tier-key", "service-review", "2026-11") == \
        recurring_key("c1", "tier-key", "service-review", "2026-11")
    assert recurring_key("c1", "tier-key", "service-review", "2026-12") != \
        recurring_key("c1", "tier-key", "service-review", "2026-11")


def test_the_plan_is_looked_at_again_when_the_shortest_cadence_starts_a_new_period():
    assert next_plan_at(RULES, NOW, SHANGHAI) == datetime(2026, 11, 30, 16, tzinfo=UTC)


def test_a_cancelled_recurring_action_says_why():
    rule = next(r for r in RULES if r.id == "tier-key")
    reason = cancellation_reason(rule, rule.id, {"tier": "Regular", "quadrant": "basic"})
    assert "tier-key" in reason and "tier Regular" in reason and "['Key']" in reason
    assert "removed" in cancellation_reason(None, "gone", {"tier": "VIP"})


def test_an_action_the_edited_rule_no_longer_plans_says_so():
    regular = next(r for r in RULES if r.id == "tier-regular")
    reason = cancellation_reason(regular, regular.id, {"tier": "Regular", "quadrant": "basic"},
                                 "satisfaction-survey")
    assert reason == "no longer applies: rule tier-regular no longer plans satisfaction-survey"


def test_the_default_rules_plan_no_periodic_survey_the_survey_service_invites_by_schedule():
    """docs/design.md §9: each tier's periodic survey is the survey service's scheduled invitation;
    a recurring survey action here would invite the same customers a second time."""
    for tier in ("VIP", "Key", "Regular", "Observation"):
        for quadrant in ("core", "potential", "basic", "to-optimize"):
            plan = recurring_plan(RULES, {"tier": tier, "quadrant": quadrant}, NOW, SHANGHAI)
            assert [p.template.kind for p in plan if p.template.channel == "survey"] == [], (tier, quadrant)
    regular = recurring_plan(RULES, {"tier": "Regular", "quadrant": None}, NOW, SHANGHAI)
    assert [p.template.kind for p in regular] == ["standard-training"]


@pytest.mark.parametrize(("change", "field"), [
    ({"cadence": "weekly"}, "rules[0].cadence"),
    ({"cadence": "monthly", "trigger": "satisfaction-scored", "conditions": {}}, "rules[0].cadence"),
    ({"cadence": "monthly", "conditions": {"score": {"min": 50}}}, "rules[0].conditions.score"),
])
def test_a_cadence_out_of_range_or_on_an_event_rule_names_the_field(change, field):
    rule = {"id": "r1", "trigger": "score-updated", "conditions": {"tier": ["Key"]},
            "actions": [{"kind": "call", "channel": "phone", "owner_role": "account_manager",
                         "due_offset_hours": 24}], **change}
    with pytest.raises(RuleError) as refused:
        parse_rule_set({"rules": [rule]})
    assert refused.value.field == field


def test_the_promised_actions_are_the_follow_up_the_remediation_and_retention():
    promised = {a.kind for r in RULES for a in r.actions if a.bypass_caps}
    assert promised == {"follow-up", "remediation-plan", "retention"}


def _contact(action_id: str, days_ago: float, movable: bool = True) -> CountedContact:
    return CountedContact(action_id, NOW - timedelta(days=days_ago), movable)


def test_a_promise_over_the_cap_moves_the_newest_deferrable_contact():
    policy = ContactPolicy()  # high value: 2 deep contacts in 30 days
    counted = [_contact("visit", 20), _contact("review", 5), _contact("follow-up", 0, movable=False)]
    [(moved, deferral)] = make_room_for_promise(policy, ContactClass.HIGH_VALUE, counted, "follow-up", NOW)
    assert moved == "review"
    assert deferral.rule == "cap-promise"
    assert "a promised follow-up (never deferred) took this place" in deferral.reason
    assert deferral.may_proceed_at == NOW - timedelta(days=20) + timedelta(days=30)  # the visit leaves


def test_done_contacts_and_other_promises_never_move():
    policy = ContactPolicy()
    counted = [_contact("done", 3, movable=False), _contact("retention", 2, movable=False),
               _contact("follow-up", 0, movable=False)]
    assert make_room_for_promise(policy, ContactClass.HIGH_VALUE, counted, "follow-up", NOW) == []


def test_a_promise_within_the_cap_moves_nothing():
    counted = [_contact("visit", 3), _contact("follow-up", 0, movable=False)]
    assert make_room_for_promise(ContactPolicy(), ContactClass.HIGH_VALUE, counted, "follow-up", NOW) == []
