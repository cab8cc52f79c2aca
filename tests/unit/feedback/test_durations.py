"""Requester wait and agent work time (Zendesk's definitions) accumulated per status."""

from datetime import UTC, datetime, timedelta

import pytest

from services.feedback.domain.calendar import BusinessCalendar, RoundTheClock
from services.feedback.domain.durations import Durations, accrue
from services.feedback.domain.lifecycle import Status

H = timedelta(hours=1)
MONDAY_9_SHANGHAI = datetime(2025, 11, 17, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(("status", "waits", "works"), [
    (Status.NEW, 1, 1), (Status.ASSIGNED, 1, 1), (Status.IN_PROGRESS, 1, 1), (Status.REOPENED, 1, 1),
    (Status.ON_HOLD, 1, 0),  # a third party works on it: the customer waits, the team does not
    (Status.PENDING_CUSTOMER, 0, 0), (Status.RESOLVED, 0, 0), (Status.CLOSED, 0, 0),
])
def test_which_statuses_count_as_waiting_and_as_work(status, waits, works):
    totals = accrue(Durations(), status, MONDAY_9_SHANGHAI, MONDAY_9_SHANGHAI + 2 * H, RoundTheClock())
    assert totals.requester_wait == waits * 7200 and totals.agent_work == works * 7200


def test_business_time_counts_only_working_hours_of_the_ticket_calendar():
    evening = MONDAY_9_SHANGHAI + 8 * H  # 17:00 Shanghai
    totals = accrue(Durations(), Status.IN_PROGRESS, evening, evening + 17 * H, BusinessCalendar())
    assert totals.requester_wait == 17 * 3600
    assert totals.requester_wait_business == 2 * 3600  # 17:00-18:00 and 09:00-10:00 next day


def test_time_adds_up_over_status_changes():
    clock = RoundTheClock()
    t = MONDAY_9_SHANGHAI
    totals = accrue(Durations(), Status.NEW, t, t + H, clock)
    totals = accrue(totals, Status.PENDING_CUSTOMER, t + H, t + 5 * H, clock)
    totals = accrue(totals, Status.ON_HOLD, t + 5 * H, t + 7 * H, clock)
    assert (totals.requester_wait, totals.agent_work) == (3 * 3600, 3600)
