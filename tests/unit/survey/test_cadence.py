"""Surveys on cadence (docs/design.md §9): periods in business time, reminders, fatigue, coverage."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.survey.domain.cadence import (
    Cadence,
    ScheduleError,
    SurveySchedule,
    coverage_of,
    fatigue_block,
    parse_period,
    period_containing,
    reminder_due,
    schedule_from_document,
    schedule_to_document,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 10, 1, 2, 0, tzinfo=UTC)


def test_regular_customers_are_surveyed_quarterly_by_default_and_no_other_tier_is():
    assert SurveySchedule().tiers_on_cadence() == {"Regular": Cadence.QUARTERLY}


@pytest.mark.parametrize(("cadence", "moment", "key", "start", "end"), [
    # 1 Oct 00:30 in Shanghai is still 30 Sep in UTC: the quarter follows business time.
    (Cadence.QUARTERLY, datetime(2026, 9, 30, 16, 30, tzinfo=UTC), "2026-Q4",
     datetime(2026, 9, 30, 16, tzinfo=UTC), datetime(2026, 12, 31, 16, tzinfo=UTC)),
    (Cadence.QUARTERLY, datetime(2026, 9, 30, 15, 59, tzinfo=UTC), "2026-Q3",
     datetime(2026, 6, 30, 16, tzinfo=UTC), datetime(2026, 9, 30, 16, tzinfo=UTC)),
    (Cadence.MONTHLY, datetime(2026, 12, 31, 17, tzinfo=UTC), "2027-01",
     datetime(2026, 12, 31, 16, tzinfo=UTC), datetime(2027, 1, 31, 16, tzinfo=UTC)),
    (Cadence.HALF_YEARLY, datetime(2026, 8, 1, tzinfo=UTC), "2026-H2",
     datetime(2026, 6, 30, 16, tzinfo=UTC), datetime(2026, 12, 31, 16, tzinfo=UTC)),
    (Cadence.YEARLY, datetime(2026, 8, 1, tzinfo=UTC), "2026",
     datetime(2025, 12, 31, 16, tzinfo=UTC), datetime(2026, 12, 31, 16, tzinfo=UTC)),
])
def test_a_period_is_a_calendar_period_of_the_business_time_zone(cadence, moment, key, start, end):
    period = period_containing(cadence, moment, SHANGHAI)
    assert (period.key, period.start, period.end) == (key, start, end)
    assert period.contains(moment)
    assert parse_period(key, SHANGHAI) == period


@pytest.mark.parametrize("key", ["2026-13", "2026-Q5", "2026-H3", "26-Q1", "", "2026-q1"])
def test_a_period_key_outside_the_four_forms_is_refused(key):
    with pytest.raises(ValueError):
        parse_period(key, SHANGHAI)


def test_no_second_survey_invitation_within_30_days():
    assert fatigue_block(None, T0, 30) is None
    assert fatigue_block(T0, T0 + timedelta(days=29), 30) == T0 + timedelta(days=30)
    assert fatigue_block(T0, T0 + timedelta(days=30), 30) is None
    assert fatigue_block(T0, T0 + timedelta(days=1), 0) is None


def test_non_respondents_are_reminded_after_3_and_then_7_days():
    days = (3, 7)
    assert reminder_due(T0, 0, None, days, T0 + timedelta(days=2, hours=23)) is None
    assert reminder_due(T0, 0, None, days, T0 + timedelta(days=3)) == 1
    reminded = T0 + timedelta(days=3)
    assert reminder_due(T0, 1, reminded, days, T0 + timedelta(days=6)) is None
    assert reminder_due(T0, 1, reminded, days, T0 + timedelta(days=7)) == 2
    assert reminder_due(T0, 2, T0 + timedelta(days=7), days, T0 + timedelta(days=30)) is None


def test_after_downtime_the_reminders_are_spaced_not_sent_together():
    days = (3, 7)
    late = T0 + timedelta(days=10)
    assert reminder_due(T0, 0, None, days, late) == 1
    # The second waits the 4 days the schedule puts between the two.
    assert reminder_due(T0, 1, late, days, late + timedelta(days=3)) is None
    assert reminder_due(T0, 1, late, days, late + timedelta(days=4)) == 2


def test_coverage_is_the_share_of_targets_invited_and_the_target_is_80_percent():
    assert coverage_of(10, 8, 4, 0.8).met is True
    partial = coverage_of(10, 7, 0, 0.8)
    assert (partial.coverage, partial.met, partial.response_rate) == (0.7, False, 0.0)
    empty = coverage_of(0, 0, 0, 0.8)
    assert (empty.coverage, empty.met, empty.response_rate) == (None, None, None)


def test_the_default_schedule_round_trips_through_its_document():
    assert schedule_from_document(schedule_to_document(SurveySchedule())) == SurveySchedule()


@pytest.mark.parametrize(("change", "field"), [
    ({"cadence": {"Regular": "weekly"}}, "cadence.Regular"),
    ({"cadence": {"Gold": "monthly"}}, "cadence.Gold"),
    ({"cadence": {"Regular": ["quarterly"]}}, "cadence.Regular"),
    ({"cadence": "quarterly"}, "cadence"),
    ({"reminder_after_days": [3, 7, 10]}, "reminder_after_days"),
    ({"reminder_after_days": [7, 3]}, "reminder_after_days[1]"),
    ({"reminder_after_days": [0]}, "reminder_after_days[0]"),
    ({"fatigue_days": -1}, "fatigue_days"),
    ({"fatigue_days": 30.5}, "fatigue_days"),
    ({"coverage_target": 1.5}, "coverage_target"),
    ({"verification_reminder_after_days": 0}, "verification_reminder_after_days"),
    ({"invitation_expires_in_days": 5}, "reminder_after_days"),
    ({"colour": "blue"}, "colour"),
])
def test_a_schedule_out_of_range_names_the_field(change, field):
    document = {**schedule_to_document(SurveySchedule()), **change}
    with pytest.raises(ScheduleError) as refused:
        schedule_from_document(document)
    assert refused.value.field == field


def test_an_admin_may_set_a_cadence_for_every_tier_and_turn_reminders_off():
    schedule = schedule_from_document({"cadence": {"VIP": "monthly", "Key": "half-yearly",
                                                   "Observation": "yearly"},
                                       "reminder_after_days": [], "verification_reminder_after_days": None})
    assert schedule.tiers_on_cadence() == {"VIP": Cadence.MONTHLY, "Key": Cadence.HALF_YEARLY,
                                           "Observation": Cadence.YEARLY}
    assert schedule.reminder_after_days == ()
    assert reminder_due(T0, 0, None, schedule.reminder_after_days, T0 + timedelta(days=60)) is None
