import uuid
from datetime import UTC, datetime, timedelta

from tests.support import bearer

ACCOUNT_MANAGER = bearer("account_manager", sub="am-1")
MANAGER = bearer("manager", sub="mgr-1")
ANALYST = bearer("analyst", sub="an-1")

# docs/design.md §3 worked examples: (days since last order, orders, amount, growth %, repurchase %).
WORKED = {
    "A": (30, 12, 800_000, 15, 85, 93.1, "VIP"),
    "B": (60, 6, 300_000, 8, 60, 75.0, "Key"),
    "C": (120, 2, 80_000, -3, 30, 44.4, "Observation"),
}


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def orders_for(customer_id: str, days_since_last: int, count: int, amount: float) -> list[dict]:
    """`count` orders inside the last 12 months summing to `amount`, the latest `days_since_last` ago."""
    now = datetime.now(UTC)
    orders = []
    for i in range(count):
        days = days_since_last + i * max(1, (330 - days_since_last) // max(count, 1))
        orders.append({
            "order_id": f"{customer_id}-o{i}",
            "amount": round(amount / count, 2),
            "ordered_at": (now - timedelta(days=min(days, 360))).isoformat(),
        })
    return orders


async def create_customer(client, customer_id: str, **profile) -> dict:
    body = {"name": f"Customer {customer_id}", "industry": "manufacturing", "size": "large",
            "since": "2020-03-01", "growth_pct": 5, "owner": "am-1", **profile}
    response = await client.put(f"/v1/customers/{customer_id}", json=body, headers=ACCOUNT_MANAGER)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def create_worked_example(client, letter: str, prefix: str = "ex") -> str:
    days, count, amount, growth, repurchase, _, _ = WORKED[letter]
    customer_id = new_id(f"{prefix}{letter}")
    await create_customer(client, customer_id, growth_pct=growth, repurchase_rate=repurchase)
    response = await client.post(f"/v1/customers/{customer_id}/orders",
                                 json=orders_for(customer_id, days, count, amount),
                                 headers=ACCOUNT_MANAGER)
    assert response.status_code == 200, response.text
    return customer_id
