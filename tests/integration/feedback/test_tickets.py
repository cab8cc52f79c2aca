"""Tickets over HTTP (docs/design.md §5, §8): priority, routing, SLA, life cycle, roles, policy."""

import copy
from datetime import UTC, datetime, timedelta

from tests.integration.feedback.helpers import (
    ACCOUNT_MANAGER,
    AGENT,
    ANALYST,
    MANAGER,
    assign_customer,
    get_ticket,
    new_id,
    open_ticket,
    parse,
    post,
    shanghai,
)
from tests.support import EventCollector


async def test_open_ticket_proposes_priority_routes_team_and_shows_its_sla(fb, broker):
    customer_id = new_id()
    async with EventCollector(broker.bootstrap, ["ticket-created"]) as events:
        ticket = await open_ticket(fb, customer_id, description="生产系统宕机,所有人无法使用",
                                   category="Technical")
        found = await events.wait_for(lambda e: e["subject"] == customer_id)
    assert ticket["priority"] == "P1"
    assert ticket["priority_reason"]["source"] == "rules"
    assert ticket["priority_reason"]["matched"][0]["keywords"] == ["宕机"]
    assert ticket["priority_reason"]["decided_by"] == {"rule": "keyword", "keywords": ["宕机"],
                                                       "priority": "P1"}
    assert ticket["status"] == "new"
    assert ticket["team"] == "tech-support"
    assert ticket["tier"] is None
    sla = ticket["sla"]
    assert sla["calendar"] == "24x7"
    in_force = (await fb.get("/v1/sla-policy", headers=ANALYST)).json()["version"]
    assert sla["policy"]["version"] == in_force  # other modules of the run may have edited it
    assert sla["policy"]["priority_row"] == "P1"
    assert sla["policy"]["first_response"]["hours"] == 2
    created = parse(ticket["reported_at"])
    assert parse(sla["first_response_due"]) == created + timedelta(hours=2)
    assert parse(sla["resolution_due"]) == created + timedelta(hours=24)
    event = found[0]
    assert event["_key"] == customer_id
    assert event["source"] == "/crm/feedback"
    assert event["data"]["priority"] == "P1"
    assert event["data"]["team"] == "tech-support"
    assert "description" not in event["data"]
    # The answer to the POST is built from the rows just written: it must equal what is stored.
    stored = await get_ticket(fb, ticket["id"])
    assert ticket == stored
    assert [(h["action"], h["to_status"]) for h in stored["history"]] == [("created", "new")]


async def test_a_given_priority_is_kept_and_explained(fb):
    ticket = await open_ticket(fb, description="宕机", priority="P3", type="suggestion")
    assert ticket["priority"] == "P3"
    assert ticket["priority_reason"] == {"source": "given", "matched": []}
    assert ticket["sla"]["calendar"] == "business:Asia/Shanghai"


async def test_business_hours_skip_national_day_2025_and_count_the_adjusted_saturday(fb):
    ticket = await open_ticket(fb, description="流程卡住", reported_at="2025-09-30T08:00:00Z")
    sla = ticket["sla"]
    assert ticket["priority"] == "P2"
    assert sla["calendar"] == "business:Asia/Shanghai"
    assert parse(sla["first_response_due"]) == shanghai(2025, 10, 9, 11, 0)
    assert parse(sla["resolution_due"]) == shanghai(2025, 10, 15, 10, 0)


