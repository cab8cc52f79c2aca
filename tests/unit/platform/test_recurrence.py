"""When scheduled jobs fall due (docs/design.md §9), in the business time zone."""

from datetime import UTC, datetime, time

import pytest

from shared.business_time import zone_named
from shared.recurrence import Recurrence, TimesError

SHANGHAI = zone_named("Asia/Shanghai")
NEW_YORK = zone_named("America/New_York")
MONTHLY_AT_2 = Recurrence.monthly(time(2))


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_the_monthly_job_of_november_is_due_on_december_1st_at_2_in_shanghai():
    period = MONTHLY_AT_2.latest_due(utc(2026, 11, 30, 18, 0), SHANGHAI)  # Dec 1st 02:00 local
    assert (period.start, period.end) == (utc(2026, 10, 31, 16), utc(2026, 11, 30, 16))
    assert period.due_at == utc(2026, 11, 30, 18)


def test_before_2_on_the_1st_the_latest_due_is_still_the_month_before_last():
    period = MONTHLY_AT_2.latest_due(utc(2026, 11, 30, 17, 59), SHANGHAI)  # Dec 1st 01:59 local
    assert period.start == utc(2026, 9, 30, 16)  # October


def test_catching_up_after_downtime_lists_each_missed_month_oldest_first():
    last_run_for = utc(2026, 6, 30, 16)  # the job last ran for July
    missed = MONTHLY_AT_2.due_after(last_run_for, utc(2027, 1, 15), SHANGHAI, limit=24)
    months = [p.start.astimezone(SHANGHAI).strftime("%Y-%m") for p in missed]
    assert months == ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
    assert MONTHLY_AT_2.due_after(last_run_for, utc(2027, 1, 15), SHANGHAI, limit=2) == missed[-2:]
    assert MONTHLY_AT_2.due_after(missed[-1].start, utc(2027, 1, 15), SHANGHAI, limit=24) == []


def test_month_lengths_are_the_calendars():
    feb = MONTHLY_AT_2.period(utc(2028, 1, 31, 16), SHANGHAI)  # February 2028, a leap year
    assert (feb.end - feb.start).days == 29
    assert feb.due_at == utc(2028, 2, 29, 18)  # March 1st 02:00 local


def test_weekly_digest_is_due_monday_9_for_the_week_that_closed():
    weekly = Recurrence.weekly(0, time(9))
    wednesday = utc(2026, 12, 2, 4)  # Wednesday 12:00 local
    period = weekly.latest_due(wednesday, SHANGHAI)
    assert (period.start, period.end) == (utc(2026, 11, 22, 16), utc(2026, 11, 29, 16))
    assert period.due_at == utc(2026, 11, 30, 1)  # Monday 30th 09:00 local
    monday_8 = utc(2026, 11, 30, 0)
    assert weekly.latest_due(monday_8, SHANGHAI).end == utc(2026, 11, 22, 16)


def test_every_n_minutes_periods_are_aligned_and_due_as_they_close():
    every_10 = Recurrence.every_minutes(10)
    period = every_10.latest_due(utc(2026, 12, 2, 10, 37, 12), SHANGHAI)
    assert (period.start, period.end, period.due_at) == (
        utc(2026, 12, 2, 10, 20), utc(2026, 12, 2, 10, 30), utc(2026, 12, 2, 10, 30))
    # Three days down: only the newest `limit` periods are caught up, not four hundred.
    missed = every_10.due_after(utc(2026, 11, 29, 10, 20), utc(2026, 12, 2, 10, 37), SHANGHAI, limit=3)
    assert [p.start for p in missed] == [utc(2026, 12, 2, 10, 0), utc(2026, 12, 2, 10, 10),
                                         utc(2026, 12, 2, 10, 20)]


def test_quarterly_and_half_yearly_periods():
    quarter = Recurrence.quarterly(time(1)).latest_due(utc(2026, 7, 2), SHANGHAI)
    assert (quarter.start, quarter.end) == (utc(2026, 3, 31, 16), utc(2026, 6, 30, 16))
    half = Recurrence.half_yearly().latest_due(utc(2026, 7, 2), SHANGHAI)
    assert (half.start, half.end) == (utc(2025, 12, 31, 16), utc(2026, 6, 30, 16))


def test_next_due_is_the_period_after_the_last_run_or_the_latest_due_when_none_ran():
    now = utc(2026, 12, 15)
    assert MONTHLY_AT_2.next_due(None, now, SHANGHAI) == utc(2026, 11, 30, 18)  # due now
    november = utc(2026, 10, 31, 16)
    assert MONTHLY_AT_2.next_due(november, now, SHANGHAI) == utc(2026, 12, 31, 18)


