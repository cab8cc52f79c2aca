"""Calendar boundaries in the business time zone (docs/design.md §9): Asia/Shanghai by default
(UTC+8, no daylight saving), and a zone with daylight saving to show local midnights hold."""

from datetime import UTC, date, datetime, time

import pytest

from shared.business_time import (
    add_months,
    at_local,
    month_bounds,
    month_of,
    month_starts,
    parse_month,
    start_of_day,
    start_of_half_year,
    start_of_month,
    start_of_quarter,
    start_of_week,
    zone_named,
)

SHANGHAI = zone_named("Asia/Shanghai")
NEW_YORK = zone_named("America/New_York")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_a_moment_late_on_the_last_utc_day_of_a_month_is_already_the_next_month_in_shanghai():
    moment = utc(2026, 11, 30, 17, 0)  # 01:00 on December 1st in Shanghai
    assert month_of(moment, SHANGHAI) == "2026-12"
    assert start_of_month(moment, SHANGHAI) == utc(2026, 11, 30, 16, 0)
    assert start_of_day(moment, SHANGHAI) == utc(2026, 11, 30, 16, 0)


@pytest.mark.parametrize(("month", "start", "end"), [
    ("2026-01", utc(2025, 12, 31, 16), utc(2026, 1, 31, 16)),
    ("2026-02", utc(2026, 1, 31, 16), utc(2026, 2, 28, 16)),  # 28 days
    ("2028-02", utc(2028, 1, 31, 16), utc(2028, 2, 29, 16)),  # leap year: 29
    ("2026-12", utc(2026, 11, 30, 16), utc(2026, 12, 31, 16)),  # into the next year
])
def test_month_bounds_are_shanghai_midnights(month, start, end):
    assert month_bounds(month, SHANGHAI) == (start, end)


def test_weeks_start_on_monday_midnight_local():
    wednesday = utc(2026, 12, 2, 3, 0)  # Wednesday 11:00 in Shanghai
    assert start_of_week(wednesday, SHANGHAI) == utc(2026, 11, 29, 16, 0)  # Monday 30th 00:00
    sunday_night = utc(2026, 12, 6, 15, 59)  # Sunday 23:59 in Shanghai: still that week
    assert start_of_week(sunday_night, SHANGHAI) == utc(2026, 11, 29, 16, 0)


@pytest.mark.parametrize(("moment", "quarter", "half"), [
    (utc(2026, 2, 10), utc(2025, 12, 31, 16), utc(2025, 12, 31, 16)),
    (utc(2026, 5, 31, 20), utc(2026, 3, 31, 16), utc(2025, 12, 31, 16)),  # June 1st local: Q2
    (utc(2026, 9, 30, 15), utc(2026, 6, 30, 16), utc(2026, 6, 30, 16)),
    (utc(2026, 12, 31, 17), utc(2026, 12, 31, 16), utc(2026, 12, 31, 16)),  # already 2027 locally
])
def test_quarters_and_half_years(moment, quarter, half):
    assert start_of_quarter(moment, SHANGHAI) == quarter
    assert start_of_half_year(moment, SHANGHAI) == half


def test_months_later_and_earlier():
    moment = utc(2026, 11, 15)
    assert start_of_month(moment, SHANGHAI, 2) == utc(2026, 12, 31, 16)  # January 1st 2027
    assert start_of_month(moment, SHANGHAI, -11) == utc(2025, 11, 30, 16)
    assert start_of_quarter(moment, SHANGHAI, -1) == utc(2026, 6, 30, 16)


def test_adding_a_month_clamps_to_the_end_of_a_shorter_month():
    january_31 = at_local(date(2026, 1, 31), SHANGHAI, time(9, 30))
    assert add_months(january_31, 1, SHANGHAI) == at_local(date(2026, 2, 28), SHANGHAI, time(9, 30))
    assert add_months(january_31, 3, SHANGHAI) == at_local(date(2026, 4, 30), SHANGHAI, time(9, 30))


def test_month_starts_are_the_full_months_before_and_this_one():
    starts = month_starts(utc(2026, 6, 15), SHANGHAI, 3)
    assert [month_of(s, SHANGHAI) for s in starts] == ["2026-03", "2026-04", "2026-05", "2026-06"]


def test_local_midnights_follow_daylight_saving_in_another_zone():
    # New York: EST (UTC-5) until March 8th 2026, then EDT (UTC-4) until November 1st.
    assert month_bounds("2026-03", NEW_YORK) == (utc(2026, 3, 1, 5), utc(2026, 4, 1, 4))
    assert month_bounds("2026-11", NEW_YORK) == (utc(2026, 11, 1, 4), utc(2026, 12, 1, 5))
    assert start_of_day(utc(2026, 3, 9, 12), NEW_YORK) == utc(2026, 3, 9, 4)


def test_a_wall_time_skipped_by_daylight_saving_is_read_as_the_time_after_the_change():
    # 02:30 does not exist in New York on March 8th 2026: it is 03:30 EDT.
    assert at_local(date(2026, 3, 8), NEW_YORK, time(2, 30)) == utc(2026, 3, 8, 7, 30)
    # 01:30 happens twice on November 1st 2026: the first one (EDT).
    assert at_local(date(2026, 11, 1), NEW_YORK, time(1, 30)) == utc(2026, 11, 1, 5, 30)


@pytest.mark.parametrize("bad", ["2026-13", "2026-1", "26-01", "2026/01", "", "2026-01-01"])
def test_a_malformed_month_is_refused(bad):
    with pytest.raises(ValueError):
        parse_month(bad)


def test_an_unknown_zone_is_refused():
    with pytest.raises(ValueError):
        zone_named("Mars/Olympus_Mons")
