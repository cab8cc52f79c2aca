"""Rules moved out of the planning, worker, case and report use cases (docs/design.md §6)."""

from datetime import UTC, datetime, timedelta

import pytest

from services.playbook.domain.actions import Firing, Trigger, new_action, survey_retry_delay
from services.playbook.domain.caps import Deferral
from services.playbook.domain.effect import metric_change
from services.playbook.domain.experiments import CONTROL, Exposure, arm_outcomes, report_arms
from services.playbook.domain.rules import ActionTemplate, Rule

AT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TRIGGER = Trigger("evt-1", "satisfaction-scored", AT)
FOLLOW_UP = ActionTemplate(kind="follow-up", channel="phone", owner_role="account_manager",
                           due_offset_hours=168, title="Follow up within a week", deep_contact=True)
RULE = Rule("neutral-follow-up", "satisfaction-scored", (), (FOLLOW_UP,), name="Neutral: follow up")
FIRING = Firing(RULE, 3, {"level": "neutral"})


def test_a_neutral_answer_makes_a_follow_up_for_the_account_owner_due_in_a_week():
    action = new_action("a-1", "c-1", "am-li", TRIGGER, FIRING, FOLLOW_UP, None, {"class": "standard"})
    assert action["status"] == "pending"
    assert (action["owner"], action["owner_role"]) == ("am-li", "account_manager")
    assert action["due_at"] == AT + timedelta(days=7)
    assert action["contact_at"] == AT
    assert (action["rule_id"], action["rule_version"], action["trigger_event_id"]) == ("neutral-follow-up", 3,
                                                                                       "evt-1")
    explanation = action["explanation"]
    assert explanation["rule"] == {"id": "neutral-follow-up", "name": "Neutral: follow up", "version": 3}
    assert explanation["trigger"] == {"event_id": "evt-1", "event_type": "satisfaction-scored",
                                      "time": "2026-03-02T08:00:00Z"}
    assert explanation["matched_conditions"] == {"level": "neutral"}
    assert explanation["deferral"] is None and explanation["experiment"] is None
    assert action["survey_state"] is None


def test_a_capped_action_is_deferred_and_due_its_offset_after_it_may_go_ahead():
    later = AT + timedelta(days=12)
    deferral = Deferral("2 deep contacts in 30 days already", later, "cap")
    action = new_action("a-2", "c-1", "am-li", TRIGGER, FIRING, FOLLOW_UP, deferral, {"class": "high_value"})
    assert action["status"] == "deferred"
    assert action["due_at"] == later + timedelta(days=7)
    assert action["contact_at"] is None
    assert (action["deferred_reason"], action["may_proceed_at"]) == (deferral.reason, later)
    assert action["explanation"]["deferral"] == {"rule": "cap", "reason": deferral.reason,
                                                 "may_proceed_at": "2026-03-14T08:00:00Z"}


def test_a_task_force_action_goes_to_the_role_and_a_survey_action_waits_for_its_invitation():
    remedy = ActionTemplate(kind="remediation-plan", channel="survey", owner_role="task_force",
                            due_offset_hours=48, bypass_caps=True)
    firing = Firing(RULE, 1, {}, experiment_id="exp-1", variant="call-first")
    action = new_action("a-3", "c-1", "am-li", TRIGGER, firing, remedy, None, {"bypass_caps": True})
    assert action["owner"] == "task_force"
    assert action["due_at"] == AT + timedelta(hours=48)
    assert (action["survey_state"], action["survey_next_attempt_at"]) == ("pending", AT)
    assert action["explanation"]["experiment"] == {"id": "exp-1", "variant": "call-first"}


def test_without_a_known_owner_an_account_manager_action_goes_to_the_role():
    action = new_action("a-4", "c-1", None, TRIGGER, FIRING, FOLLOW_UP, None, {})
    assert action["owner"] == "account_manager"


@pytest.mark.parametrize(("attempts", "seconds"),
                         [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (20, 3600)])
def test_survey_invitations_are_retried_with_a_doubling_delay_of_at_most_an_hour(attempts, seconds):
    assert survey_retry_delay(attempts, 30) == seconds


def test_a_case_metric_change_from_the_seed_nps_minus_10_to_plus_40():
    assert metric_change(-10, 40) == (50, 500.0)
    assert metric_change(100, 130) == (30, 30.0)  # renewals +30%
    assert metric_change(0, 2) == (2, None)  # no percentage from a zero base


def test_report_arms_are_control_then_the_rule_variants_then_arms_only_assignments_name():
    assert report_arms(["call-first", "email-first"], ["email-first", "old-arm", CONTROL]) == [
        CONTROL, "call-first", "email-first", "old-arm"]
    assert report_arms(None, ["b", "a"]) == ["a", "b"]


def test_arm_outcomes_count_win_backs_within_30_days_and_the_changes_after_assignment():
    start = AT
    exposures = [Exposure("c1", "call-first", start), Exposure("c2", "call-first", start),
                 Exposure("c3", CONTROL, start)]
    orders = {"c1": [start + timedelta(days=10)], "c2": [start + timedelta(days=40)],
              "c3": [start - timedelta(days=1)]}
    satisfaction = {"c1": [(start - timedelta(days=5), 2.0), (start + timedelta(days=20), 4.0),
                           (start + timedelta(days=50), 5.0)]}
    spend = {"c1": [(start, 100_000.0), (start + timedelta(days=60), 130_000.0),
                    (start + timedelta(days=120), 999_999.0)]}
    control, call_first = arm_outcomes([CONTROL, "call-first"], exposures, orders, satisfaction, spend)
    assert (control.arm, control.customers, control.win_back_30d.value) == (CONTROL, 1, 0.0)
    assert (call_first.customers, call_first.win_back_30d.value, call_first.win_back_30d.n) == (2, 0.5, 2)
    # First answer after minus last before; spend at the last score within 90 days minus at assignment.
    assert call_first.satisfaction_change.value == 2.0 and call_first.satisfaction_change.n == 1
    assert call_first.spend_change_3m.value == 30_000.0
    assert control.satisfaction_change.n == 0 and control.satisfaction_change.value is None
