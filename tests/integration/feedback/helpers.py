import uuid
from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaProducer

from shared.events.envelope import new_event
from shared.rfc3339 import format_time, parse_time
from tests.support import assign_customers, bearer

# The tech-support team: where the routing sends the `technical` tickets the tests open.
AGENT = bearer("agent", sub="agent-1", team="tech-support")
ACCOUNT_MANAGER = bearer("account_manager", sub="am-1")
MANAGER = bearer("manager", sub="mgr-1")
ANALYST = bearer("analyst", sub="an-1")
iso, parse = format_time, parse_time  # the names the tests use for the platform's RFC 3339 helpers


def new_id(prefix: str = "cust") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def shanghai(*args) -> datetime:
    return datetime(*args, tzinfo=UTC) - timedelta(hours=8)


async def assign_customer(client, customer_id: str, owner: str, team: str | None = None) -> None:
    """Feedback learns the customer's owner (and team), as `customer-assigned` tells it."""
    await assign_customers(client, owner, customer_id, team=team)


async def open_ticket(client, customer_id: str | None = None, **fields) -> dict:
    body = {"customer_id": customer_id or new_id(), "channel": "phone", "type": "problem",
            "category": "technical", "description": "导出报表失败", **fields}
    response = await client.post("/v1/tickets", json=body, headers=AGENT)
    assert response.status_code == 201, response.text
    return response.json()


async def post(client, ticket_id: str, action: str, body: dict, headers=AGENT) -> dict:
    response = await client.post(f"/v1/tickets/{ticket_id}/{action}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def get_ticket(client, ticket_id: str) -> dict:
    response = await client.get(f"/v1/tickets/{ticket_id}", headers=MANAGER)
    assert response.status_code == 200, response.text
    return response.json()


async def produce(bootstrap: str, event_type: str, subject: str, data: dict, source: str) -> str:
    """Publish an event as another service would: a CloudEvents envelope keyed by customer."""
    event = new_event(event_type, source, subject, data, None)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        await producer.send_and_wait(event_type, event.to_json().encode(), key=subject.encode())
    finally:
        await producer.stop()
    return event.id