async def test_life_cycle_is_recorded_and_resolution_needs_a_solution(fb, broker):
    customer_id = new_id()
    ticket = await open_ticket(fb, customer_id)
    tid = ticket["id"]
    assigned = await post(fb, tid, "assign", {"assignee": "agent-7"})
    assert (assigned["status"], assigned["assignee"]) == ("assigned", "agent-7")
    replied = await post(fb, tid, "responses", {"message": "我们正在排查"})
    assert replied["status"] == "in_progress"
    assert replied["sla"]["first_responded_at"] is not None
    again = await post(fb, tid, "responses", {"message": "还需要您的日志"})
    assert again["sla"]["first_responded_at"] == replied["sla"]["first_responded_at"]
    pending = await post(fb, tid, "status", {"status": "pending_customer"})
    assert pending["sla"]["paused"] is True
    working = await post(fb, tid, "status", {"status": "in_progress"})
    assert working["sla"]["paused"] is False

    missing = await fb.post(f"/v1/tickets/{tid}/resolve", json={"improvement": "x"}, headers=AGENT)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "solution"
    blank = await fb.post(f"/v1/tickets/{tid}/resolve", json={"solution": "   "}, headers=AGENT)
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["field"] == "solution"

    async with EventCollector(broker.bootstrap, ["ticket-resolved", "ticket-closed"]) as events:
        resolved = await post(fb, tid, "resolve", {"solution": "修复导出服务", "improvement": "加监控"})
        assert resolved["status"] == "resolved"
        assert resolved["first_contact_resolution"] is False  # two replies and a wait
        closed = await post(fb, tid, "verification", {"solved": True})
        assert closed["status"] == "closed"
        await events.wait_for(lambda e: e["subject"] == customer_id and e["type"] == "ticket-resolved")
        found = await events.wait_for(lambda e: e["subject"] == customer_id and e["type"] == "ticket-closed")
    assert found[0]["data"]["reason"] == "customer-confirmed"

    history = (await get_ticket(fb, tid))["history"]
    assert [(h["from_status"], h["to_status"]) for h in history if h["from_status"] != h["to_status"]] == [
        (None, "new"), ("new", "assigned"), ("assigned", "in_progress"),
        ("in_progress", "pending_customer"), ("pending_customer", "in_progress"),
        ("in_progress", "resolved"), ("resolved", "closed"),
    ]
    assert history[-1]["actor"] == "agent-1"

    refused = await fb.post(f"/v1/tickets/{tid}/resolve", json={"solution": "again"}, headers=AGENT)
    assert refused.status_code == 409
    assert refused.json()["current_status"] == "closed"


async def test_each_assignment_is_published_with_the_previous_assignee_and_team(fb, broker):
    """docs/design.md §11: segmentation follows a ticket's assignee and team from `ticket-assigned`,
    appended in the assignment's transaction (keyed by customer, no personal data)."""
    customer_id = new_id()
    ticket = await open_ticket(fb, customer_id, description="导出报表失败, 请回电 13987650123")
    tid = ticket["id"]
    async with EventCollector(broker.bootstrap, ["ticket-assigned"]) as events:
        first = await post(fb, tid, "assign", {"assignee": "agent-7"})
        moved = await post(fb, tid, "assign", {"assignee": "agent-9", "team": "billing-team"},
                           headers=MANAGER)
        found = await events.wait_for(lambda e: e["subject"] == customer_id, count=2)
    assert (first["assignee"], first["team"]) == ("agent-7", "tech-support")
    assert (moved["assignee"], moved["team"]) == ("agent-9", "billing-team")
    assigned, reassigned = (e["data"] for e in found)  # one key, one partition: in order
    assert {e["_key"] for e in found} == {customer_id}
    assert {e["source"] for e in found} == {"/crm/feedback"}
    assert {k: assigned[k] for k in ("ticket_id", "customer_id", "assignee", "team",
                                     "previous_assignee", "previous_team")} == {
        "ticket_id": tid, "customer_id": customer_id, "assignee": "agent-7", "team": "tech-support",
        "previous_assignee": None, "previous_team": "tech-support"}
    assert {k: reassigned[k] for k in ("assignee", "team", "previous_assignee", "previous_team")} == {
        "assignee": "agent-9", "team": "billing-team", "previous_assignee": "agent-7",
        "previous_team": "tech-support"}
    assert parse(assigned["assigned_at"]) <= parse(reassigned["assigned_at"])
    assert all("description" not in data and "13987650123" not in str(data)
               for data in (assigned, reassigned))


async def test_invalid_transitions_are_refused_with_409(fb):
    ticket = await open_ticket(fb)
    response = await fb.post(f"/v1/tickets/{ticket['id']}/resolve", json={"solution": "x"}, headers=AGENT)
    assert response.status_code == 409
    verification = await fb.post(f"/v1/tickets/{ticket['id']}/verification", json={"solved": True},
                                 headers=AGENT)
    assert verification.status_code == 409
    unknown = await fb.get("/v1/tickets/does-not-exist", headers=MANAGER)
    assert unknown.status_code == 404


