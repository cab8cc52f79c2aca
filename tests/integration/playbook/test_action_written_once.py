"""A care action and its `action-created` event are one statement on PostgreSQL; the same event
making the same action again writes neither the action nor a second event."""

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from services.playbook import repository
from services.playbook.models import CareActionRow
from services.playbook.service.planning import created_event


def _action_values(customer_id: str, trigger: str) -> dict:
    at = datetime.now(UTC)
    return {"id": str(uuid.uuid4()), "customer_id": customer_id, "kind": "callback", "title": "Call back",
            "channel": "phone", "owner": None, "owner_role": "account_manager", "status": "pending",
            "due_at": at, "deep_contact": True, "promised": False, "contact_at": at,
            "rule_id": "written-once", "rule_version": 1, "trigger_event_id": trigger,
            "trigger_event_type": "satisfaction-scored", "explanation": {"rule": {"id": "written-once"}},
            "created_at": at, "updated_at": at, "survey_attempts": 0}


async def test_an_action_made_twice_by_one_event_is_stored_and_announced_once(playbook, customer_id):
    ctx = playbook.app.state.ctx
    trigger = str(uuid.uuid4())

    def event(action):
        return "action-created", customer_id, created_event(action)

    async def insert() -> CareActionRow | None:
        async with ctx.db.session() as session, session.begin():
            return await repository.insert_action(session, _action_values(customer_id, trigger), ctx.outbox,
                                                  event)

    made, again = await insert(), await insert()
    assert made is not None and made.customer_id == customer_id and again is None

    outbox = ctx.tables["outbox"]
    async with ctx.db.session() as session:
        envelopes = (await session.scalars(select(outbox.c.envelope).where(
            outbox.c.event_type == "action-created", outbox.c.message_key == customer_id))).all()
        actions = (await session.scalars(select(CareActionRow.id).where(
            CareActionRow.customer_id == customer_id))).all()
    assert actions == [made.id]
    assert [json.loads(e)["data"]["action_id"] for e in envelopes] == [made.id]