def test_a_daily_job_across_daylight_saving_keeps_its_wall_time():
    daily = Recurrence.daily(time(2, 30))
    before = daily.latest_due(utc(2026, 3, 7, 12), NEW_YORK)  # for March 6th
    after = daily.latest_due(utc(2026, 3, 10, 12), NEW_YORK)  # for March 9th
    assert before.due_at == utc(2026, 3, 7, 7, 30)  # 02:30 EST
    assert after.due_at == utc(2026, 3, 10, 6, 30)  # 02:30 EDT
    assert (after.end - after.start).total_seconds() == 24 * 3600
    # The day of the change is 23 hours long; the 02:30 of the day it closes on exists again.
    change_day = daily.latest_due(utc(2026, 3, 9, 12), NEW_YORK)
    assert change_day.start == utc(2026, 3, 8, 5)
    assert (change_day.end - change_day.start).total_seconds() == 23 * 3600
    # On the day of the change itself 02:30 does not exist: the job of March 7th runs at 03:30 EDT.
    assert daily.latest_due(utc(2026, 3, 8, 12), NEW_YORK).due_at == utc(2026, 3, 8, 7, 30)


@pytest.mark.parametrize("minutes", [0, -5, 1441])
def test_an_every_n_minutes_rule_out_of_range_is_refused(minutes):
    with pytest.raises(ValueError):
        Recurrence.every_minutes(minutes)


def test_descriptions_name_the_zone():
    text = "monthly on the 1st at 02:00, for the month before (Asia/Shanghai)"
    assert MONTHLY_AT_2.describe(SHANGHAI) == text
    assert "Monday at 09:00" in Recurrence.weekly(0, time(9)).describe(SHANGHAI)


def test_a_monthly_job_moved_to_the_3rd_is_due_then_and_weekly_and_interval_jobs_take_their_own_times():
    moved = MONTHLY_AT_2.with_times({"at": "05:30", "day_of_month": 3})
    assert moved.times() == {"at": "05:30", "day_of_month": 3}
    # November closes on December 1st; its job is now due on the 3rd at 05:30 Shanghai time.
    assert moved.latest_due(utc(2026, 12, 2, 21, 29), SHANGHAI).start == utc(2026, 9, 30, 16)
    assert moved.latest_due(utc(2026, 12, 2, 21, 30), SHANGHAI).due_at == utc(2026, 12, 2, 21, 30)
    weekly = Recurrence.weekly(at=time(9)).with_times({"weekday": "friday"})
    assert weekly.times() == {"at": "09:00", "weekday": "Friday"}
    assert Recurrence.every_minutes(10).with_times({"every_minutes": 30}).times() == {"every_minutes": 30}


@pytest.mark.parametrize(("recurrence", "document", "field"), [
    (Recurrence.daily(), {"at": "24:00"}, "at"),
    (Recurrence.daily(), {"at": 9}, "at"),
    (Recurrence.daily(), {"weekday": "Monday"}, "weekday"),
    (Recurrence.weekly(), {"weekday": "Someday"}, "weekday"),
    (Recurrence.monthly(), {"day_of_month": 0}, "day_of_month"),
    (Recurrence.quarterly(), {"day_of_month": True}, "day_of_month"),
    (Recurrence.every_minutes(10), {"every_minutes": 1441}, "every_minutes"),
    (Recurrence.every_minutes(10), {"at": "02:00"}, "at"),
])
def test_a_time_out_of_range_or_not_of_the_jobs_kind_names_its_field(recurrence, document, field):
    with pytest.raises(TimesError) as refused:
        recurrence.with_times(document)
    assert refused.value.field == field


def test_a_weekly_job_moved_to_another_weekday_continues_after_its_last_week():
    monday = Recurrence.weekly(at=time(9))
    last = monday.latest_due(utc(2026, 11, 30, 2), SHANGHAI)  # Monday Nov 30th 10:00 local
    friday = monday.with_times({"weekday": "Friday"})
    due = friday.due_after(last.start, utc(2026, 12, 5, 2), SHANGHAI, limit=24)
    assert [p.start for p in due] == [utc(2026, 11, 26, 16)]  # the week from Friday Nov 27th
    assert due[0].due_at == utc(2026, 12, 4, 1)  # due Friday Dec 4th 09:00 local
