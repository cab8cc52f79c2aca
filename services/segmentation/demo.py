"""Demo data for `make run`: the worked examples A, B, C of docs/design.md §3 and a few more customers,
with a year of month-end snapshots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from shared.business_time import first_of_month, zone_named
from shared.demo import already_loaded, demo_client
from shared.rfc3339 import format_time

# id, name, industry, since, growth %, repurchase % (None: from orders), owner,
# days since last order, orders in 12 months, amount in 12 months
CUSTOMERS = [
    ("cust-a", "华信精密制造 (example A)", "manufacturing", "2019-04-01", 15, 85, "am-li", 30, 12, 800_000),
    ("cust-b", "蓝海物流 (example B)", "logistics", "2021-02-15", 8, 60, "am-li", 60, 6, 300_000),
    ("cust-c", "启明教育 (example C)", "education", "2023-09-01", -3, 30, "am-wang", 120, 2, 80_000),
    ("cust-d", "Northwind Retail", "retail", "2018-06-01", 5, None, "am-wang", 12, 18, 620_000),
    ("cust-e", "星辰医疗科技", "healthcare", "2024-11-01", 22, None, "am-zhao", 45, 4, 150_000),
    ("cust-f", "Contoso Energy", "energy", "2020-01-10", 2, None, "am-zhao", 200, 1, 20_000),
    ("cust-g", "云帆软件", "software", "2022-05-20", 18, None, "am-li", 8, 10, 450_000),
    ("cust-h", "Fabrikam Foods", "food", "2017-03-03", 1, None, "am-wang", 95, 3, 60_000),
]


def _orders(customer_id: str, days_since_last: int, count: int, amount: float) -> list[dict]:
    now = datetime.now(UTC)
    step = max(1, (330 - days_since_last) // max(count, 1))
    return [
        {
            "order_id": f"{customer_id}-demo-{i + 1}",
            "amount": round(amount / count, 2),
            "ordered_at": format_time(now - timedelta(days=min(days_since_last + i * step, 360))),
        }
        for i in range(count)
    ]


async def load_demo(
    base_url: str, headers: dict[str, str], *, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """The worked examples and a few more customers with orders; skipped when customers exist."""
    async with demo_client(base_url, headers, transport) as client:
        if await already_loaded(client, "/v1/customers"):
            return
        for cid, name, industry, since, growth, repurchase, owner, days, count, amount in CUSTOMERS:
            profile = {
                "name": name, "industry": industry, "size": "large", "since": since,
                "growth_pct": growth, "repurchase_rate": repurchase, "owner": owner,
                "contacts": [{"name": "Demo Contact", "title": "Procurement lead",
                              "phone": "13800001234", "email": f"contact@{cid}.example.com"}],
            }
            (await client.put(f"/v1/customers/{cid}", json=profile)).raise_for_status()
            (await client.post(f"/v1/customers/{cid}/orders",
                               json=_orders(cid, days, count, amount))).raise_for_status()
            await client.post(f"/v1/customers/{cid}/interactions", json={
                "kind": "visit", "occurred_at": format_time(datetime.now(UTC) - timedelta(days=days))})
            (await client.post(f"/v1/customers/{cid}/rescore")).raise_for_status()
        # A year of month-end snapshots from the orders above, oldest first: every customer shows
        # a trend, and one whose orders stopped shows the 3-month decline warning.
        clock = (await client.get("/v1/clock")).json()  # the service's time and business zone
        now = datetime.fromisoformat(clock["now"].replace("Z", "+00:00"))
        this_month = now.astimezone(zone_named(clock["time_zone"])).date().replace(day=1)
        for months_ago in range(12, 0, -1):
            month = first_of_month(this_month, -months_ago).strftime("%Y-%m")
            (await client.post("/v1/monthly-snapshots", json={"month": month})).raise_for_status()
