"""Demo data for `make run`: a few tickets in different states, over the service's own HTTP API."""

from __future__ import annotations

import httpx

from shared.demo import already_loaded, demo_client

DEMO_TICKETS = [
    {"customer_id": "cust-a", "channel": "phone", "type": "complaint", "category": "technical",
     "description": "生产系统宕机,订单无法使用,客户要求投诉处理"},
    {"customer_id": "cust-b", "channel": "email", "type": "problem", "category": "billing",
     "description": "导出发票失败,页面报错"},
    {"customer_id": "cust-c", "channel": "app", "type": "suggestion", "category": "product",
     "description": "希望报表支持按季度汇总"},
    {"customer_id": "cust-d", "channel": "web", "type": "problem", "category": "account",
     "description": "审批流程卡住两天了"},
    {"customer_id": "cust-e", "channel": "community", "type": "praise", "category": "product",
     "description": "新版本速度很快,点赞"},
]


async def load_demo(
    base_url: str, headers: dict[str, str], *, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """Open five tickets and walk two of them through the life cycle (one with a conversation);
    skipped when tickets exist."""
    async with demo_client(base_url, headers, transport) as client:
        if await already_loaded(client, "/v1/tickets"):
            return
        opened = []
        for body in DEMO_TICKETS:
            response = await client.post("/v1/tickets", json=body)
            response.raise_for_status()
            opened.append(response.json()["id"])
        first, second = opened[0], opened[1]
        for path, body in (
            (f"/v1/tickets/{first}/assign", {"assignee": "agent-zhang"}),
            (f"/v1/tickets/{first}/responses", {"message": "已收到,技术团队正在排查"}),
            (f"/v1/tickets/{first}/messages", {"author": "customer", "body": "什么时候能恢复?",
                                               "channel": "phone"}),
            (f"/v1/tickets/{first}/messages", {"author": "agent", "body": "已回滚故障版本,正在验证",
                                               "channel": "phone"}),
            (f"/v1/tickets/{first}/resolve", {"solution": "回滚故障版本并扩容数据库",
                                              "improvement": "发布前增加压测与灰度"}),
            (f"/v1/tickets/{second}/assign", {"assignee": "agent-li"}),
            (f"/v1/tickets/{second}/responses", {"message": "请提供报错截图"}),
            (f"/v1/tickets/{second}/status", {"status": "pending_customer"}),
        ):
            (await client.post(path, json=body)).raise_for_status()
