import uuid
from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaProducer

from services.survey.domain.templates import DEFAULT_TEMPLATE
from services.survey.models import InvitationRow
from shared.events.envelope import Event, new_event
from tests.support import bearer

ACCOUNT_MANAGER = bearer("account_manager", sub="am-1")
AGENT = bearer("agent", sub="agent-1")
MANAGER = bearer("manager", sub="mgr-1")
ANALYST = bearer("analyst", sub="an-1")
ITEMS = list(DEFAULT_TEMPLATE.items)


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def answers(value: int = 4, **overrides: int) -> dict[str, int]:
    result = dict.fromkeys(ITEMS, value)
    result.update({k.replace("__", "."): v for k, v in overrides.items()})
    return result


async def invite(client, customer_ids: list[str], survey_id: str = "default", **extra) -> list[dict]:
    """A manager invites (an account manager invites its own customers only: docs/design.md §11)."""
    response = await client.post(
        f"/v1/surveys/{survey_id}/invitations", json={"customer_ids": customer_ids, **extra},
        headers=MANAGER,
    )
    assert response.status_code == 201, response.text
    return response.json()["items"]


async def invited_days_ago(client, invitation_id: str, days: int) -> None:
    """Move an invitation back in time, as if it had been made `days` ago (the fatigue guard
    allows one survey invitation per customer in 30 days)."""
    ctx = client.app.state.ctx
    async with ctx.db.session() as session, session.begin():
        row = await session.get(InvitationRow, invitation_id)
        row.created_at -= timedelta(days=days)


async def respond(client, token: str, body: dict):
    return await client.post(f"/v1/invitations/{token}/response", json=body)


def score_updated(customer_id: str, tier: str, quadrant: str | None = "core",
                  computed_at: datetime | None = None) -> Event:
    at = (computed_at or datetime.now(UTC)).isoformat().replace("+00:00", "Z")
    return new_event("score-updated", "segmentation", customer_id, {
        "customer_id": customer_id, "score": 91.0, "tier": tier, "quadrant": quadrant,
        "model_version": "rfm-weighted-v1", "computed_at": at,
    }, None)


def ticket_resolved(customer_id: str, ticket_id: str) -> Event:
    return new_event("ticket-resolved", "feedback", customer_id, {
        "customer_id": customer_id, "ticket_id": ticket_id, "priority": "P2",
        "resolved_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }, None)


async def publish(bootstrap: str, *events: Event) -> None:
    """Produce CloudEvents envelopes as another service would (topic = event type, key = customer)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(event.type, value=event.to_json().encode(),
                                         key=event.subject.encode())
    finally:
        await producer.stop()
