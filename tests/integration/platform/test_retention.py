"""docs/design.md §11: free text older than the retention period (3 years by default) is redacted by
a daily job of each service; younger text and every figure stay. The test clock moves the years.

Each service runs on a database of its own with its schedules on and no broker traffic. A text is
written "now", the clock moves two years on (the job runs and keeps it), a second text is written,
and the clock moves past three years from the first: the first is redacted, the second kept.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from services.feedback.app import create_app as create_feedback
from services.feedback.models import TicketMessageRow, TicketRow
from services.feedback.settings import feedback_settings
from services.notification.app import create_app as create_notification
from services.notification.models import MessageRow
from services.notification.settings import notification_settings
from services.playbook.app import create_app as create_playbook
from services.playbook.models import CareActionRow
from services.playbook.settings import playbook_settings
from services.survey.app import create_app as create_survey
from services.survey.models import ResponseRow
from services.survey.settings import survey_settings
from shared.erasure import RETENTION_SCHEDULE
from tests.support import ADMIN, bearer, eventually, running_service

AGENT = bearer("agent", sub="agent-retention", team="billing-team")  # billing tickets are routed there
WORDS = "retention words of the customer"


@dataclass
class Case:
    create_app: Any
    settings: Any
    write: Any  # async (client, text) -> key
    read: Any  # async (client, key) -> the texts still held


async def _ticket(client, text: str) -> str:
    opened = await client.post(
        "/v1/tickets",
        headers=AGENT,
        json={
            "customer_id": f"ret-{uuid.uuid4().hex[:6]}",
            "channel": "email",
            "type": "problem",
            "category": "billing",
            "description": text,
            "priority": "P3",
        },
    )
    assert opened.status_code == 201, opened.text
    ticket_id = opened.json()["id"]
    posted = await client.post(
        f"/v1/tickets/{ticket_id}/messages", headers=AGENT, json={"author": "customer", "body": text}
    )
    assert posted.status_code == 201, posted.text
    return ticket_id


async def _ticket_texts(client, ticket_id: str) -> list[str]:
    from sqlalchemy import select

    async with client.app.state.ctx.db.session() as session:
        ticket = await session.get(TicketRow, ticket_id)
        bodies = (
            await session.scalars(
                select(TicketMessageRow.body).where(TicketMessageRow.ticket_id == ticket_id)
            )
        ).all()
    return [t for t in (ticket.description, *bodies) if WORDS in t]


async def _response(client, text: str) -> str:
    customer_id = f"ret-{uuid.uuid4().hex[:6]}"
    template = (await client.get("/v1/surveys/default", headers=ADMIN)).json()
    invited = await client.post(
        "/v1/surveys/default/invitations", json={"customer_ids": [customer_id]}, headers=ADMIN
    )
    assert invited.status_code == 201, invited.text
    token = invited.json()["items"][0]["token"]
    answered = await client.post(
        f"/v1/invitations/{token}/response",
        json={
            "answers": {i["id"]: 3 for i in template["items"]},
            "nps": 7,
            "comments": {q["id"]: text for q in template["open_questions"]},
        },
    )
    assert answered.status_code == 201, answered.text
    return answered.json()["response_id"]


async def _response_texts(client, response_id: str) -> list[str]:
    async with client.app.state.ctx.db.session() as session:
        row = await session.get(ResponseRow, response_id)
    assert row.nps == 7 and row.value is not None  # the figures stay
    return [t for t in row.comments.values() if WORDS in t]


async def _action(client, text: str) -> str:
    now = client.app.state.ctx.clock.now()
    action_id = str(uuid.uuid4())
    async with client.app.state.ctx.db.session() as session, session.begin():
        session.add(
            CareActionRow(
                id=action_id,
                customer_id=f"ret-{action_id[:6]}",
                kind="follow-up",
                title="Follow up",
                channel="phone",
                owner="am-1",
                owner_role="account_manager",
                status="done",
                rule_id="manual",
                trigger_event_id=action_id,
                trigger_event_type="satisfaction-scored",
                explanation={},
                customer_feedback=None,
                next_step=None,
                created_at=now,
                updated_at=now,
            )
        )
    patched = await client.patch(
        f"/v1/actions/{action_id}", headers=ADMIN, json={"customer_feedback": text, "next_step": text}
    )
    assert patched.status_code == 200, patched.text
    return action_id


async def _action_texts(client, action_id: str) -> list[str]:
    async with client.app.state.ctx.db.session() as session:
        row = await session.get(CareActionRow, action_id)
    assert row.status == "done"
    return [t for t in (row.customer_feedback, row.next_step) if t and WORDS in t]


async def _message(client, text: str) -> str:
    """A message as the sender leaves it once sent (subject and rendered text kept for the log)."""
    now = client.app.state.ctx.clock.now()
    message_id = str(uuid.uuid4())
    async with client.app.state.ctx.db.session() as session, session.begin():
        session.add(
            MessageRow(
                id=message_id,
                dedup_key=f"retention:{message_id}",
                trigger_event_id=message_id,
                trigger_event_type="invitation-created",
                customer_id=f"ret-{message_id[:6]}",
                recipient_kind="customer",
                recipient="ret",
                channel="email",
                template="survey-invitation",
                context={},
                status="sent",
                subject=text,
                body=text,
                history=[],
                created_at=now,
                updated_at=now,
                sent_at=now,
            )
        )
    return message_id


async def _message_texts(client, message_id: str) -> list[str]:
    async with client.app.state.ctx.db.session() as session:
        row = await session.get(MessageRow, message_id)
    assert row.status == "sent" and row.channel == "email"
    return [t for t in (row.subject, row.body) if t and WORDS in t]


CASES = {
    "survey": Case(create_survey, survey_settings, _response, _response_texts),
    "feedback": Case(create_feedback, feedback_settings, _ticket, _ticket_texts),
    "playbook": Case(create_playbook, playbook_settings, _action, _action_texts),
    "notification": Case(create_notification, notification_settings, _message, _message_texts),
}


async def _move_clock_and_wait_for_the_job(client, to: datetime) -> dict:
    moved = await client.put("/v1/clock", json={"now": to.isoformat()}, headers=ADMIN)
    assert moved.status_code == 200, moved.text

    async def ran():
        runs = (await client.get(f"/v1/schedules/{RETENTION_SCHEDULE}/runs", headers=ADMIN)).json()
        done = [
            r
            for r in runs
            if r["status"] == "done" and datetime.fromisoformat(r["started_at"].replace("Z", "+00:00")) >= to
        ]
        return done[0] if done else None

    return await eventually(ran, timeout=240, interval=0.5)


@pytest.mark.parametrize("service", list(CASES))
async def test_text_older_than_three_years_is_redacted_and_younger_text_kept(
    service, own_database, platform_config
):
    case = CASES[service]
    settings = case.settings(
        **{
            **platform_config,
            "database_url": own_database,
            "run_consumers": False,
            "run_relay": False,
            "sweep_interval_seconds": 0.2,
        }
    )
    async with running_service(case.create_app(settings)) as client:
        schedules = {s["name"]: s for s in (await client.get("/v1/schedules", headers=ADMIN)).json()}
        assert "3 years" in schedules[RETENTION_SCHEDULE]["description"]
        start = client.app.state.ctx.clock.now()
        old = await case.write(client, f"old {WORDS}")
        assert await case.read(client, old)
        run = await _move_clock_and_wait_for_the_job(client, start + timedelta(days=2 * 365))
        assert await case.read(client, old), run  # two years old: kept
        young = await case.write(client, f"young {WORDS}")
        run = await _move_clock_and_wait_for_the_job(client, start + timedelta(days=3 * 365 + 2))
        assert await case.read(client, old) == [], run
        assert await case.read(client, young), run
        assert sum(v for k, v in run["outcome"].items() if k != "cutoff") >= 1
