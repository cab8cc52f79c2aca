"""Business hours across weekends, Chinese public holidays and adjusted working days (调休)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from services.feedback.domain.calendar import BusinessCalendar, RoundTheClock
from services.feedback.domain.sla import resume_after_pause


def shanghai(*args) -> datetime:
    """A Shanghai wall-clock time as UTC (UTC+8, no daylight saving)."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=8)


CAL = BusinessCalendar()


def test_friday_afternoon_ticket_continues_on_monday_morning():
    assert CAL.add(shanghai(2025, 11, 14, 16, 0), timedelta(hours=4)) == shanghai(2025, 11, 17, 11, 0)


def test_a_ticket_opened_on_saturday_starts_counting_monday_at_nine():
    assert CAL.add(shanghai(2025, 11, 15, 10, 0), timedelta(hours=1)) == shanghai(2025, 11, 17, 10, 0)


def test_an_evening_ticket_starts_counting_next_morning():
    assert CAL.add(shanghai(2025, 11, 18, 20, 30), timedelta(hours=2)) == shanghai(2025, 11, 19, 11, 0)


def test_national_day_2025_is_skipped_and_the_adjusted_saturday_counts():
    # Tue 30 Sep 16:00: 2 h that day, 1-8 Oct off, then Thu 9, Fri 10, Sat 11 (调休 working day),
    # Sun 12 off, Mon 13, Tue 14, Wed 15.
    start = shanghai(2025, 9, 30, 16, 0)
    assert CAL.add(start, timedelta(hours=4)) == shanghai(2025, 10, 9, 11, 0)
    assert CAL.add(start, timedelta(hours=48)) == shanghai(2025, 10, 15, 10, 0)
    assert CAL.is_working_day(date(2025, 10, 11))  # a Saturday
    assert not CAL.is_working_day(date(2025, 10, 6))  # a Monday in the holiday


def test_the_sunday_before_national_day_2025_is_a_working_day():
    # Sat 27 Sep is off; Sun 28 Sep is an adjusted working day (调休).
    assert CAL.add(shanghai(2025, 9, 27, 10, 0), timedelta(hours=8)) == shanghai(2025, 9, 28, 17, 0)


def test_spring_festival_2026_with_both_adjusted_saturdays():
    # Fri 13 Feb 17:00: 1 h, Sat 14 Feb (调休) 9 h, 15-23 Feb off, 24-27 Feb 36 h, Sat 28 Feb (调休).
    start = shanghai(2026, 2, 13, 17, 0)
    assert CAL.add(start, timedelta(hours=4)) == shanghai(2026, 2, 14, 12, 0)
    assert CAL.add(start, timedelta(hours=48)) == shanghai(2026, 2, 28, 11, 0)
    assert CAL.fallback_years == set()


def test_elapsed_counts_only_working_time_across_the_holiday():
    assert CAL.elapsed(shanghai(2025, 9, 30, 16, 0), shanghai(2025, 10, 9, 11, 0)) == timedelta(hours=4)
    assert CAL.elapsed(shanghai(2025, 10, 9, 11, 0), shanghai(2025, 9, 30, 16, 0)) == timedelta(0)


def test_a_year_the_library_does_not_know_falls_back_to_weekends_with_a_warning():
    calendar = BusinessCalendar()
    # Tue 1 Jan 2099: unknown to the library, so it counts as an ordinary Tuesday.
    due = calendar.add(shanghai(2099, 1, 1, 9, 0), timedelta(hours=2))
    assert due == shanghai(2099, 1, 1, 11, 0)
    assert calendar.fallback_years == {2099}
    # Sat 3 and Sun 4 Jan 2099 are still weekend days.
    assert calendar.add(shanghai(2099, 1, 2, 17, 0), timedelta(hours=2)) == shanghai(2099, 1, 5, 10, 0)


def test_configured_holidays_and_working_days_override_the_library():
    calendar = BusinessCalendar(holidays=frozenset({date(2099, 1, 1)}),
                                workdays=frozenset({date(2025, 11, 15)}))
    assert calendar.add(shanghai(2099, 1, 1, 9, 0), timedelta(hours=1)) == shanghai(2099, 1, 2, 10, 0)
    assert calendar.add(shanghai(2025, 11, 14, 17, 0), timedelta(hours=2)) == shanghai(2025, 11, 15, 10, 0)


def test_a_calendar_with_end_before_start_is_refused():
    from datetime import time

    with pytest.raises(ValueError, match="work_end"):
        BusinessCalendar(work_start=time(18), work_end=time(9))


def test_pause_on_business_hours_moves_the_due_time_by_the_working_time_left():
    # Due Mon 17 Nov 11:00; paused Fri 14 Nov 17:00 with 3 working hours left (1 h Fri, 2 h Mon),
    # resumed Tue 18 Nov 15:00: those 3 hours run until Tue 18:00.
    due = shanghai(2025, 11, 17, 11, 0)
    new_due = resume_after_pause(due, shanghai(2025, 11, 14, 17, 0), shanghai(2025, 11, 18, 15, 0), CAL)
    assert new_due == shanghai(2025, 11, 18, 18, 0)


def test_pause_on_a_24x7_clock_adds_the_wall_time_paused():
    start = datetime(2025, 11, 3, 0, 0, tzinfo=UTC)
    due = start + timedelta(hours=24)
    paused, resumed = start + timedelta(hours=5), start + timedelta(hours=12)
    assert resume_after_pause(due, paused, resumed, RoundTheClock()) == due + timedelta(hours=7)


def test_a_deadline_already_passed_when_paused_stays_breached():
    due = datetime(2025, 11, 3, 2, 0, tzinfo=UTC)
    later = due + timedelta(hours=1)
    assert resume_after_pause(due, later, later + timedelta(hours=5), RoundTheClock()) == due
