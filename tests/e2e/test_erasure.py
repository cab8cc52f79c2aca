"""docs/design.md §11: erasing a customer removes its personal data from every service.

The five services run together through the broker on a database and topics of their own. A customer
with a distinctive name, phone and e-mail answers a survey, a ticket verification and writes to the
support team; an account manager notes its feedback on a care action and a case; a message was sent
to it. After `DELETE /v1/customers/{id}` every service confirms, and then no text or JSON column of
any table of any service, and no event published after the request, holds any of those strings,
while tiers, NPS and SLA figures stay what they were.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import UTC, datetime

import asyncpg
import pytest

from services.feedback.app import create_app as create_feedback
from services.feedback.settings import feedback_settings
from services.notification.app import create_app as create_notification
from services.notification.models import MessageRow
from services.notification.settings import notification_settings
from services.playbook.app import create_app as create_playbook
from services.playbook.settings import playbook_settings
from services.segmentation.app import create_app as create_segmentation
from services.segmentation.settings import segmentation_settings
from services.survey.app import create_app as create_survey
from services.survey.settings import survey_settings
from shared.events.envelope import known_event_types
from tests.support import ADMIN, SERVICES, EventCollector, bearer, eventually, running_service

AGENT = bearer("agent", sub="agent-erasure", team="billing-team")
ACCOUNT_MANAGER = bearer("account_manager", sub="am-1", permissions=["pii:read"])
PREFIX = "erasure."
# What must not survive anywhere: the customer's and its contact's names, phone, e-mail, and the
# words the customer and the staff wrote about it.
NAME = "Quillfeather Zephyrine Trading"
CONTACT = "Zephyrine Quillfeather"
PHONE = "13987654321"
EMAIL = "zq.quill@quillfeather.example"
ANSWER = "Quillfeather open answer: the Zephyr-7 rollout broke our night shift"
TICKET_TEXT = "Zephyr-7 invoice 8812-QF is wrong, call Zephyrine on 13987654321"
MESSAGE = "Customer wrote again: zq.quill@quillfeather.example still waiting on Zephyr-7"
REPLY = "Agent reply to Zephyrine: Zephyr-7 credit note issued"
SOLUTION = "Credited Zephyr-7 invoice 8812-QF for Quillfeather"
VERIFICATION = "Quillfeather verification comment: Zephyr-7 fixed, thanks"
FEEDBACK = "Zephyrine said the Zephyr-7 visit was useful"
CASE = "Quillfeather case background: Zephyr-7 rollout recovered"
MAIL = "Dear Zephyrine Quillfeather, your Zephyr-7 survey awaits"
SECRETS = (NAME, CONTACT, PHONE, EMAIL, "Zephyr-7", "Quillfeather", "Zephyrine", "8812-QF")


@pytest.fixture(scope="module")
async def own_stack(platform_config):
    """The five services on a database and topics of their own: the scan sees only this test."""
    from tests.conftest import PG_ADMIN_DSN

    name = f"crm_erasure_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    url = f"postgresql+asyncpg://postgres@{host}/{name}"
    config = {**platform_config, "database_url": url, "kafka_topic_prefix": PREFIX}
    quiet_sender = {"run_workers": False}  # messages are not sent here; one is stored as if sent
    async with contextlib.AsyncExitStack() as stack:
        clients = {
            "segmentation": await stack.enter_async_context(
                running_service(create_segmentation(segmentation_settings(**config)))
            ),
            "survey": await stack.enter_async_context(
                running_service(create_survey(survey_settings(**config)))
            ),
            "feedback": await stack.enter_async_context(
                running_service(create_feedback(feedback_settings(**config)))
            ),
            "playbook": await stack.enter_async_context(
                running_service(create_playbook(playbook_settings(**config)))
            ),
            "notification": await stack.enter_async_context(
                running_service(create_notification(notification_settings(**config, **quiet_sender)))
            ),
        }
        yield clients, url.replace("+asyncpg", "")
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


async def _customer(seg) -> str:
    from tests.integration.segmentation.helpers import create_worked_example

    customer_id = await create_worked_example(seg, "A", prefix="erase")
    # With an Idempotency-Key: the reply (contacts unmasked) is kept for a retry, and must go too.
    response = await seg.patch(
        f"/v1/customers/{customer_id}",
        headers={
            **ACCOUNT_MANAGER,
            "Content-Type": "application/merge-patch+json",
            "Idempotency-Key": "erase-1",
        },
        content=json.dumps(
            {"name": NAME, "contacts": [{"name": CONTACT, "title": "CFO", "phone": PHONE, "email": EMAIL}]}
        ),
    )
    assert response.status_code == 200, response.text
    assert response.json()["contacts"][0]["phone"] == PHONE  # pii:read sees it unmasked
    score = await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ADMIN)
    assert score.json()["tier"] == "VIP"
    return customer_id


async def _survey_answer(survey, customer_id: str) -> None:
    template = (await survey.get("/v1/surveys/default", headers=ADMIN)).json()

    async def known() -> bool:  # the tier arrived (score-updated), so the answer carries it
        from services.survey.models import CustomerTierRow

        async with survey.app.state.ctx.db.session() as session:
            return await session.get(CustomerTierRow, customer_id) is not None

    await eventually(known, timeout=40)
    invited = await survey.post(
        "/v1/surveys/default/invitations", json={"customer_ids": [customer_id]}, headers=ADMIN
    )
    assert invited.status_code == 201, invited.text
    token = invited.json()["items"][0]["token"]
    comments = {q["id"]: ANSWER for q in template["open_questions"]}
    saved = await survey.post(
        f"/v1/invitations/{token}/progress",
        json={"answers": {template["items"][0]["id"]: 4}, "comments": comments},
    )
    assert saved.status_code in (200, 204), saved.text
    answered = await survey.post(
        f"/v1/invitations/{token}/response",
        json={"answers": {item["id"]: 4 for item in template["items"]}, "nps": 9, "comments": comments},
    )
    assert answered.status_code in (200, 201), answered.text


async def _ticket(feedback, survey, customer_id: str) -> str:
    opened = await feedback.post(
        "/v1/tickets",
        headers={**AGENT, "Idempotency-Key": "erase-2"},
        json={
            "customer_id": customer_id,
            "channel": "phone",
            "type": "complaint",
            "category": "billing",
            "description": TICKET_TEXT,
            "priority": "P3",
        },
    )
    assert opened.status_code == 201, opened.text
    ticket_id = opened.json()["id"]
    for path, body in (
        (f"/v1/tickets/{ticket_id}/messages", {"author": "customer", "body": MESSAGE}),
        (f"/v1/tickets/{ticket_id}/responses", {"message": REPLY}),
        (f"/v1/tickets/{ticket_id}/resolve", {"solution": SOLUTION, "improvement": SOLUTION}),
    ):
        response = await feedback.post(path, json=body, headers=AGENT)
        assert response.status_code in (200, 201), response.text

    async def verification_token():
        page = (await survey.get(f"/v1/customers/{customer_id}/invitations", headers=ADMIN)).json()
        found = [i for i in page["items"] if i["ticket_id"] == ticket_id]
        return found[0]["token"] if found else None

    token = await eventually(verification_token, timeout=40)
    answered = await survey.post(
        f"/v1/invitations/{token}/response",
        json={"solved": True, "answers": {"rating": 5}, "comments": {"comment": VERIFICATION}},
    )
    assert answered.status_code in (200, 201), answered.text
    return ticket_id


async def _care_notes(playbook, customer_id: str) -> None:
    async def an_action():
        plan = (await playbook.get(f"/v1/customers/{customer_id}/plan", headers=ADMIN)).json()
        actions = plan.get("open_actions", []) + plan.get("recent_actions", [])
        return actions[0]["id"] if actions else None

    action_id = await eventually(an_action, timeout=40)
    patched = await playbook.patch(
        f"/v1/actions/{action_id}", headers=ADMIN, json={"customer_feedback": FEEDBACK, "next_step": FEEDBACK}
    )
    assert patched.status_code == 200, patched.text
    case = await playbook.post(
        "/v1/cases",
        headers=ADMIN,
        json={
            "title": "Recovered rollout",
            "customer_id": customer_id,
            "background": CASE,
            "strategy": CASE,
            "execution": CASE,
            "effect": {"summary": CASE},
            "lessons": CASE,
        },
    )
    assert case.status_code == 201, case.text


async def _sent_message(notification, customer_id: str) -> None:
    """A message the service sent earlier, as its sender stores it (subject and rendered text)."""
    now = datetime.now(UTC)
    async with notification.app.state.ctx.db.session() as session, session.begin():
        session.add(
            MessageRow(
                id=str(uuid.uuid4()),
                dedup_key=f"erasure-test:{customer_id}",
                trigger_event_id=str(uuid.uuid4()),
                trigger_event_type="invitation-created",
                customer_id=customer_id,
                recipient_kind="customer",
                recipient=customer_id,
                channel="email",
                template="survey-invitation",
                language="en",
                context={"invitation_id": "inv-1", "greeting": CONTACT},
                status="sent",
                subject=MAIL,
                body=MAIL,
                history=[],
                created_at=now,
                updated_at=now,
                sent_at=now,
            )
        )
    preferences = await notification.put(
        f"/v1/contacts/{customer_id}/preferences", headers=ADMIN, json={"language": "en"}
    )
    assert preferences.status_code == 200, preferences.text


async def _aggregates(stack, customer_id: str) -> dict:
    seg, survey, feedback = stack["segmentation"], stack["survey"], stack["feedback"]
    month = datetime.now(UTC).strftime("%Y-%m")
    vip = (await seg.get("/v1/customers?tier=VIP&limit=500", headers=ADMIN)).json()["items"]
    customer = (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    return {
        "vip_customers": sorted(c["id"] for c in vip),
        "score": {k: customer["score"][k] for k in ("value", "tier", "quadrant", "amount_12m", "orders_12m")},
        "survey_results": (await survey.get("/v1/surveys/default/results", headers=ADMIN)).json(),
        "sla": (await feedback.get(f"/v1/reports/sla?month={month}", headers=ADMIN)).json(),
    }


def _flat(value, path: str = "") -> dict:
    """A report as {path: value}, leaving out when it was generated."""
    if isinstance(value, dict):
        return {
            k: v
            for key, item in value.items()
            if key != "generated_at"
            for k, v in _flat(item, f"{path}.{key}").items()
        }
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{path}[{i}]").items()}
    return {path: value}


async def _scan(dsn: str) -> list[str]:
    """Every text and JSON column of every table of every service schema, for every secret."""
    found = []
    conn = await asyncpg.connect(dsn)
    try:
        columns = await conn.fetch(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = ANY($1::text[]) "
            "AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'character')",
            list(SERVICES),
        )
        assert len({(c["table_schema"], c["table_name"]) for c in columns}) > 40
        for column in columns:
            schema, table, name = column["table_schema"], column["table_name"], column["column_name"]
            for secret in SECRETS:
                hits = await conn.fetchval(
                    f'SELECT count(*) FROM "{schema}"."{table}" WHERE "{name}"::text ILIKE $1', f"%{secret}%"
                )
                if hits:
                    found.append(f"{schema}.{table}.{name}: {secret!r} x{hits}")
    finally:
        await conn.close()
    return found


async def test_erasure_leaves_no_personal_data_in_any_table_or_later_event(own_stack, broker):
    stack, dsn = own_stack
    seg = stack["segmentation"]
    customer_id = await _customer(seg)
    await _survey_answer(stack["survey"], customer_id)
    await _ticket(stack["feedback"], stack["survey"], customer_id)
    await _care_notes(stack["playbook"], customer_id)
    await _sent_message(stack["notification"], customer_id)
    # The scan finds the secrets before the erasure: it can fail.
    before = await _scan(dsn)
    for schema in SERVICES:
        assert any(hit.startswith(f"{schema}.") for hit in before), f"nothing of the customer in {schema}"
    for kept in ("segmentation.idempotency_keys.response_body", "feedback.idempotency_keys.response_body"):
        assert any(hit.startswith(kept) for hit in before), before
    aggregates = await _aggregates(stack, customer_id)

    topics = [f"{PREFIX}{event_type}" for event_type in known_event_types()]
    async with EventCollector(broker.bootstrap, topics) as events:
        await eventually(lambda: len(events.events) > 0, timeout=30)  # the collector reads
        seen_before = len(events.events)
        assert (
            await seg.delete(f"/v1/customers/unknown-{uuid.uuid4().hex[:6]}?reason=request", headers=ADMIN)
        ).status_code == 404
        assert (await seg.delete(f"/v1/customers/{customer_id}", headers=ADMIN)).status_code == 422
        assert (
            await seg.delete(f"/v1/customers/{customer_id}?reason=request", headers=ACCOUNT_MANAGER)
        ).status_code == 403
        first = await seg.request(
            "DELETE",
            f"/v1/customers/{customer_id}",
            headers=ADMIN,
            json={"reason": "PIPL deletion request REQ-1"},
        )
        assert first.status_code == 202, first.text
        erasure_id = first.json()["id"]
        again = await seg.delete(f"/v1/customers/{customer_id}?reason=again", headers=ADMIN)
        assert again.status_code == 202 and again.json()["id"] == erasure_id  # the same erasure

        async def complete():
            view = (await seg.get(f"/v1/erasures/{erasure_id}", headers=ADMIN)).json()
            return view if view["status"] == "complete" else None

        view = await eventually(complete, timeout=60)
        assert {c["service"] for c in view["confirmations"]} == {"segmentation", *SERVICES[1:]}
        assert view["waiting_for"] == [] and view["completed_at"]
        survey_counts = next(c for c in view["confirmations"] if c["service"] == "survey")["redacted"]
        assert survey_counts["responses"] == 2  # the survey answer and the verification
        await events.wait_for(lambda e: e["type"] == "customer-erasure-confirmed", count=4, timeout=30)
        after = events.events[seen_before:]
    published = json.dumps(after)
    assert "customer-erased" in published
    assert [s for s in SECRETS if s.lower() in published.lower()] == []
    assert await _scan(dsn) == []
    now = await _aggregates(stack, customer_id)
    changed = {k: (v, now.get(k)) for k, v in _flat(aggregates).items() if _flat(now).get(k) != v}
    assert changed == {}
    customer = (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
    assert customer["contacts"] == [] and customer["score"]["tier"] == "VIP"
    audit = (await seg.get(f"/v1/audit?entity=customer:{customer_id}", headers=ADMIN)).json()["items"]
    assert audit[0]["action"] == "erased" and audit[0]["actor"] == "admin-1"
    assert audit[0]["detail"]["erasure_id"] == erasure_id
