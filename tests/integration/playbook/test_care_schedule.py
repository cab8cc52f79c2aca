"""The care schedule (docs/design.md §9): the presence check's window and the weekly digest's at-risk
window are an admin's numbers, validated and versioned like the rules and the contact policy."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.playbook.models import DigestRow
from services.playbook.service.digest import send_digests
from services.playbook.service.recurring import check_presence
from shared.business_time import start_of_week
from tests.integration.playbook import events
from tests.integration.playbook.helpers import actions_of, publish, wait_for_actions
from tests.support import ADMIN, bearer

MANAGER = bearer("manager", sub="mgr-1")
ANALYST = bearer("analyst", sub="analyst-1")
DEFAULTS = {"presence_check_days": 30, "digest_at_risk_days": 30}


@pytest.fixture
async def default_care_schedule(playbook):
    """Tests that edit the care schedule put the defaults back afterwards (the app is shared)."""
    yield
    current = (await playbook.get("/v1/care-schedule", headers=ADMIN)).json()
    if {k: current[k] for k in DEFAULTS} != DEFAULTS:
        assert (await playbook.put("/v1/care-schedule", json=DEFAULTS, headers=ADMIN)).status_code == 200


async def test_the_care_schedule_is_the_admins_validated_and_versioned(playbook, default_care_schedule):
    read = await playbook.get("/v1/care-schedule", headers=ANALYST)
    assert read.status_code == 200, read.text
    first = read.json()
    assert {k: first[k] for k in DEFAULTS} == DEFAULTS
    edited = {"presence_check_days": 45, "digest_at_risk_days": 60}
    # The service's own settings (docs/design.md §7): a manager may read them, not change them.
    assert (await playbook.put("/v1/care-schedule", json=edited, headers=MANAGER)).status_code == 403
    for bad, field in (({**edited, "presence_check_days": 0}, "presence_check_days"),
                       ({**edited, "digest_at_risk_days": 400}, "digest_at_risk_days"),
                       ({"presence_check_days": 45}, "digest_at_risk_days"),
                       ({**edited, "presence_days": 45}, "presence_days")):
        refused = await playbook.put("/v1/care-schedule", json=bad, headers=ADMIN)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == field
    saved = await playbook.put("/v1/care-schedule", json=edited,
                               headers={**ADMIN, "If-Match": read.headers["ETag"]})
    assert saved.status_code == 200, saved.text
    assert saved.json() | edited == saved.json()
    assert (saved.json()["version"], saved.json()["created_by"]) == (first["version"] + 1, "admin-1")
    assert saved.headers["ETag"] != read.headers["ETag"]
    stale = await playbook.put("/v1/care-schedule", json=DEFAULTS,
                               headers={**ADMIN, "If-Match": read.headers["ETag"]})
    assert stale.status_code == 412, stale.text
    now_served = (await playbook.get("/v1/care-schedule", headers=ANALYST)).json()
    assert now_served == saved.json()


async def test_the_presence_check_and_the_digest_use_the_windows_of_the_care_schedule(
    playbook, producer, customer_id, default_care_schedule
):
    owner = f"am-{uuid.uuid4().hex[:8]}"
    await publish(producer, "score-updated", customer_id, events.score("Key", "potential", owner=owner))
    await wait_for_actions(playbook, customer_id, 1, kind="service-review")
    ctx = playbook.app.state.ctx
    now = ctx.clock.now()
    forty_days_ago = events.iso(now - timedelta(days=40))
    # The owner's last contact, and the customer's churn-risk warning, were 40 days ago.
    contact = await playbook.post(f"/v1/customers/{customer_id}/contacts", headers=ADMIN,
                                  json={"channel": "phone", "opened": True, "occurred_at": forty_days_ago})
    assert contact.status_code == 201, contact.text
    await publish(producer, "churn-risk-detected", customer_id, {
        "reasons": [{"code": "no-activity-90d", "detail": "no order and no interaction for 90 days"}],
        "detected_at": forty_days_ago})
    await wait_for_actions(playbook, customer_id, 1, kind="retention")
    monday_nine = start_of_week(now, ctx.clock.zone) + timedelta(hours=9)

    async def at_risk_in_digest(monday) -> int:
        await send_digests(ctx, monday)
        async with ctx.db.session() as session:
            digest = await session.scalar(select(DigestRow).where(
                DigestRow.owner == owner,
                DigestRow.week_of == monday.astimezone(ctx.clock.zone).date().isoformat()))
        return digest.summary["customers_at_risk"]

    # Windows of 45 days: the contact is recent enough, the warning still counts.
    wide = {"presence_check_days": 45, "digest_at_risk_days": 45}
    assert (await playbook.put("/v1/care-schedule", json=wide, headers=ADMIN)).status_code == 200
    await check_presence(ctx, now)
    assert await actions_of(playbook, customer_id, kind="presence-contact") == []
    assert await at_risk_in_digest(monday_nine) == 1
    # The defaults (30 days): no completed contact in the window, and the warning is too old.
    assert (await playbook.put("/v1/care-schedule", json=DEFAULTS, headers=ADMIN)).status_code == 200
    await check_presence(ctx, now)
    [presence] = await actions_of(playbook, customer_id, kind="presence-contact")
    assert presence["title"] == "Get in touch: no completed contact in 30 days"
    assert presence["explanation"]["matched_conditions"]["presence_check_days"] == 30
    assert await at_risk_in_digest(monday_nine + timedelta(days=7)) == 0
