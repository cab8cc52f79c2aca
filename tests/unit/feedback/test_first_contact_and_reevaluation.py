"""Rules moved out of the ticket use cases: first-contact resolution, and a re-evaluated clock that
only ever moves forward when the customer's tier becomes stricter (docs/design.md §5)."""

from datetime import UTC, datetime, timedelta

import pytest

from services.feedback.domain.calendar import RoundTheClock
from services.feedback.domain.lifecycle import first_contact_resolution
from services.feedback.domain.sla import Metric, Priority, SlaPolicy, Tier, applied_sla, deadlines

OPENED = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(("reopens", "replies", "waited", "first_contact"), [
    (0, 1, False, True),   # one reply solved it
    (0, 0, False, True),   # solved without a reply
    (0, 2, False, False),  # it took a second reply
    (0, 1, True, False),   # the agent had to wait for the customer
    (1, 1, False, False),  # the customer said it was not solved
])
def test_first_contact_resolution(reopens, replies, waited, first_contact):
    assert first_contact_resolution(reopens, replies, waited) is first_contact


def test_a_p2_ticket_whose_customer_becomes_vip_gets_the_earlier_of_both_deadlines():
    policy, clock = SlaPolicy(), RoundTheClock()
    regular = applied_sla(Priority.P2, Tier.REGULAR, policy)
    vip = applied_sla(Priority.P2, Tier.VIP, policy)
    promised = deadlines(OPENED, regular.target(Metric.RESOLUTION).hours, clock, policy)
    stricter = deadlines(OPENED, vip.target(Metric.RESOLUTION).hours, clock, policy)
    tightened = promised.tightened(stricter)
    assert tightened.due_at == OPENED + timedelta(hours=4) == stricter.due_at  # VIP caps resolution at 4 h
    assert tightened == stricter
    assert promised.tightened(promised) == promised


def test_tightening_takes_each_step_at_its_earlier_time():
    policy, clock = SlaPolicy(), RoundTheClock()
    early_due = deadlines(OPENED, 4, clock, policy)
    # The same target started an hour earlier is earlier at every step.
    earlier_start = deadlines(OPENED - timedelta(hours=1), 4, clock, policy)
    assert early_due.tightened(earlier_start) == earlier_start
    assert earlier_start.tightened(early_due) == earlier_start
