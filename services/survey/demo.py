"""Demo data through the survey API: the segmentation demo's customers invited to the default
survey, six of them answering in two languages."""

from __future__ import annotations

import asyncio
import time

import httpx

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


async def _tiers_known(client: httpx.AsyncClient, customer_ids: list[str], wait_seconds: float) -> None:
    """Wait (a while at most) until the survey has heard each customer's tier from segmentation:
    an invitation keeps the tier it was sent at, and the demo loads right after segmentation's."""
    deadline = time.monotonic() + wait_seconds
    pending = list(customer_ids)
    while pending and time.monotonic() < deadline:
        known = [(await client.get(f"/v1/customers/{c}/satisfaction")).json().get("tier") for c in pending]
        pending = [c for c, tier in zip(pending, known, strict=True) if tier is None]
        if pending:
            await asyncio.sleep(0.5)


async def load_demo(base_url: str, headers: dict[str, str], *, tier_wait_seconds: float = 30.0) -> None:
    """Invite the demo customers to the default survey and answer for six; skipped when loaded."""
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
        existing = await client.get(f"/v1/customers/{DEMO_ANSWERS[0][0]}/invitations")
        existing.raise_for_status()
        if existing.json()["items"]:
            return
        customers = [c for c, *_ in DEMO_ANSWERS] + MAILED
        await _tiers_known(client, customers, tier_wait_seconds)
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
