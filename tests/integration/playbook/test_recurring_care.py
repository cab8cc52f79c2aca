"""Recurring care, the presence check, the weekly digest and orders (docs/design.md §9).

The scheduled jobs run with a `now` in a later period, as the service's scheduler does when its
clock has moved there; the test clock itself is moved on an app of its own database.
"""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from services.playbook.app import create_app
from services.playbook.models import CareActionRow, CustomerRow, DigestRow
from services.playbook.service.digest import send_digests
from services.playbook.service.recurring import check_presence, replan_due_customers
from services.playbook.settings import playbook_settings
from shared.business_time import start_of_month, start_of_week
from tests.integration.playbook import events
from tests.integration.playbook.helpers import actions_of, publish, wait_for_actions
from tests.support import ADMIN, EventCollector, bearer, eventually, running_service

ANALYST = bearer("analyst", sub="analyst-1")
MANAGER = bearer("manager", sub="mgr-1")  # reads and works on any customer
QUIET = {"run_relay": False, "run_consumers": False, "run_workers": False}


async def test_a_tier_change_cancels_what_no_longer_applies_and_plans_the_new_tier(
    playbook, producer, customer_id
):
    await publish(producer, "score-updated", customer_id, events.score("Key", "basic"))
    planned = await wait_for_actions(playbook, customer_id, 4)
    assert {a["kind"] for a in planned} == {"service-review", "training", "care-email", "standard-training"}
    review = next(a for a in planned if a["kind"] == "service-review")
    assert review["trigger_event_type"] == "schedule" and review["rule_id"] == "tier-key"
    zone = playbook.app.state.ctx.clock.zone
    assert review["explanation"]["period"] == datetime.now(UTC).astimezone(zone).strftime("%Y-%m")
    later = datetime.now(UTC) + timedelta(seconds=1)
    await publish(producer, "score-updated", customer_id, events.score("Regular", "basic", computed_at=later))
    await wait_for_actions(playbook, customer_id, 1, kind="service-review", status="cancelled")
    everything = await actions_of(playbook, customer_id)
    by_kind: dict[str, list[dict]] = {}
    for action in everything:
        by_kind.setdefault(action["kind"], []).append(action)
    for kind in ("service-review", "training"):
        [cancelled] = by_kind[kind]
        assert cancelled["status"] == "cancelled"
        reason = cancelled["explanation"]["cancelled"]["reason"]
        assert "tier-key" in reason and "tier Regular" in reason
    # Kept, not doubled: the quarter's standard training and care e-mail stay as they were. The
    # Regular tier's quarterly survey is the survey service's scheduled invitation, not an action.
    assert len(by_kind["standard-training"]) == 1 and by_kind["standard-training"][0]["status"] == "pending"
    assert len(by_kind["care-email"]) == 1
    assert set(by_kind) == {"service-review", "training", "care-email", "standard-training"}
    plan = (await playbook.get(f"/v1/customers/{customer_id}/plan", headers=MANAGER)).json()
    recurring = {r["kind"]: r for r in plan["recurring"]}
    assert set(recurring) == {"standard-training", "care-email"}
    assert recurring["care-email"]["cadence"] == "quarterly"
    assert recurring["care-email"]["next_due_at"] > recurring["care-email"]["due_at"]


async def test_each_new_period_is_planned_once_even_with_two_replicas(
    playbook, producer, customer_id, platform_config
):
    await publish(producer, "score-updated", customer_id, events.score("Key", "basic"))
    await wait_for_actions(playbook, customer_id, 1, kind="service-review")
    ctx = playbook.app.state.ctx
    next_month = start_of_month(datetime.now(UTC), ctx.clock.zone, 1) + timedelta(hours=1)
    async with running_service(create_app(playbook_settings(**platform_config, **QUIET))) as other:
        contexts = [ctx, other.app.state.ctx]
        await asyncio.gather(*(replan_due_customers(c, next_month, batch_size=3) for c in contexts * 2))
    reviews = await actions_of(playbook, customer_id, kind="service-review")
    assert len(reviews) == 2, reviews
    assert len({r["explanation"]["period"] for r in reviews}) == 2
    assert await replan_due_customers(ctx, next_month + timedelta(hours=1)) == {"customers": 0, "actions": 0}