async def test_first_reply_then_resolution_is_a_first_contact_resolution(fb):
    customer_id = new_id()
    await assign_customer(fb, customer_id, "am-1")  # the account manager's own customer
    ticket = await open_ticket(fb, customer_id)
    await post(fb, ticket["id"], "responses", {"message": "已处理"}, headers=ACCOUNT_MANAGER)
    resolved = await post(fb, ticket["id"], "resolve", {"solution": "重置配置"}, headers=ACCOUNT_MANAGER)
    assert resolved["first_contact_resolution"] is True
    assert resolved["sla"]["first_response_breached"] is False


async def test_roles_agent_and_account_manager_work_analyst_reads_reports_manager_edits_policy(fb):
    body = {"customer_id": new_id(), "channel": "web", "type": "problem", "category": "x",
            "description": "d"}
    assert (await fb.post("/v1/tickets", json=body, headers=ANALYST)).status_code == 403
    # Analysts read aggregates only (docs/design.md §11): the reports, never a ticket.
    assert (await fb.get("/v1/tickets", headers=ANALYST)).status_code == 403
    assert (await fb.get("/v1/tickets", headers=MANAGER)).status_code == 200
    policy = (await fb.get("/v1/sla-policy", headers=MANAGER)).json()
    assert (await fb.put("/v1/sla-policy", json=_doc(policy), headers=AGENT)).status_code == 403
    assert (await fb.get("/v1/tickets")).status_code == 401


def _doc(policy: dict) -> dict:
    """The editable part of a versioned document, as a deep copy."""
    meta = ("version", "created_by", "created_at")
    return copy.deepcopy({k: v for k, v in policy.items() if k not in meta})


async def test_list_filters_by_status_priority_and_pages_with_a_cursor(fb):
    customer_id = new_id()
    for _ in range(3):
        await open_ticket(fb, customer_id, description="存在安全隐患")
    await open_ticket(fb, customer_id, description="建议", type="suggestion")
    first = (await fb.get("/v1/tickets", params={"customer_id": customer_id, "priority": "P1",
                                                 "status": "new", "limit": 2}, headers=MANAGER)).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = (await fb.get("/v1/tickets", params={"customer_id": customer_id, "priority": "P1",
                                                  "limit": 2, "cursor": first["next_cursor"]},
                           headers=MANAGER)).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    ids = {t["id"] for t in first["items"] + second["items"]}
    assert len(ids) == 3
    bad = await fb.get("/v1/tickets", params={"status": "nope"}, headers=MANAGER)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "status"


async def test_policy_is_versioned_and_open_tickets_keep_the_version_they_started_with(fb):
    original = (await fb.get("/v1/sla-policy", headers=MANAGER)).json()
    before = await open_ticket(fb, description="问题", priority="P2")
    edited = _doc(original)
    edited["priority_targets"]["P2"] = {"first_response_hours": 1, "resolution_hours": 8}
    try:
        saved = await fb.put("/v1/sla-policy", json=edited, headers=MANAGER)
        assert saved.status_code == 200, saved.text
        assert saved.json()["version"] == original["version"] + 1
        assert saved.json()["created_by"] == "mgr-1"
        after = await open_ticket(fb, description="问题", priority="P2")
        assert after["sla"]["policy"]["version"] == original["version"] + 1
        assert after["sla"]["policy"]["first_response"]["hours"] == 1
        kept = await get_ticket(fb, before["id"])
        assert kept["sla"]["policy"]["version"] == original["version"]
        assert kept["sla"]["first_response_due"] == before["sla"]["first_response_due"]
    finally:
        restored = await fb.put("/v1/sla-policy", json=_doc(original), headers=MANAGER)
        assert restored.status_code == 200


async def test_an_invalid_policy_names_the_field_and_keeps_the_stored_one(fb):
    original = (await fb.get("/v1/sla-policy", headers=MANAGER)).json()
    broken = _doc(original)
    broken["priority_targets"]["P1"]["resolution_hours"] = -3
    response = await fb.put("/v1/sla-policy", json=broken, headers=MANAGER)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "priority_targets.P1.resolution_hours"
    assert (await fb.get("/v1/sla-policy", headers=MANAGER)).json()["version"] == original["version"]


