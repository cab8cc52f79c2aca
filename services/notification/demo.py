"""Demo data for `make run`: the staff directory of the other demos' owners, and a webhook
subscription of the local receiver (the mail sink's page) to ticket events."""

from __future__ import annotations

import os

import httpx

STAFF = [  # id, name (a mail greets them by it), language, channel, groups
    ("am-li", "李雷", "zh-CN", "email", ["account_manager"]),
    ("am-wang", "王芳", "zh-CN", "email", ["account_manager"]),
    ("am-zhao", "Zhao Min", "en", "email", ["account_manager"]),
    ("lead-support", "陈静", "zh-CN", "email", ["team_lead"]),
    ("task-force", "专项小组", "zh-CN", "email", ["task_force"]),
    ("manager-sun", "Sun Yue", "en", "email", ["manager"]),
    ("marketing", "Marketing desk", "en", "email", ["marketing", "sales", "executive", "support", "analyst"]),
]


async def load_demo(base_url: str, headers: dict[str, str]) -> None:
    """Skipped when the directory has members already."""
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
        existing = await client.get("/v1/staff")
        existing.raise_for_status()
        if existing.json()["items"]:
            return
        for staff_id, name, language, channel, groups in STAFF:
            (
                await client.put(
                    f"/v1/staff/{staff_id}",
                    json={
                        "name": name,
                        "email": f"{staff_id}@staff.crm-care.example",
                        "language": language,
                        "channel": channel,
                        "groups": groups,
                    },
                )
            ).raise_for_status()
        sink = os.environ.get("CRM_DEV_SINK_URL")
        if not sink:
            return
        created = await client.post(
            "/v1/webhooks",
            json={
                "url": f"{sink}/webhook",
                "description": "local demo receiver (make run)",
                "event_types": ["ticket-created", "ticket-resolved", "ticket-escalated"],
            },
        )
        created.raise_for_status()
        async with httpx.AsyncClient(timeout=10) as receiver:
            # The secret is shown once: handed to the demo receiver so it can check signatures.
            (
                await receiver.post(f"{sink}/webhook-secrets", json={"secret": created.json()["secret"]})
            ).raise_for_status()
