"""Demo data for `make run`: cases and contact outcomes over the playbook's own HTTP API.

Care actions themselves come from events (scores, survey answers, escalations) once the other
services' demo data flows through the broker.
"""

from __future__ import annotations

import httpx

from shared.demo import already_loaded, demo_client

DEMO_CASES = [
    {
        "title": "重点客户故障后挽回 / Key account won back after an outage",
        "tier": "Key", "quadrant": "potential",
        "background": "一个季度内两次P1故障,NPS跌至-10,续约意向下降。",
        "strategy": "成立专项小组,48小时内提交书面整改方案并承诺完成日期;每月服务复盘。",
        "execution": "方案48小时内交付;连续四周每周回访;提供新功能试用。",
        "effect": {"metrics": [{"name": "NPS", "before": -10, "after": 40, "unit": "points"},
                               {"name": "renewal rate", "before": 100, "after": 130, "unit": "%"}],
                   "summary": "30天内续约率提升30%"},
        "lessons": "先给日期再道歉:客户要的是可验证的承诺。",
        "tags": ["remediation", "task-force"],
    },
    {
        "title": "沉睡客户唤醒 / Dormant customer reactivated",
        "tier": "Observation", "quadrant": "to-optimize",
        "background": "200天无订单,邮件连续三次未打开。",
        "strategy": "暂停邮件渠道,改为电话回访,提供延长试用。",
        "execution": "客户经理电话沟通需求,安排两周延长试用。",
        "effect": {"metrics": [{"name": "orders in 90 days", "before": 0, "after": 2}],
                   "summary": "三个月内恢复下单"},
        "lessons": "未打开的渠道不要再发,换渠道比加频次有效。",
        "tags": ["win-back"],
    },
]
DEMO_CONTACTS = [("cust-d", "email", False), ("cust-d", "email", False), ("cust-d", "email", False),
                 ("cust-a", "email", True)]


async def load_demo(
    base_url: str, headers: dict[str, str], *, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """Two cases and a few contact outcomes (cust-d's email channel ends paused); skipped when cases exist."""
    async with demo_client(base_url, headers, transport) as client:
        if await already_loaded(client, "/v1/cases"):
            return
        for case in DEMO_CASES:
            (await client.post("/v1/cases", json=case)).raise_for_status()
        for customer_id, channel, opened in DEMO_CONTACTS:
            response = await client.post(f"/v1/customers/{customer_id}/contacts",
                                         json={"channel": channel, "opened": opened})
            response.raise_for_status()