async def test_a_high_value_customer_with_no_completed_contact_in_a_month_gets_one_once(
    playbook, producer, customer_id
):
    contacted = f"PB-{uuid.uuid4().hex[:10]}"
    for customer in (customer_id, contacted):
        await publish(producer, "score-updated", customer, events.score("Key", "potential", owner="am-wu"))
        await wait_for_actions(playbook, customer, 1, kind="service-review")
    response = await playbook.post(f"/v1/customers/{contacted}/contacts",
                                   json={"channel": "phone", "opened": True}, headers=ADMIN)
    assert response.status_code == 201
    ctx = playbook.app.state.ctx
    now = ctx.clock.now()
    await check_presence(ctx, now)
    await check_presence(ctx, now + timedelta(hours=2))
    [presence] = await actions_of(playbook, customer_id, kind="presence-contact")
    assert (presence["owner"], presence["rule_id"]) == ("am-wu", "presence-check")
    assert presence["explanation"]["matched_conditions"]["contact_class"] == "high_value"
    assert await actions_of(playbook, contacted, kind="presence-contact") == []


async def test_every_monday_each_owner_gets_one_digest(playbook, producer, broker, customer_id):
    owner = f"am-{uuid.uuid4().hex[:8]}"
    await publish(producer, "score-updated", customer_id, events.score("Regular", "basic", owner=owner))
    # Two topics: the warning may be applied before the score, so it names the owner itself.
    await publish(producer, "churn-risk-detected", customer_id, events.churn_risk(owner=owner))
    [retention] = await wait_for_actions(playbook, customer_id, 1, kind="retention")
    assert retention["owner"] == owner
    ctx = playbook.app.state.ctx
    # The digest of the week the action falls due in (due days after today may be next week's).
    due_at = datetime.fromisoformat(retention["due_at"])
    monday_nine = start_of_week(due_at, ctx.clock.zone) + timedelta(hours=9)
    async with EventCollector(broker.bootstrap, ["digest-ready"]) as collected:
        await send_digests(ctx, monday_nine)
        await send_digests(ctx, monday_nine + timedelta(minutes=5))  # a retried run sends nothing more
        [digest] = await collected.wait_for(lambda e: e["subject"] == owner)
        await asyncio.sleep(0.5)
    assert len([e for e in collected.events if e["subject"] == owner]) == 1
    data = digest["data"]
    assert data["week_of"] == monday_nine.astimezone(ctx.clock.zone).date().isoformat()
    assert retention["id"] in data["due_this_week"] + data["overdue"]
    assert data["customers_at_risk"] == [customer_id]
    async with ctx.db.session() as session:
        assert await session.scalar(select(func.count()).select_from(DigestRow).where(
            DigestRow.owner == owner)) == 1


async def test_orders_make_the_win_back_and_the_3_month_spend_real_figures(
    playbook, producer, customer_id, default_rules
):
    rule = {"id": "winback-probe", "trigger": "churn-risk-detected", "conditions": {},
            "experiment": {"id": "winback-probe", "control_share": 0.0, "variants": [
                {"name": "call", "actions": [{"kind": "win-back-call", "channel": "phone",
                                              "owner_role": "account_manager", "due_offset_hours": 24}]}]}}
    assert (await playbook.put("/v1/rules/winback-probe", json=rule, headers=ADMIN)).status_code == 200
    await publish(producer, "churn-risk-detected", customer_id, events.churn_risk())
    await wait_for_actions(playbook, customer_id, 1, kind="win-back-call")
    now = datetime.now(UTC)
    for order_id, days, amount in (("O-before", -20, 1000), ("O-after-1", 10, 3000), ("O-after-2", 40, 500)):
        await publish(producer, "order-recorded", customer_id, {
            "order_id": order_id, "amount": amount, "ordered_at": events.iso(now + timedelta(days=days)),
            "recorded_at": events.iso(now)})
    await publish(producer, "order-recorded", customer_id, {  # redelivered: counted once
        "order_id": "O-after-1", "amount": 3000, "ordered_at": events.iso(now + timedelta(days=10)),
        "recorded_at": events.iso(now)})

    async def report():
        # Both figures: the report reads the order times and the amounts with two statements, so a
        # report made while the orders' transaction commits may show one figure without the other.
        body = (await playbook.get("/v1/experiments/winback-probe/report", headers=ANALYST)).json()
        arm = next(v for v in body["variants"] if v["variant"] == "call")
        spend_real = arm["spend_change_3m"]["n"] and arm["spend_change_3m"]["value"] == 2500
        return body if spend_real and arm["win_back_30d"]["value"] == 1.0 else None

    body = await eventually(report)
    assert "order-recorded" in body["definitions"]["spend_change_3m"]
    async with playbook.app.state.ctx.db.session() as session:
        assert await session.scalar(select(func.count()).select_from(CareActionRow).where(
            CareActionRow.customer_id == customer_id, CareActionRow.kind == "win-back-call")) == 1


