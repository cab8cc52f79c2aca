"""docs/design.md §10 and §11: quiet hours and the daily cap hold customer messages (P1 excepted); staff
hear of escalations and actions (e-mail, a signed DingTalk robot); erasure of a contact."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, time, timedelta
from urllib.parse import unquote

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from services.notification.domain.respect import RespectPolicy
from services.notification.service.sending import RESPECT_POLICY
from shared.events.envelope import new_event
from tests.integration.notification.helpers import invitation_created, iso, new_id, publish, serving
from tests.integration.notification.test_customer_email import customer_with_invitation, status_of
from tests.support import ADMIN, EventCollector, eventually


@pytest.fixture
def policy(notification):
    """The test sets the service's respect policy (quiet hours, cap) and the default is restored."""
    ctx = notification.app.state.ctx
    original = ctx.state[RESPECT_POLICY]
    yield ctx
    ctx.state[RESPECT_POLICY] = original


def quiet_now() -> RespectPolicy:
    """Quiet hours that include this moment: 2 hours around now, business time."""
    local = datetime.now(UTC).astimezone(RespectPolicy().timezone)
    start = (local - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local + timedelta(hours=1)).time().replace(second=0, microsecond=0)
    return RespectPolicy(quiet_start=start, quiet_end=end)


async def test_quiet_hours_hold_a_survey_but_not_a_p1_verification(
    notification, peers, mail_sink, broker, policy
):
    policy.state[RESPECT_POLICY] = quiet_now()
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    held = await eventually(lambda: status_of(notification, customer_id, "queued"), timeout=20)

    async def held_with_reason():
        message = (await notification.get(f"/v1/messages/{held['id']}", headers=ADMIN)).json()
        return message if message["reason"] else None

    message = await eventually(held_with_reason)
    assert message["reason"].startswith("quiet hours") and message["attempts"] == 0
    until = datetime.fromisoformat(message["next_attempt_at"])
    assert timedelta(minutes=50) < until - datetime.now(UTC) <= timedelta(hours=1)
    # A P1 matter is excepted: the verification question of a P1 ticket goes out now.
    p1 = invitation_created(customer_id, invitation_id, kind="verification", priority="P1", ticket_id="T-P1")
    await publish(broker.bootstrap, p1)
    (mail,) = await eventually(lambda: mail_sink.to(f"{customer_id.lower()}@customer.example"), timeout=20)
    assert "T-P1" in mail.subject


async def test_the_daily_cap_holds_the_fourth_message_until_the_next_business_morning(
    notification, peers, mail_sink, broker, policy
):
    policy.state[RESPECT_POLICY] = RespectPolicy(quiet_start=time(3, 0), quiet_end=time(3, 1), daily_cap=3)
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    for number in range(4):
        await publish(
            broker.bootstrap,
            invitation_created(customer_id, invitation_id, kind="reminder", reminder_number=1 + number % 2),
        )

    async def settled():
        items = (
            await notification.get("/v1/messages", params={"customer_id": customer_id}, headers=ADMIN)
        ).json()["items"]
        held = [
            m
            for m in items
            if m["status"] == "queued"
            and m["next_attempt_at"]
            and datetime.fromisoformat(m["next_attempt_at"]) > datetime.now(UTC) + timedelta(hours=1)
        ]
        return items if len(items) == 4 and len(held) == 1 else None

    items = await eventually(settled, timeout=30)
    assert sorted(m["status"] for m in items) == ["queued", "sent", "sent", "sent"]
    (held,) = [m for m in items if m["status"] == "queued"]
    assert "daily cap: at most 3 messages a day" in held["reason"]
    assert datetime.fromisoformat(held["next_attempt_at"]).astimezone(
        RespectPolicy().timezone
    ).time() == time(3, 1)
    assert len(mail_sink.to(f"{customer_id.lower()}@customer.example")) == 3


