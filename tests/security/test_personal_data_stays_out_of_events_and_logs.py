"""docs/design.md §7: contact phone and email never appear in a published event or a log line."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.events.envelope import known_event_types
from shared.events.topics import ensure_topics
from shared.settings import PlatformSettings
from tests.reliability_results import record
from tests.security.catalog import load_service, service_names
from tests.support import ADMIN, EventCollector, assign_customers, bearer, eventually, running_service

PHONE = "13987650123"
PHONE_SPACED = "139 8765 0123"
EMAIL = "pii.canary.7f3a9c@example.org"
SECRETS = (PHONE, PHONE_SPACED, EMAIL, "pii.canary.7f3a9c")
ACCOUNT_MANAGER = bearer("account_manager", sub="am-pii")
AGENT = bearer("agent", sub="agent-pii", team="billing-team")  # where the billing ticket is routed
MANAGER = bearer("manager", sub="mgr-pii")


async def _segmentation(client, customer_id: str) -> set[str]:
    """Contacts with personal data, orders, a rescore, an approved override, a bad request."""
    profile = {
        "name": "PII canary Ltd", "industry": "retail", "since": "2019-01-01", "growth_pct": 9,
        "owner": "am-pii",
        "contacts": [{"name": "Zhang Wei", "phone": PHONE, "email": EMAIL},
                     {"name": "Li Na", "phone": PHONE_SPACED}],
    }
    response = await client.put(f"/v1/customers/{customer_id}", json=profile, headers=ACCOUNT_MANAGER)
    assert response.status_code == 201, response.text
    now = datetime.now(UTC)
    orders = [{"order_id": f"{customer_id}-{i}", "amount": 90000,
               "ordered_at": (now - timedelta(days=20 * i + 3)).isoformat()} for i in range(8)]
    assert (await client.post(f"/v1/customers/{customer_id}/orders", json=orders,
                              headers=ACCOUNT_MANAGER)).status_code == 200
    rescored = await client.post(f"/v1/customers/{customer_id}/rescore", headers=ACCOUNT_MANAGER)
    assert rescored.status_code == 200, rescored.text
    bad = {**profile, "contacts": [{"name": "Wang", "phone": PHONE, "email": f"{PHONE} is not an email"}]}
    refused = await client.put(f"/v1/customers/{customer_id}", json=bad, headers=ACCOUNT_MANAGER)
    assert refused.status_code == 422
    proposal = await client.post(f"/v1/customers/{customer_id}/tier-overrides",
                                 json={"tier": "VIP", "reason": "strategic account in the south"},
                                 headers=ACCOUNT_MANAGER)
    assert proposal.status_code == 201, proposal.text
    approved = await client.post(f"/v1/tier-overrides/{proposal.json()['id']}/approve", headers=MANAGER)
    assert approved.status_code == 200, approved.text
    shown = (await client.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    assert shown["contacts"][0]["phone"] == PHONE  # stored and readable with the right to see it
    return {"score-updated", "tier-changed"}


async def _feedback(client, customer_id: str) -> set[str]:
    """A customer who writes their phone and email into the ticket text."""
    response = await client.post("/v1/tickets", headers=AGENT, json={
        "customer_id": customer_id, "channel": "email", "type": "complaint", "category": "billing",
        "description": f"Invoice wrong, call me at {PHONE} or mail {EMAIL}",
    })
    assert response.status_code == 201, response.text
    ticket_id = response.json()["id"]
    assigned = await client.post(f"/v1/tickets/{ticket_id}/assign", headers=AGENT,
                                 json={"assignee": "agent-pii"})
    assert assigned.status_code == 200, assigned.text
    replied = await client.post(f"/v1/tickets/{ticket_id}/responses", headers=AGENT,
                                json={"message": f"we will call {PHONE}"})
    assert replied.status_code == 200, replied.text
    asked = await client.post(f"/v1/tickets/{ticket_id}/messages", headers=AGENT, json={
        "author": "customer", "body": f"new number {PHONE_SPACED}, mail {EMAIL}", "channel": "phone"})
    assert asked.status_code == 201, asked.text
    resolved = await client.post(f"/v1/tickets/{ticket_id}/resolve", headers=AGENT, json={
        "solution": f"called back on {PHONE}", "improvement": f"confirmed by {EMAIL}"})
    assert resolved.status_code == 200, resolved.text
    # The customer writes again: the ticket reopens, the message stays on the ticket.
    again = await client.post(f"/v1/tickets/{ticket_id}/messages", headers=AGENT, json={
        "author": "customer", "body": f"still wrong, {PHONE}", "channel": "email"})
    assert again.status_code == 201, again.text
    return {"ticket-created", "ticket-assigned", "ticket-resolved", "ticket-reopened"}


async def _survey(client, customer_id: str) -> set[str]:
    """An open answer that carries the customer's phone and email."""
    await assign_customers(client, "am-pii", customer_id)  # the account manager's own customer
    invited = await client.post("/v1/surveys/default/invitations", headers=ACCOUNT_MANAGER,
                                json={"customer_ids": [customer_id]})
    assert invited.status_code == 201, invited.text
    token = invited.json()["items"][0]["token"]
    survey = (await client.get("/v1/invitations/" + token)).json()
    items = [item["id"] for dimension in survey["dimensions"] for item in dimension["items"]]
    comments = {q["id"]: f"Reach me on {PHONE}, {EMAIL}" for q in survey["questions"] if q["type"] == "open"}
    assert comments
    saved = await client.post(f"/v1/invitations/{token}/progress", json={"comments": comments})
    assert saved.status_code == 200, saved.text
    answer = await client.post(f"/v1/invitations/{token}/response",
                               json={"answers": dict.fromkeys(items, 2), "nps": 3})
    assert answer.status_code == 201, answer.text
    return {"satisfaction-scored"}


