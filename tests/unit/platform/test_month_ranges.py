"""`from`/`to` month ranges of report parameters, in business months (docs/design.md §9)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from shared.errors import InvalidInput
from shared.months import month_range

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 31 Jan 2026 20:00 UTC is already February in Shanghai.
NOW = datetime(2026, 1, 31, 20, 0, tzinfo=UTC)


def test_a_range_crosses_the_year_and_its_bounds_are_local_midnights():
    months, start, end = month_range("2025-11", "2026-02", NOW, SHANGHAI)
    assert months == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert start == datetime(2025, 10, 31, 16, 0, tzinfo=UTC)  # 1 Nov 00:00 in Shanghai
    assert end == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)  # 1 Mar 00:00 in Shanghai


def test_the_default_is_the_last_months_up_to_the_business_month_of_now():
    months, _, _ = month_range(None, None, NOW, SHANGHAI)
    assert (months[0], months[-1], len(months)) == ("2025-03", "2026-02", 12)
    last_three, _, _ = month_range(None, "2026-02", NOW, SHANGHAI, default_months=3)
    assert last_three == ["2025-12", "2026-01", "2026-02"]


@pytest.mark.parametrize(("first", "last", "field"), [
    ("2025-13", None, "from"), (None, "2025-1", "to"), ("2026-02", "2026-01", "from"),
    ("2020-01", "2026-01", "from"),
])
def test_a_bad_range_names_the_parameter(first, last, field):
    with pytest.raises(InvalidInput) as caught:
        month_range(first, last, NOW, SHANGHAI)
    assert caught.value.field == field