class DingTalkRobot:
    """A DingTalk-compatible robot endpoint that checks the timestamp signature like the real one."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.posts: list[dict] = []

    async def send(self, request: Request) -> JSONResponse:
        timestamp, sign = request.query_params["timestamp"], request.query_params["sign"]
        expected = base64.b64encode(
            hmac.new(self.secret.encode(), f"{timestamp}\n{self.secret}".encode(), hashlib.sha256).digest()
        ).decode()
        if request.query_params.get("access_token") != "robot-token" or unquote(sign) != expected:
            return JSONResponse({"errcode": 310000, "errmsg": "sign not match"})
        self.posts.append(await request.json())
        return JSONResponse({"errcode": 0, "errmsg": "ok"})


async def test_escalations_reach_the_team_lead_by_email_and_the_task_force_through_the_dingtalk_robot(
    notification, mail_sink, broker
):
    robot = DingTalkRobot("SECdingtalk")
    settings = notification.app.state.ctx.settings
    team = new_id("team")
    async with serving(Starlette(routes=[Route("/robot/send", robot.send, methods=["POST"])])) as url:
        settings.dingtalk_robot_endpoint, settings.dingtalk_access_token = f"{url}/robot/send", "robot-token"
        settings.dingtalk_secret = robot.secret
        lead = await notification.put(
            f"/v1/staff/lead-{team}",
            headers=ADMIN,
            json={
                "name": "Team lead",
                "email": f"lead@{team}.example",
                "language": "en",
                "groups": [f"team_lead:{team}"],
            },
        )
        assert lead.status_code == 201, lead.text
        force = await notification.put(
            f"/v1/staff/force-{team}",
            headers=ADMIN,
            json={"name": "专项小组", "channel": "dingtalk", "groups": ["task_force"]},
        )
        assert force.status_code == 201, force.text
        customer, ticket = new_id("ES"), new_id("T")
        base = {
            "customer_id": customer,
            "ticket_id": ticket,
            "priority": "P2",
            "tier": "VIP",
            "metric": "resolution",
            "due_at": iso(),
            "escalated_at": iso(),
            "team": team,
        }
        await publish(
            broker.bootstrap,
            new_event("ticket-escalated", "feedback", customer, {**base, "level": 1}, None),
            new_event("ticket-escalated", "feedback", customer, {**base, "level": 2}, None),
        )
        (mail,) = await eventually(lambda: mail_sink.to(f"lead@{team}.example"), timeout=20)
        assert mail.subject == f"Escalation level 1: ticket {ticket}" and "Team lead" in mail.text
        assert "Unsubscribe" not in mail.text  # staff messages carry no customer unsubscribe link
        await eventually(lambda: any(ticket in p["text"]["content"] for p in robot.posts), timeout=20)
        (post,) = [p for p in robot.posts if ticket in p["text"]["content"]]
        assert post["msgtype"] == "text" and "专项小组" in post["text"]["content"]
    settings.dingtalk_access_token = None


async def test_erasing_a_contact_removes_preferences_and_texts_and_keeps_the_counts(
    notification, peers, mail_sink, broker
):
    customer_id, invitation_id, _ = await customer_with_invitation(peers)
    put = await notification.put(
        f"/v1/contacts/{customer_id}/preferences",
        headers=ADMIN,
        json={"language": "en", "preferred_channel": "email"},
    )
    assert put.status_code == 200
    await publish(broker.bootstrap, invitation_created(customer_id, invitation_id))
    sent = await eventually(lambda: status_of(notification, customer_id, "sent"), timeout=20)
    assert (await notification.get(f"/v1/messages/{sent['id']}", headers=ADMIN)).json()["body"]
    erasure_id = new_id("erasure")
    async with EventCollector(broker.bootstrap, ["customer-erasure-confirmed"]) as confirmations:
        await publish(
            broker.bootstrap,
            new_event(
                "customer-erased",
                "segmentation",
                customer_id,
                {"customer_id": customer_id, "erasure_id": erasure_id, "requested_at": iso()},
                None,
            ),
        )
        (confirmed,) = await confirmations.wait_for(
            lambda e: e["subject"] == customer_id and e["data"]["service"] == "notification", timeout=20
        )
    assert confirmed["data"]["erasure_id"] == erasure_id and confirmed["source"] == "/crm/notification"
    assert confirmed["data"]["redacted"] == {"preferences": 1, "message_texts": 1, "messages_suppressed": 0,
                                             "undeliverable_addresses": 0, "stored_responses": 0}
    message = (await notification.get(f"/v1/messages/{sent['id']}", headers=ADMIN)).json()
    assert message["body"] is None and message["subject"] is None and message["redacted_at"]
    assert message["status"] == "sent" and message["channel"] == "email"  # the anonymous figures stay
    preferences = (await notification.get(f"/v1/contacts/{customer_id}/preferences", headers=ADMIN)).json()
    assert preferences["language"] is None and preferences["updated_at"] is None