async def _notification(client, customer_id: str) -> set[str]:
    """A staff member whose address is the canary, and a refused one (its 422 is logged)."""
    staff = await client.put(f"/v1/staff/staff-{customer_id}", headers=ADMIN,
                             json={"name": "Zhang Wei", "email": EMAIL, "groups": ["task_force"]})
    assert staff.status_code == 201, staff.text
    refused = await client.put(f"/v1/staff/staff-{customer_id}-2", headers=ADMIN,
                               json={"name": "Li Na", "email": f"{PHONE} is not an email"})
    assert refused.status_code == 422
    preferences = await client.put(f"/v1/contacts/{customer_id}/preferences", headers=ADMIN,
                                   json={"language": "zh-CN", "opted_out": ["sms"]})
    assert preferences.status_code == 200, preferences.text
    return set()


SCENARIOS = {"segmentation": _segmentation, "feedback": _feedback, "survey": _survey,
             "notification": _notification}


async def test_phone_and_email_never_reach_an_event_or_a_log_line(platform_config, broker, capfd):
    customer_id = f"pii-{uuid.uuid4().hex[:10]}"
    topics = known_event_types()
    await ensure_topics(PlatformSettings(kafka_bootstrap=broker.bootstrap), topics)
    started, expected = [], set()
    async with contextlib.AsyncExitStack() as stack:
        events = await stack.enter_async_context(
            EventCollector(broker.bootstrap, [*topics, "dead-letter"]))
        clients = {}
        for name in service_names():
            try:
                service = load_service(name)
            except pytest.skip.Exception:
                continue
            clients[name] = await stack.enter_async_context(
                running_service(service.app(platform_config)))
            started.append(name)
        for name, client in clients.items():
            if name in SCENARIOS:
                expected |= await SCENARIOS[name](client, customer_id)
        for event_type in sorted(expected):
            await events.wait_for(lambda e, t=event_type: e["type"] == t and e["subject"] == customer_id,
                                  timeout=30)
        if {"survey", "segmentation"} <= set(clients):
            # Consumers have run too: the satisfaction reached the segmentation read model.
            async def consumed():
                shown = await clients["segmentation"].get(f"/v1/customers/{customer_id}", headers=ADMIN)
                return shown.json().get("satisfaction")
            await eventually(consumed, timeout=30)
    logs = capfd.readouterr()
    output = logs.out + logs.err
    assert output.count('"service_started"') >= len(started)  # the capture did see the services log
    published = [record_.value.decode("utf-8", "replace") for record_ in events.raw]
    mine = [text for text in published if customer_id in text]
    assert len(mine) >= len(expected)
    for secret in SECRETS:
        assert not [text for text in published if secret in text], f"{secret} published in an event"
        assert secret not in output, f"{secret} written to the logs"
    record("security.personal_data", {
        "services_started": started,
        "event_types_checked": sorted({e["type"] for e in events.events}),
        "events_checked": len(published),
        "log_bytes_checked": len(output),
    })
