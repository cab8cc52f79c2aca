"""docs/design.md §10: SMS through an HTTP gateway (signed request), a WeCom robot, and a provider's
delivery receipt; each provider here is a real HTTP server checking what the adapter sends."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shared.events.envelope import new_event
from tests.integration.notification.helpers import invitation_created, iso, new_id, publish, serving
from tests.integration.notification.test_customer_email import customer_with_invitation, status_of
from tests.support import ADMIN, eventually


class Gateway:
    """An SMS gateway and a WeCom robot that refuse what is not signed or keyed as configured."""

    def __init__(self) -> None:
        self.sms: list[dict] = []
        self.wecom: list[dict] = []

    async def send_sms(self, request: Request) -> Response:
        body = await request.body()
        expected = hmac.new(
            b"sms-secret", request.headers["x-timestamp"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        if request.headers.get("x-signature") != expected or request.headers.get("x-api-key") != "sms-key":
            return Response(status_code=401)
        self.sms.append(await request.json())
        return JSONResponse({"accepted": True})

    async def wecom_robot(self, request: Request) -> JSONResponse:
        if request.query_params.get("key") != "robot-key":
            return JSONResponse({"errcode": 93000, "errmsg": "invalid webhook url"})
        self.wecom.append(await request.json())
        return JSONResponse({"errcode": 0, "errmsg": "ok"})


@pytest.fixture
async def gateway(notification):
    found = Gateway()
    settings = notification.app.state.ctx.settings
    app = Starlette(
        routes=[
            Route("/sms", found.send_sms, methods=["POST"]),
            Route("/cgi-bin/webhook/send", found.wecom_robot, methods=["POST"]),
        ]
    )
    async with serving(app) as url:
        settings.sms_endpoint, settings.sms_api_key, settings.sms_signing_secret = (
            f"{url}/sms",
            "sms-key",
            "sms-secret",
        )
        settings.wecom_robot_endpoint, settings.wecom_robot_key = f"{url}/cgi-bin/webhook/send", "robot-key"
        yield found
        settings.sms_endpoint = settings.wecom_robot_key = None


async def test_a_contact_who_prefers_sms_gets_a_signed_sms_and_a_receipt_marks_it_delivered(
    notification, peers, broker, gateway
):
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    put = await notification.put(
        f"/v1/contacts/{customer_id}/preferences",
        headers=ADMIN,
        json={"preferred_channel": "sms", "language": "en"},
    )
    assert put.status_code == 200, put.text
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    sent = await eventually(lambda: status_of(notification, customer_id, "sent"), timeout=20)
    assert sent["channel"] == "sms"
    (sms,) = [s for s in gateway.sms if s["client_message_id"] == sent["id"]]
    assert sms["to"] == "13911112222" and "How are we doing?" in sms["text"]
    receipt = await notification.post(
        f"/v1/messages/{sent['id']}/receipts", headers=ADMIN, json={"status": "delivered"}
    )
    assert receipt.status_code == 200 and receipt.json()["status"] == "delivered"
    assert receipt.json()["delivered_at"]


async def test_an_action_overdue_reaches_its_owner_through_the_wecom_robot(notification, broker, gateway):
    owner = new_id("am")
    created = await notification.put(
        f"/v1/staff/{owner}",
        headers=ADMIN,
        json={"name": "李雷", "channel": "wecom", "groups": ["account_manager"]},
    )
    assert created.status_code == 201, created.text
    customer, action = new_id("OV"), new_id("A")
    await publish(
        broker.bootstrap,
        new_event(
            "action-overdue",
            "playbook",
            customer,
            {
                "customer_id": customer,
                "action_id": action,
                "kind": "follow-up",
                "owner": owner,
                "due_at": iso(),
                "detected_at": iso(),
            },
            None,
        ),
    )
    await eventually(lambda: any(action in post["text"]["content"] for post in gateway.wecom), timeout=20)
    (post,) = [p for p in gateway.wecom if action in p["text"]["content"]]
    assert (
        post["msgtype"] == "text"
        and "李雷" in post["text"]["content"]
        and customer in post["text"]["content"]
    )
