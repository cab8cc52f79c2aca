"""Priority proposed from text and type, routing by category, and the ticket life cycle."""

import pytest

from services.feedback.domain.lifecycle import (
    InvalidTransition,
    Status,
    after_assign,
    after_reply,
    check_transition,
)
from services.feedback.domain.priority import (
    DEFAULT_PRIORITY_RULES,
    DEFAULT_ROUTING,
    KeywordRule,
    PriorityRules,
    propose_priority,
    rules_from_document,
    rules_to_document,
)
from services.feedback.domain.sla import Priority


@pytest.mark.parametrize(("text", "ticket_type", "expected"), [
    ("系统宕机,所有用户无法登录", "problem", "P1"),
    ("页面无法使用", "problem", "P2"),  # one page failing is a problem, not an outage
    ("存在安全隐患", "problem", "P1"),
    ("我要投诉你们的客服", "complaint", "P2"),  # a complaint, not a major one (重大投诉)
    ("Total outage in the EU region", "problem", "P1"),
    ("导出报表失败", "problem", "P2"),
    ("审批流程卡住了", "problem", "P2"),
    ("保存时报错", "problem", "P2"),
    ("Login FAILS after the update", "problem", "P2"),
    ("希望增加深色模式", "suggestion", "P3"),
    ("Thanks, great support", "praise", "P3"),
    ("发票抬头需要修改", "problem", "P2"),  # no rule matches: the default
])
def test_priority_is_proposed_from_the_text_and_the_type(text, ticket_type, expected):
    assert propose_priority(text, ticket_type, DEFAULT_PRIORITY_RULES).priority == Priority(expected)


def test_a_type_rule_decides_before_keywords_and_every_match_is_explained():
    proposal = propose_priority("建议:宕机时报错信息更清楚", "suggestion", DEFAULT_PRIORITY_RULES)
    assert proposal.priority is Priority.P3
    assert proposal.source == "rules"
    assert {m["priority"] for m in proposal.matched} == {"P1", "P2", "P3"}
    assert proposal.matched[0] == {"rule": "type", "type": "suggestion", "priority": "P3"}
    assert proposal.matched[1]["keywords"] == ["宕机"]
    assert proposal.explain()["decided_by"] == {"rule": "type", "type": "suggestion", "priority": "P3"}


def test_among_keywords_the_most_severe_rule_wins():
    proposal = propose_priority("建议尽快处理:宕机后导出一直报错", "problem", DEFAULT_PRIORITY_RULES)
    assert proposal.priority is Priority.P1
    assert proposal.decided_by == {"rule": "keyword", "keywords": ["宕机"], "priority": "P1"}


def test_no_match_falls_back_to_the_default_priority():
    proposal = propose_priority("hello", "problem", DEFAULT_PRIORITY_RULES)
    assert (proposal.priority, proposal.source, proposal.matched) == (Priority.P2, "default", [])


def test_edited_rules_are_data():
    rules = PriorityRules(keyword_rules=(KeywordRule(Priority.P1, ("invoice",)),), type_rules=(),
                          default_priority=Priority.P3)
    assert propose_priority("Invoice wrong", "problem", rules).priority is Priority.P1
    assert propose_priority("other", "problem", rules).priority is Priority.P3
    assert rules_from_document(rules_to_document(rules)) == rules


def test_routing_by_category_ignores_case_and_has_a_default_team():
    assert DEFAULT_ROUTING.team_for("Billing") == "billing-team"
    assert DEFAULT_ROUTING.team_for("something else") == "customer-service"


HAPPY_PATH = [
    (Status.NEW, Status.ASSIGNED), (Status.ASSIGNED, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Status.PENDING_CUSTOMER), (Status.PENDING_CUSTOMER, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Status.RESOLVED), (Status.RESOLVED, Status.CLOSED),
    (Status.RESOLVED, Status.REOPENED), (Status.REOPENED, Status.IN_PROGRESS),
]


@pytest.mark.parametrize(("current", "wanted"), HAPPY_PATH)
def test_life_cycle_allows_the_design_transitions(current, wanted):
    check_transition(current, wanted)


@pytest.mark.parametrize(("current", "wanted"), [
    (Status.NEW, Status.RESOLVED), (Status.ASSIGNED, Status.RESOLVED), (Status.CLOSED, Status.REOPENED),
    (Status.CLOSED, Status.IN_PROGRESS), (Status.RESOLVED, Status.IN_PROGRESS),
    (Status.NEW, Status.CLOSED), (Status.IN_PROGRESS, Status.CLOSED),
])
def test_life_cycle_refuses_other_transitions_with_409(current, wanted):
    with pytest.raises(InvalidTransition) as caught:
        check_transition(current, wanted)
    assert caught.value.status == 409


def test_first_reply_starts_the_work_and_assigning_keeps_a_worked_ticket_status():
    assert after_reply(Status.NEW) is Status.IN_PROGRESS
    assert after_reply(Status.PENDING_CUSTOMER) is Status.PENDING_CUSTOMER
    assert after_assign(Status.NEW) is Status.ASSIGNED
    assert after_assign(Status.IN_PROGRESS) is Status.IN_PROGRESS
    with pytest.raises(InvalidTransition):
        after_reply(Status.CLOSED)
    with pytest.raises(InvalidTransition):
        after_assign(Status.RESOLVED)


def test_a_customer_message_moves_the_ticket_on_by_rule():
    from datetime import UTC, datetime, timedelta

    from services.feedback.domain.lifecycle import ClosedTooLongAgo, after_customer_message

    now = datetime(2025, 11, 20, tzinfo=UTC)
    week = timedelta(days=7)
    assert after_customer_message(Status.PENDING_CUSTOMER, None, now, week) is Status.IN_PROGRESS
    assert after_customer_message(Status.RESOLVED, None, now, week) is Status.REOPENED
    assert after_customer_message(Status.CLOSED, now - timedelta(days=6), now, week) is Status.REOPENED
    for status in (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD, Status.REOPENED):
        assert after_customer_message(status, None, now, week) is status
    with pytest.raises(ClosedTooLongAgo) as caught:
        after_customer_message(Status.CLOSED, now - timedelta(days=8), now, week)
    assert caught.value.status == 409
    with pytest.raises(ClosedTooLongAgo):  # a window of 0 days: a closed ticket never reopens
        after_customer_message(Status.CLOSED, now, now + timedelta(seconds=1), timedelta(0))


def test_on_hold_waits_on_a_third_party_between_work_and_resolution():
    for current, wanted in ((Status.IN_PROGRESS, Status.ON_HOLD), (Status.ON_HOLD, Status.IN_PROGRESS),
                            (Status.ON_HOLD, Status.RESOLVED), (Status.ON_HOLD, Status.PENDING_CUSTOMER)):
        check_transition(current, wanted)
    with pytest.raises(InvalidTransition):
        check_transition(Status.NEW, Status.ON_HOLD)
    assert after_reply(Status.ON_HOLD) is Status.ON_HOLD
    assert after_assign(Status.ON_HOLD) is Status.ON_HOLD
