"""Demo data through the survey API: the segmentation demo's customers invited to the default
survey, six of them answering in two languages."""

from __future__ import annotations

import asyncio
import time

import httpx

from shared.demo import already_loaded, demo_client

# (customer id, Likert answer for every item, NPS, open answer). Customers of the segmentation
# demo, so that results, NPS and CSAT show by tier and the playbook plans care for real owners.
DEMO_ANSWERS = [
    ("cust-g", 5, 10, "响应速度很快,技术支持非常专业"),  # Key
    ("cust-d", 4, 8, "Support replies quickly, but the price went up again"),  # Key
    ("cust-e", 3, 6, "价格太贵了,性价比不高"),  # Regular
    ("cust-c", 2, 3, "The system crashes every week, stability must improve"),  # Observation
    ("cust-h", 4, 9, "系统偶尔卡顿,希望提升稳定性"),  # Observation
    ("cust-f", 1, 0, "Too slow to respond to urgent tickets, we waited two days"),  # Observation
]
# Invited and not answered yet: their invitations are mailed (under `make run` the notification
# service's mail sink shows them) and their answering links work.
MAILED = ["cust-a", "cust-b"]


# An invitation keeps the tier the survey knew when it was sent, and the demo loads right after
# segmentation's: it waits this long at most to hear the customers' tiers.
TIERS_AWAITED_SECONDS = 30.0


async def _tiers_known(client: httpx.AsyncClient, customer_ids: list[str]) -> None:
    """Until the survey has heard each customer's tier from segmentation (or the wait is over)."""
    deadline = time.monotonic() + TIERS_AWAITED_SECONDS
    pending = list(customer_ids)
    while pending and time.monotonic() < deadline:
        known = [(await client.get(f"/v1/customers/{c}/satisfaction")).json().get("tier") for c in pending]
        pending = [c for c, tier in zip(pending, known, strict=True) if tier is None]
        if pending:
            await asyncio.sleep(0.5)


async def load_demo(
    base_url: str, headers: dict[str, str], *, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """Invite the demo customers to the default survey and answer for six; skipped when loaded."""
    async with demo_client(base_url, headers, transport) as client:
        if await already_loaded(client, f"/v1/customers/{DEMO_ANSWERS[0][0]}/invitations"):
            return
        customers = [c for c, *_ in DEMO_ANSWERS] + MAILED
        await _tiers_known(client, customers)
        survey = (await client.get("/v1/surveys/default")).json()
        items = [item["id"] for item in survey["items"]]
        created = await client.post("/v1/surveys/default/invitations", json={"customer_ids": customers})
        created.raise_for_status()
        # A customer the survey's own schedule invited already is skipped (fatigue guard).
        tokens = {i["customer_id"]: i["token"] for i in created.json()["items"]}
        for customer_id, likert, nps, text in DEMO_ANSWERS:
            if customer_id not in tokens:
                continue
            # The public endpoint needs no login: the token is the key.
            response = await client.post(
                f"/v1/invitations/{tokens[customer_id]}/response",
                json={"answers": dict.fromkeys(items, likert), "nps": nps,
                      "comments": {"improvements": text}},
            )
            response.raise_for_status()
