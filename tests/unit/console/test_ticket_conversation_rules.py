"""The ticket page's rules: the reply owed to the customer, requester wait and agent work time, and
the conversation laid out (docs/design.md §5, §12)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.console.domain.conversation import conversation, work_times
from services.console.domain.sla import ClockState, Metric, ever_breached, next_reply_clock, sla_clock
from shared.rfc3339 import format_time

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def at(hours: float) -> str:
    return format_time(NOW + timedelta(hours=hours))


def _sla(*, resolution_h: float, next_reply_h: float | None, level: int = -1, paused: bool = False) -> dict:
    return {
        "first_response_due": at(-20),
        "first_responded_at": at(-21),
        "first_response_breached": False,
        "resolution_due": at(resolution_h),
        "resolution_warning_at": at(resolution_h - 4),
        "resolution_breached": False,
        "next_reply_due": None if next_reply_h is None else at(next_reply_h),
        "next_reply_warning_at": None if next_reply_h is None else at(next_reply_h - 0.8),
        "next_reply_level": level,
        "next_replies_on_time": 0,
        "next_replies_late": 0,
        "paused": paused,
    }


def test_a_reply_owed_before_the_resolution_is_the_clock_the_queue_counts_down():
    clock = sla_clock("in_progress", _sla(resolution_h=30, next_reply_h=3), NOW)
    assert (clock.metric, clock.state, clock.seconds_left) == (
        Metric.NEXT_REPLY,
        ClockState.ON_TRACK,
        3 * 3600,
    )
    later = sla_clock("in_progress", _sla(resolution_h=2, next_reply_h=3), NOW)
    assert later.metric is Metric.RESOLUTION  # the resolution falls due first


def test_no_reply_owed_leaves_the_resolution_clock_and_no_next_reply_countdown():
    sla = _sla(resolution_h=30, next_reply_h=None)
    assert sla_clock("in_progress", sla, NOW).metric is Metric.RESOLUTION
    assert next_reply_clock("in_progress", sla, NOW) is None


def test_the_owed_reply_warns_then_breaches_and_pauses_while_the_customer_has_the_next_move():
    assert next_reply_clock("in_progress", _sla(resolution_h=30, next_reply_h=0.5), NOW).state is (
        ClockState.WARNING
    )
    overdue = next_reply_clock("in_progress", _sla(resolution_h=30, next_reply_h=-1), NOW)
    assert overdue.state is ClockState.BREACHED and overdue.seconds_left == -3600
    # The service's breach step counts even when a re-evaluation moved the due time.
    assert next_reply_clock("on_hold", _sla(resolution_h=30, next_reply_h=2, level=1), NOW).state is (
        ClockState.BREACHED
    )
    assert (
        next_reply_clock("pending_customer", _sla(resolution_h=30, next_reply_h=2, paused=True), NOW).state
        is ClockState.PAUSED
    )
    assert next_reply_clock("resolved", _sla(resolution_h=30, next_reply_h=2), NOW) is None


def test_a_late_reply_counts_as_a_missed_target():
    sla = _sla(resolution_h=30, next_reply_h=None)
    assert not ever_breached(sla)
    assert ever_breached({**sla, "next_replies_late": 1})


DURATIONS = {
    "requester_wait_seconds": 3600.0,
    "requester_wait_business_seconds": 1800.0,
    "agent_work_seconds": 2400.0,
    "agent_work_business_seconds": 1200.0,
    "counted_until": at(-2),
}


def test_wait_and_work_time_count_on_to_now_while_the_team_has_the_next_move():
    times = work_times("in_progress", DURATIONS, NOW)
    assert (times.requester_wait, times.agent_work) == (3600 + 7200, 2400 + 7200)
    assert (times.requester_wait_business, times.agent_work_business) == (1800, 1200)  # as counted


def test_on_hold_the_customer_still_waits_but_the_team_does_not_work():
    times = work_times("on_hold", DURATIONS, NOW)
    assert (times.requester_wait, times.agent_work) == (3600 + 7200, 2400)
    assert times.requester_waiting and not times.agent_working


def test_pending_the_customer_or_resolved_nothing_runs_on():
    for status in ("pending_customer", "resolved", "closed"):
        times = work_times(status, DURATIONS, NOW)
        assert (times.requester_wait, times.agent_work) == (3600, 2400), status


def test_the_conversation_opens_with_the_description_then_the_messages_in_order():
    ticket = {
        "description": "打印机无法连接 / printer offline",
        "channel": "phone",
        "reported_at": at(-5),
        "messages": [
            {
                "author": "agent",
                "body": "Restart it please",
                "channel": "email",
                "actor": "agent-zhang",
                "at": at(-4),
            },
            {
                "author": "customer",
                "body": "Still offline",
                "channel": "phone",
                "actor": "agent-zhang",
                "at": at(-3),
            },
        ],
    }
    entries = conversation(ticket)
    assert [(e.author, e.body, e.opening) for e in entries] == [
        ("customer", "打印机无法连接 / printer offline", True),
        ("agent", "Restart it please", False),
        ("customer", "Still offline", False),
    ]
    assert entries[0].channel == "phone" and entries[2].actor == "agent-zhang"


def test_the_months_csv_holds_the_report_when_built_then_csat_per_agent_team_and_tier():
    from services.console.domain.reports import dashboard_csv_rows

    csat = {
        by: {
            "overall": {
                "group": "all",
                "ratings": 3,
                "csat": 2 / 3,
                "mean_rating": 4.0,
                "distribution": {"5": 1, "4": 1, "3": 1},
            },
            "groups": [
                {
                    "group": name,
                    "ratings": 3,
                    "csat": 2 / 3,
                    "mean_rating": 4.0,
                    "distribution": {"5": 1, "4": 1, "3": 1},
                }
            ],
        }
        for by, name in (("agent", "agent-zhang"), ("team", "billing"), ("tier", "VIP"))
    }
    not_built = dashboard_csv_rows("2026-03", None, csat)
    assert not_built[0] == ("", "", "month", "2026-03")
    assert ("csat_by_agent", "agent-zhang", "ratings", 3) in not_built
    assert ("csat_by_team", "billing/distribution", "4", 1) in not_built
    assert ("csat_by_tier", "all", "mean_rating", 4.0) in not_built
    built = dashboard_csv_rows(
        "2026-03", {"month": "2026-03", "sla": {"all": {"tickets": 4}}}, {"tier": csat["tier"]}
    )
    assert built[:2] == [("", "", "month", "2026-03"), ("sla", "all", "tickets", 4)]
    assert {row[0] for row in built[2:]} == {"csat_by_tier"}