async def test_moving_the_test_clock_plans_the_month_checks_presence_and_sends_the_digest(
    own_database, broker, platform_config
):
    """A playbook on a database of its own; nobody calls anything but the clock."""
    settings = playbook_settings(**{**platform_config, "database_url": own_database, "run_consumers": False,
                                    "sweep_interval_seconds": 0.2})
    async with running_service(create_app(settings)) as own:
        ctx = own.app.state.ctx
        start = ctx.clock.now()
        async with ctx.db.session() as session, session.begin():  # as `score-updated` leaves it
            session.add(CustomerRow(customer_id="clock-key", tier="Key", quadrant="basic", owner="am-clock",
                                    score=80, computed_at=start, updated_at=start, last_order_at=start))
        month = start_of_month(start, ctx.clock.zone, 1)
        monday = start_of_week(month + timedelta(days=7), ctx.clock.zone) + timedelta(hours=10)
        first_day = month + timedelta(hours=9)
        key = first_day.astimezone(ctx.clock.zone).strftime("%Y-%m")
        # The month begins: its recurring actions and the presence check...
        moved = await own.put("/v1/clock", json={"now": first_day.isoformat()}, headers=ADMIN)
        assert moved.status_code == 200, moved.text

        async def planned() -> set | None:
            async with ctx.db.session() as session:
                rows = (await session.scalars(select(CareActionRow).where(
                    CareActionRow.customer_id == "clock-key", CareActionRow.period_key == key))).all()
            found = {r.kind for r in rows}
            return found if {"service-review", "presence-contact"} <= found else None

        await eventually(planned, timeout=30)
        # ... then a Monday of the month past 09:00 business time: the owner's digest.
        moved = await own.put("/v1/clock", json={"now": monday.isoformat()}, headers=ADMIN)
        assert moved.status_code == 200, moved.text

        async def digest() -> DigestRow | None:
            async with ctx.db.session() as session:
                return await session.scalar(select(DigestRow).where(
                    DigestRow.owner == "am-clock",
                    DigestRow.week_of == monday.astimezone(ctx.clock.zone).date().isoformat()))

        sent = await eventually(digest, timeout=30)
        assert sent.summary["due_this_week"] + sent.summary["overdue"] >= 1
        schedules = {s["name"] for s in (await own.get("/v1/schedules", headers=ANALYST)).json()}
        assert {"recurring-care", "presence-check", "weekly-owner-digest"} <= schedules


async def test_a_rule_cadence_out_of_range_is_a_422_naming_the_field(playbook, default_rules):
    rule = {"trigger": "score-updated", "conditions": {"tier": ["Key"]}, "cadence": "weekly",
            "actions": [{"kind": "call", "channel": "phone", "owner_role": "account_manager",
                         "due_offset_hours": 24}]}
    refused = await playbook.put("/v1/rules/weekly-call", json=rule, headers=ADMIN)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "cadence"
    monthly = {**rule, "cadence": "monthly"}
    accepted = await playbook.put("/v1/rules/monthly-call", json=monthly, headers=ADMIN)
    assert accepted.status_code == 200, accepted.text
