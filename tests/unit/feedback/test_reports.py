"""SLA report arithmetic per tier (docs/design.md §5)."""

from datetime import UTC, datetime, timedelta

from services.feedback.domain.reports import TicketFacts, sla_report

NOW = datetime(2025, 12, 1, tzinfo=UTC)
T0 = datetime(2025, 11, 3, 1, 0, tzinfo=UTC)
H = timedelta(hours=1)


def facts(tier, responded_after, resolved_after, *, fr_hours=2, res_hours=4, reopens=0, fcr=True,
          satisfaction=None):
    return TicketFacts(
        tier=tier, first_response_due=T0 + fr_hours * H,
        first_responded_at=T0 + responded_after * H if responded_after is not None else None,
        resolution_due=T0 + res_hours * H,
        resolved_at=T0 + resolved_after * H if resolved_after is not None else None,
        ever_resolved=resolved_after is not None, first_contact_resolution=fcr if resolved_after else None,
        reopen_count=reopens, satisfaction=satisfaction,
    )


def test_rates_per_tier():
    report = sla_report([
        facts("VIP", 1, 3, satisfaction=4.0),
        facts("VIP", 3, 5, fcr=False, reopens=1, satisfaction=2.0),
        facts("VIP", None, None),  # overdue on both clocks
        facts("Key", 1, 2),
    ], NOW)
    vip = report["VIP"]
    assert vip["tickets"] == 3
    assert vip["first_response_on_time_rate"] == round(1 / 3, 4)
    assert vip["resolution_on_time_rate"] == round(1 / 3, 4)
    assert vip["first_contact_resolution_rate"] == 0.5
    assert vip["reopen_rate"] == 0.5
    assert vip["satisfaction_after_resolution"] == 3.0
    assert report["Key"]["resolution_on_time_rate"] == 1.0
    assert report["all"]["tickets"] == 4


def test_clocks_still_running_are_not_counted_yet():
    running = TicketFacts(tier=None, first_response_due=NOW + H, first_responded_at=None,
                          resolution_due=NOW + 5 * H, resolved_at=None, ever_resolved=False,
                          first_contact_resolution=None, reopen_count=0, satisfaction=None)
    report = sla_report([running], NOW)
    assert report["unknown"]["first_response_on_time_rate"] is None
    assert report["unknown"]["reopen_rate"] is None


def test_next_replies_count_made_ones_and_the_one_overdue_now():
    base = facts("Key", 1, None)
    waiting = TicketFacts(**{**base.__dict__, "next_replies_on_time": 2, "next_replies_late": 1,
                             "next_reply_due": NOW - H})
    paused = TicketFacts(**{**base.__dict__, "next_replies_on_time": 1, "next_reply_due": NOW - H,
                            "paused": True})
    running = TicketFacts(**{**base.__dict__, "next_reply_due": NOW + H})
    report = sla_report([waiting, paused, running], NOW)["Key"]
    assert report["next_replies"] == 5  # 3 + 1 made, one overdue; paused and running ones wait
    assert report["next_reply_on_time_rate"] == 0.6


def test_wait_and_work_time_are_medians_of_solved_tickets_in_hours():
    base = facts("VIP", 1, 3)
    solved = [TicketFacts(**{**base.__dict__, "solved": True, "requester_wait_seconds": hours * 3600,
                             "agent_work_seconds": hours * 1800, "agent_work_business_seconds": 900})
              for hours in (1, 2, 6)]
    still_open = TicketFacts(**{**base.__dict__, "requester_wait_seconds": 99 * 3600})
    report = sla_report([*solved, still_open], NOW)["VIP"]
    assert report["requester_wait_hours_median"] == 2.0
    assert report["agent_work_hours_median"] == 1.0
    assert report["agent_work_business_hours_median"] == 0.25
    assert sla_report([still_open], NOW)["VIP"]["requester_wait_hours_median"] is None
