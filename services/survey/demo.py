"""Demo data through the survey API: invitations to the default survey, answered in two languages."""

from __future__ import annotations

import httpx

from shared.demo import already_loaded, demo_client

DEMO_ANSWERS = [
    # (customer id, Likert answer for every item, NPS, open answer)
    ("demo-acme", 5, 10, "响应速度很快,技术支持非常专业"),
    ("demo-globex", 4, 8, "Support replies quickly, but the price went up again"),
    ("demo-initech", 3, 6, "价格太贵了,性价比不高"),
    ("demo-umbrella", 2, 3, "The system crashes every week, stability must improve"),
    ("demo-hooli", 4, 9, "系统偶尔卡顿,希望提升稳定性"),
    ("demo-stark", 1, 0, "Too slow to respond to urgent tickets, we waited two days"),
]
# The customers of the segmentation demo have contacts: their invitations are mailed (the
# notification service's mail sink shows them under `make run`); they have not answered yet.
MAILED = ["cust-a", "cust-b", "cust-c", "cust-d", "cust-e", "cust-f", "cust-g", "cust-h"]


async def load_demo(
    base_url: str, headers: dict[str, str], *, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """Invite six demo customers to the default survey and answer; skipped when already loaded."""
    async with demo_client(base_url, headers, transport) as client:
        if await already_loaded(client, f"/v1/customers/{DEMO_ANSWERS[0][0]}/invitations"):
            return
        survey = (await client.get("/v1/surveys/default")).json()
        items = [item["id"] for item in survey["items"]]
        created = await client.post(
            "/v1/surveys/default/invitations",
            json={"customer_ids": [c for c, *_ in DEMO_ANSWERS] + ["demo-wayne", *MAILED]},
        )
        created.raise_for_status()
        tokens = {i["customer_id"]: i["token"] for i in created.json()["items"]}
        for customer_id, likert, nps, text in DEMO_ANSWERS:
            # The public endpoint needs no login: the token is the key.
            response = await client.post(
                f"/v1/invitations/{tokens[customer_id]}/response",
                json={"answers": dict.fromkeys(items, likert), "nps": nps,
                      "comments": {"improvements": text}},
            )
            response.raise_for_status()