async def test_holidays_are_editable_and_a_configured_holiday_is_skipped(fb):
    calendar = (await fb.get("/v1/calendar", headers=ANALYST)).json()
    assert calendar["timezone"] == "Asia/Shanghai"
    edited = {k: v for k, v in calendar.items() if k not in ("version", "created_by", "created_at")}
    try:
        # Mon 17 Nov 2025 declared a company holiday.
        response = await fb.put("/v1/calendar", json={**edited, "holidays": ["2025-11-17"]}, headers=MANAGER)
        assert response.status_code == 200, response.text
        ticket = await open_ticket(fb, description="问题", priority="P2",
                                   reported_at="2025-11-14T08:00:00Z")  # Fri 16:00 Shanghai
        assert parse(ticket["sla"]["first_response_due"]) == shanghai(2025, 11, 18, 11, 0)
    finally:
        await fb.put("/v1/calendar", json=edited, headers=MANAGER)


async def test_priority_rules_are_data_a_manager_can_change(fb):
    rules = (await fb.get("/v1/priority-rules", headers=ANALYST)).json()
    p1 = next(r for r in rules["keyword_rules"] if r["priority"] == "P1")
    assert {"宕机", "安全隐患", "重大投诉", "major complaint"} <= set(p1["keywords"])
    assert not {"安全", "投诉"} & set(p1["keywords"])
    edited = {k: v for k, v in rules.items() if k not in ("version", "created_by", "created_at")}
    changed = {**edited, "keyword_rules": [*edited["keyword_rules"],
                                           {"priority": "P1", "keywords": ["发票"]}]}
    try:
        assert (await fb.put("/v1/priority-rules", json=changed, headers=MANAGER)).status_code == 200
        ticket = await open_ticket(fb, description="发票开错了")
        assert ticket["priority"] == "P1"
    finally:
        await fb.put("/v1/priority-rules", json=edited, headers=MANAGER)


async def test_reported_at_in_the_future_is_refused(fb):
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    response = await fb.post("/v1/tickets", headers=AGENT, json={
        "customer_id": new_id(), "channel": "web", "type": "problem", "category": "x",
        "description": "d", "reported_at": later})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reported_at"


async def test_a_retried_open_with_the_same_idempotency_key_makes_one_ticket(fb):
    customer_id = new_id()
    body = {"customer_id": customer_id, "channel": "email", "type": "problem", "category": "billing",
            "description": "扣费失败"}
    headers = {**AGENT, "Idempotency-Key": new_id("key")}
    first = await fb.post("/v1/tickets", json=body, headers=headers)
    again = await fb.post("/v1/tickets", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    listed = (await fb.get("/v1/tickets", params={"customer_id": customer_id}, headers=MANAGER)).json()
    assert len(listed["items"]) == 1


async def test_the_superseded_default_priority_rules_are_replaced_at_start_but_an_edit_is_kept(fb):
    from services.feedback.models import ConfigVersionRow
    from services.feedback.service.config import SUPERSEDED_DEFAULTS, ConfigKind, seed_defaults

    ctx = fb.app.state.ctx
    current = (await fb.get("/v1/priority-rules", headers=ANALYST)).json()
    old = SUPERSEDED_DEFAULTS[ConfigKind.PRIORITY_RULES][0]
    async with ctx.db.session() as session, session.begin():
        session.add(ConfigVersionRow(kind="priority-rules", version=current["version"] + 1,
                                     definition=old, created_by="system", created_at=datetime.now(UTC)))
    assert (await open_ticket(fb, description="我要投诉:发票开错了", type="complaint"))["priority"] == "P1"
    await seed_defaults(ctx)
    after = (await fb.get("/v1/priority-rules", headers=ANALYST)).json()
    assert after["version"] == current["version"] + 2 and after["created_by"] == "system"
    assert after["keyword_rules"] == current["keyword_rules"]
    assert (await open_ticket(fb, description="我要投诉:发票开错了", type="complaint"))["priority"] == "P2"
    # A manager who chose those rules on purpose keeps them.
    await fb.put("/v1/priority-rules", json=old, headers=MANAGER)
    await seed_defaults(ctx)
    assert (await fb.get("/v1/priority-rules", headers=ANALYST)).json()["version"] == after["version"] + 1
    await fb.put("/v1/priority-rules", json={k: v for k, v in current.items()
                                             if k not in ("version", "created_by", "created_at")},
                 headers=MANAGER)
