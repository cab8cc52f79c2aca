"""The console's pure rules for the calendar's settings and the test clocks: a stored document as form
inputs and back, errors placed on their inputs, where "move forward" takes the clocks, the trend's
rows and the monthly report's SLA table (docs/design.md §9, §12, §13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.console import i18n
from services.console.domain import access, documents, forms
from services.console.domain.clocks import ClockStep, clock_target, furthest, step_target
from services.console.service.customers import trend_rows
from services.console.service.dashboard import sla_by_tier_and_priority
from shared.auth import Role
from shared.business_time import zone_named

SHANGHAI = zone_named("Asia/Shanghai")
SURVEY_SCHEDULE = {
    "version": 4, "created_by": "admin", "created_at": "2026-11-01T00:00:00Z",
    "cadence": {"VIP": None, "Key": None, "Regular": "quarterly", "Observation": None},
    "survey_id": "default", "reminder_after_days": [3, 7], "fatigue_days": 30, "coverage_target": 0.8,
    "verification_reminder_after_days": 2, "invitation_expires_in_days": 30,
}


def test_a_stored_survey_schedule_becomes_form_inputs_named_by_their_path():
    values = documents.form_values(documents.SURVEY_SCHEDULE, SURVEY_SCHEDULE)
    assert values["cadence.Regular"] == "quarterly" and values["cadence.VIP"] == ""
    assert values["reminder_after_days"] == "3, 7"
    assert values["coverage_target"] == "0.8" and values["verification_reminder_after_days"] == "2"


def test_the_form_goes_back_as_the_whole_document_with_whole_numbers_and_nones():
    form = {**documents.form_values(documents.SURVEY_SCHEDULE, SURVEY_SCHEDULE),
            "cadence.VIP": "half-yearly", "cadence.Regular": "", "reminder_after_days": "2;5",
            "verification_reminder_after_days": " ", "fatigue_days": "45.0"}
    document = documents.document_from_form(documents.SURVEY_SCHEDULE, SURVEY_SCHEDULE, form)
    assert document == {
        "cadence": {"VIP": "half-yearly", "Key": None, "Regular": None, "Observation": None},
        "survey_id": "default",  # not on the form: kept as stored
        "reminder_after_days": [2, 5], "fatigue_days": 45, "coverage_target": 0.8,
        "verification_reminder_after_days": None, "invitation_expires_in_days": 30,
    }
    assert isinstance(document["fatigue_days"], int)  # the services want whole numbers, not 45.0


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("fatigue_days", "a month", "is not a number"),
        ("fatigue_days", "2.5", "is not a whole number"),
        ("cadence.Key", "weekly", "is not one of monthly, quarterly, half-yearly, yearly"),
        ("reminder_after_days", "3, soon", "is not a number"),
    ],
)
def test_what_the_console_cannot_send_is_named_on_its_input(field, typed, said):
    form = {**documents.form_values(documents.SURVEY_SCHEDULE, SURVEY_SCHEDULE), field: typed}
    with pytest.raises(forms.FormError) as refused:
        documents.document_from_form(documents.SURVEY_SCHEDULE, SURVEY_SCHEDULE, form)
    assert refused.value.field == field and said in refused.value.message


def test_the_evaluation_policy_form_keeps_the_nested_review_intervals():
    stored = {"version": 2, "created_by": "admin", "created_at": "x",
              "review_interval_days": {"VIP": 91, "Key": 182, "Regular": 182, "Observation": 182},
              "high_value_share": 0.3, "loyalty_min_sub_score": 60.0, "loyalty_min_years": 1.0,
              "silence_days": 90, "spending_drop_ratio": 0.5, "spending_drop_months": 2,
              "spending_baseline_months": 3, "declining_months": 3, "override_validity_days": 180,
              "trend_flat_band": 1.0}
    form = {**documents.form_values(documents.EVALUATION_POLICY, stored), "review_interval_days.VIP": "60"}
    document = documents.document_from_form(documents.EVALUATION_POLICY, stored, form)
    assert document["review_interval_days"] == {"VIP": 60, "Key": 182, "Regular": 182, "Observation": 182}
    assert "version" not in document and document["high_value_share"] == 0.3


def test_an_api_error_on_a_list_item_lands_on_the_list_and_a_stale_version_on_the_form():
    fields = documents.SURVEY_SCHEDULE.field_names
    placed = forms.errors_for_fields(
        {"reminder_after_days[1]": "must be 1..60", "If-Match": "changed since you read it"}, fields)
    assert placed == {"reminder_after_days": "must be 1..60", "body": "changed since you read it"}


def test_a_settings_write_needs_the_version_its_form_was_read_at():
    assert forms.submitted_version({"if_match": ' "sla-policy.3" '}) == '"sla-policy.3"'
    with pytest.raises(forms.FormError) as refused:
        forms.submitted_version({"policy": "{}"})
    assert refused.value.field == "If-Match"


def test_every_input_of_the_calendars_settings_has_words_in_both_languages():
    for document in documents.DOCUMENTS.values():
        for key in (f"document.{document.key}", f"document.{document.key}.about",
                    *(f"document.{document.key}.{f.path}" for f in document.fields)):
            assert key in i18n.MESSAGES, key
    for step in ClockStep:
        assert f"operations.step.{step.value}" in i18n.MESSAGES


NOW = datetime(2026, 11, 20, 3, 30, tzinfo=UTC)  # 11:30 on 20 November in Shanghai


def test_next_month_is_the_2nd_at_10_after_the_month_end_jobs_of_the_1st():
    target = step_target(NOW, ClockStep.NEXT_MONTH, SHANGHAI)
    assert target.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2026-12-02 10:00"
    across_the_year = step_target(datetime(2026, 12, 31, 17, 0, tzinfo=UTC), ClockStep.NEXT_MONTH, SHANGHAI)
    assert across_the_year.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2027-02-02 10:00"


def test_steps_count_from_the_clock_furthest_ahead_so_none_goes_back():
    ahead = furthest([NOW, NOW + timedelta(hours=5), NOW - timedelta(days=1)])
    assert clock_target(ahead, SHANGHAI, step="day") == NOW + timedelta(days=1, hours=5)
    assert clock_target(ahead, SHANGHAI, step="hour") == NOW + timedelta(hours=6)


def test_a_typed_time_is_business_wall_time_and_must_lie_ahead():
    typed = clock_target(NOW, SHANGHAI, step="day", to="2026-12-01T09:00")
    assert typed == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # a typed time wins over the step
    for past, said in (("2026-11-20T11:00", "choose a later time"), ("tomorrow", "not a date and time")):
        with pytest.raises(forms.FormError) as refused:
            clock_target(NOW, SHANGHAI, to=past)
        assert refused.value.field == "to" and said in refused.value.message
    with pytest.raises(forms.FormError) as refused:
        clock_target(NOW, SHANGHAI, step="fortnight")
    assert refused.value.field == "step"


def test_the_trend_rows_say_what_the_score_was_and_how_far_it_moved():
    profile = {"score": {"value": 75.0}, "trend": {"m1": 72.4, "m3": 80.0, "m6": None, "m12": None,
                                                  "direction": "down"}}
    assert trend_rows(profile) == [("m1", 72.4, 2.6), ("m3", 80.0, -5.0), ("m6", None, None),
                                   ("m12", None, None)]
    assert trend_rows({"score": None, "trend": None})[0] == ("m1", None, None)


def test_the_reports_sla_table_lists_tiers_in_their_order_and_all_last():
    report = {"sla": {"by_tier_and_priority": {
        "all": {"P1": {}}, "unknown": {"P2": {}}, "Key": {"P1": {}}, "VIP": {"P3": {}}}}}
    assert [tier for tier, _ in sla_by_tier_and_priority(report)] == ["VIP", "Key", "unknown", "all"]
    assert sla_by_tier_and_priority({}) == []


def test_only_admins_open_the_operations_page_and_change_the_calendars_settings():
    assert access.Page.OPERATIONS in access.pages_for(frozenset({Role.ADMIN}))
    for role in (Role.MANAGER, Role.ANALYST, Role.AGENT, Role.ACCOUNT_MANAGER):
        assert access.Page.OPERATIONS not in access.pages_for(frozenset({role}))
    assert access.CALENDAR_EDITORS == frozenset({Role.ADMIN})


def test_the_launcher_tells_the_console_where_every_service_is_the_notification_service_included():
    from services.console.service.gateway import SERVICES
    from shared.launcher import available_services, console_environment

    ports = {name: 11301 + i for i, name in enumerate(available_services())}
    env = console_environment({}, ports)
    assert set(SERVICES) <= set(ports)
    assert env["CRM_NOTIFICATION_URL"] == f"http://127.0.0.1:{ports['notification']}"
    assert {f"CRM_{name.upper()}_URL" for name in SERVICES} <= set(env)
