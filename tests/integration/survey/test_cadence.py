"""Surveys on cadence (docs/design.md §9): scheduled invitations, reminders, the fatigue guard,
coverage, `invitation-created` for every invitation, and the link a sender fetches.

The scheduled jobs are run with a `now` moved into a quarter no other test uses, as the
service's scheduler does when its clock is moved forward.
"""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from services.survey.app import create_app
from services.survey.domain.cadence import Cadence, period_containing
from services.survey.models import CustomerTierRow, InvitationRow, ReminderRow
from services.survey.service.cadence import invite_on_cadence, send_reminders
from services.survey.service.invitations import invite_to_verify
from services.survey.settings import survey_settings
from shared.business_time import start_of_quarter
from tests.integration.survey.helpers import (
    ACCOUNT_MANAGER,
    ANALYST,
    MANAGER,
    answers,
    invite,
    invited_days_ago,
    new_id,
    publish,
    respond,
    score_updated,
    ticket_resolved,
)
from tests.support import ADMIN, EventCollector, bearer, eventually, running_service

SENDER = bearer("agent", sub="service:notification", permissions=["survey:invitation-links"])


async def _tier_known(client, customer_id: str, tier: str) -> bool:
    body = (await client.get(f"/v1/customers/{customer_id}/satisfaction", headers=MANAGER)).json()
    return body["tier"] == tier


async def _regular_customers(survey, broker, count: int, prefix: str) -> list[str]:
    customers = [new_id(prefix) for _ in range(count)]
    await publish(broker.bootstrap, *(score_updated(c, "Regular", "basic") for c in customers))
    for customer in customers:
        await eventually(lambda c=customer: _tier_known(survey, c, "Regular"))
    return customers


async def _invitations(survey, customer_id: str) -> list[dict]:
    listed = await survey.get(f"/v1/customers/{customer_id}/invitations", headers=MANAGER)
    return listed.json()["items"]


async def test_an_invitation_made_by_hand_is_announced_without_its_token(survey, broker):
    customer = new_id("hand")
    async with EventCollector(broker.bootstrap, ["invitation-created"]) as events:
        [made] = await invite(survey, [customer])
        [event] = await events.wait_for(lambda e: e["subject"] == customer)
    data = event["data"]
    assert data["invitation_id"] == made["id"] and data["kind"] == "invitation"
    assert data["survey_id"] == "default" and data["reminder_number"] is None
    assert made["token"] not in event.__repr__()
    link = await survey.get(f"/v1/invitation-links/{made['id']}", headers=SENDER)
    assert link.status_code == 200, link.text
    assert link.json()["url"] == made["url"] and link.json()["status"] == "pending"
    for caller in (ACCOUNT_MANAGER, MANAGER, ANALYST):
        assert (await survey.get(f"/v1/invitation-links/{made['id']}", headers=caller)).status_code == 403
    assert (await survey.get("/v1/invitation-links/nope", headers=SENDER)).status_code == 404


async def test_no_customer_gets_a_second_survey_invitation_within_30_days(survey):
    customer, other = new_id("tired"), new_id("fresh")
    [first] = await invite(survey, [customer])
    again = await survey.post("/v1/surveys/default/invitations", json={"customer_ids": [customer, other]},
                              headers=MANAGER)
    assert again.status_code == 201
    body = again.json()
    assert [i["customer_id"] for i in body["items"]] == [other]
    [skipped] = body["skipped"]
    assert skipped["customer_id"] == customer and skipped["recent_invitation_id"] == first["id"]
    assert "fatigue guard" in skipped["reason"]
    assert skipped["next_allowed_at"].startswith((datetime.fromisoformat(first["created_at"])
                                                  + timedelta(days=30)).date().isoformat())
    await invited_days_ago(survey, first["id"], 30)
    assert len(await invite(survey, [customer])) == 1


async def test_a_verification_is_announced_and_reminded_once_after_2_days(survey, broker):
    customer, ticket = new_id("verify"), new_id("T")
    async with EventCollector(broker.bootstrap, ["invitation-created"]) as events:
        await publish(broker.bootstrap, ticket_resolved(customer, ticket))
        [asked] = await events.wait_for(lambda e: e["subject"] == customer)
        assert asked["data"]["kind"] == "verification"
        assert (asked["data"]["ticket_id"], asked["data"]["priority"]) == (ticket, "P2")
        # A verification is no survey invitation: the fatigue guard does not hold back a survey.
        assert len(await invite(survey, [customer])) == 1
        ctx = survey.app.state.ctx
        created = datetime.fromisoformat(asked["data"]["created_at"].replace("Z", "+00:00"))
        await send_reminders(ctx, created + timedelta(days=1, hours=23))
        await send_reminders(ctx, created + timedelta(days=2))
        await send_reminders(ctx, created + timedelta(days=9))
        await events.wait_for(lambda e: e["subject"] == customer and e["data"]["kind"] == "reminder")
        await asyncio.sleep(0.5)
    reminders = [e for e in events.events if e["subject"] == customer and e["data"]["kind"] == "reminder"]
    # The survey invitation made above is reminded too (after 3 and 7 days); the verification once.
    verification = [e["data"] for e in reminders if e["data"]["reminder_of"] == "verification"]
    assert len(verification) == 1
    assert verification[0]["invitation_id"] == asked["data"]["invitation_id"]
    assert verification[0]["ticket_id"] == ticket and verification[0]["reminder_number"] == 1


async def test_non_respondents_are_reminded_after_3_and_7_days_and_respondents_are_not(survey, broker):
    quiet, answering = new_id("quiet"), new_id("answers")
    invited = {i["customer_id"]: i for i in await invite(survey, [quiet, answering])}
    assert (await respond(survey, invited[answering]["token"], {"answers": answers(4)})).status_code == 201
    start = datetime.fromisoformat(invited[quiet]["created_at"])
    ctx = survey.app.state.ctx
    async with EventCollector(broker.bootstrap, ["invitation-created"]) as events:
        for day in (2, 3, 3, 5, 7, 7, 12, 20):
            await send_reminders(ctx, start + timedelta(days=day, minutes=1))
        await events.wait_for(lambda e: e["subject"] == quiet and e["data"]["reminder_number"] == 2)
        await asyncio.sleep(0.5)
    mine = [e["data"] for e in events.events if e["subject"] in (quiet, answering)
            and e["data"]["kind"] == "reminder"]
    assert [(d["invitation_id"], d["reminder_number"]) for d in mine] == [
        (invited[quiet]["id"], 1), (invited[quiet]["id"], 2)]
    async with ctx.db.session() as session:
        rows = await session.scalar(select(func.count()).select_from(ReminderRow).where(
            ReminderRow.invitation_id == invited[quiet]["id"]))
    assert rows == 2


async def test_regular_customers_are_invited_once_per_quarter_and_coverage_is_reported(survey, broker):
    customers = await _regular_customers(survey, broker, 4, "quarterly")
    by_hand, tired = customers[0], customers[1]
    quarter_start = datetime(2031, 3, 31, 16, tzinfo=UTC)  # 2031-Q2 in Shanghai
    ctx = survey.app.state.ctx
    # One was invited by hand within the quarter already, one 10 days before it began.
    [hand] = await invite(survey, [by_hand])
    [recent] = await invite(survey, [tired])
    async with ctx.db.session() as session, session.begin():
        (await session.get(InvitationRow, hand["id"])).created_at = quarter_start + timedelta(hours=1)
        (await session.get(InvitationRow, recent["id"])).created_at = quarter_start - timedelta(days=10)
    now = quarter_start + timedelta(days=1)
    async with EventCollector(broker.bootstrap, ["invitation-created"]) as events:
        await invite_on_cadence(ctx, now)
        await invite_on_cadence(ctx, now + timedelta(hours=1))  # the next run adds nothing
        scheduled = await events.wait_for(
            lambda e: e["subject"] in customers and e["data"].get("period") == "2031-Q2", count=2)
        await asyncio.sleep(0.5)
    assert sorted(e["subject"] for e in scheduled) == sorted(customers[2:])
    assert all(e["data"]["tier"] == "Regular" for e in scheduled)
    coverage = (await survey.get("/v1/surveys/default/coverage", params={"period": "2031-Q2"},
                                 headers=ANALYST)).json()
    regular = coverage["by_tier"]["Regular"]
    assert regular["target"] >= 4 and coverage["coverage_target"] == 0.8
    assert coverage["held_back"]["fatigue guard"] >= 1
    # The guard lifts 30 days after the recent invitation: the next run invites the customer.
    await invite_on_cadence(ctx, quarter_start + timedelta(days=20, minutes=1))
    invitations = await _invitations(survey, tired)
    assert [i["created_at"][:10] for i in invitations if i["id"] != recent["id"]] == ["2031-04-20"]
    bad = await survey.get("/v1/surveys/default/coverage", params={"period": "2031-Q5"}, headers=ANALYST)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "period"


async def test_two_replicas_running_the_schedule_together_invite_each_customer_once(
    survey, broker, platform_config
):
    customers = await _regular_customers(survey, broker, 30, "race")
    now = datetime(2032, 7, 2, tzinfo=UTC)  # 2032-Q3
    quiet = {"run_relay": False, "run_consumers": False, "run_workers": False}
    async with running_service(create_app(survey_settings(**platform_config, **quiet))) as other:
        contexts = [survey.app.state.ctx, other.app.state.ctx]
        await asyncio.gather(*(invite_on_cadence(c, now, batch_size=7) for c in contexts * 2))
    ctx = survey.app.state.ctx
    async with ctx.db.session() as session:
        counts = (await session.execute(
            select(InvitationRow.customer_id, func.count()).where(
                InvitationRow.customer_id.in_(customers), InvitationRow.period_key == "2032-Q3")
            .group_by(InvitationRow.customer_id))).all()
    assert sorted(c for c, _ in counts) == sorted(customers)
    assert {n for _, n in counts} == {1}


async def test_an_admin_edits_the_schedule_and_a_cadence_out_of_range_names_the_field(survey):
    current = (await survey.get("/v1/survey-schedule", headers=ANALYST)).json()
    assert current["cadence"]["Regular"] == "quarterly" and current["reminder_after_days"] == [3, 7]
    assert current["fatigue_days"] == 30 and current["verification_reminder_after_days"] == 2
    document = {k: v for k, v in current.items() if k not in ("version", "created_by", "created_at")}
    refused = await survey.put("/v1/survey-schedule", json={**document, "cadence": {"Regular": "weekly"}},
                               headers=ADMIN)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "cadence.Regular"
    assert (await survey.put("/v1/survey-schedule", json=document, headers=MANAGER)).status_code == 403
    unknown = await survey.put("/v1/survey-schedule", json={**document, "survey_id": "nope"}, headers=ADMIN)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "survey_id"
    read = await survey.get("/v1/survey-schedule", headers=ANALYST)
    assert read.headers["etag"] == f'"survey-schedule.{current["version"]}"'
    edited = await survey.put("/v1/survey-schedule", json={**document, "cadence": {
        **document["cadence"], "VIP": "monthly"}}, headers={**ADMIN, "If-Match": read.headers["etag"]})
    try:
        assert edited.status_code == 200, edited.text
        assert edited.json()["version"] == current["version"] + 1
        assert edited.json()["cadence"]["VIP"] == "monthly"
        assert edited.headers["etag"] == f'"survey-schedule.{current["version"] + 1}"'
        latest = (await survey.get("/v1/survey-schedule", headers=ANALYST)).json()
        assert latest["version"] == edited.json()["version"]
        # A second editor who read the same version is refused: its change would undo the first's.
        stale = await survey.put("/v1/survey-schedule", json=document,
                                 headers={**ADMIN, "If-Match": read.headers["etag"]})
        assert stale.status_code == 412 and stale.json()["errors"][0]["field"] == "If-Match"
        kept = (await survey.get("/v1/survey-schedule", headers=ANALYST)).json()
        assert kept["cadence"]["VIP"] == "monthly"
    finally:
        assert (await survey.put("/v1/survey-schedule", json=document, headers=ADMIN)).status_code == 200


async def test_moving_the_test_clock_a_quarter_on_invites_and_reminds_with_no_one_calling(
    own_database, broker, platform_config
):
    """The scheduler of a survey service on a database of its own: the test clock moves, it catches up."""
    settings = survey_settings(**{**platform_config, "database_url": own_database, "run_consumers": False,
                                  "sweep_interval_seconds": 0.2})
    async with running_service(create_app(settings)) as own:
        ctx = own.app.state.ctx
        # A fixed start, mid-quarter: with today's date, customers invited in the last 30 days of a
        # quarter would rightly be spared the next quarter's invitation (fatigue), and the test
        # would pass or fail with the calendar.
        start = datetime(2031, 5, 10, 2, 0, tzinfo=ctx.clock.zone)
        assert (await own.put("/v1/clock", json={"now": start.isoformat()}, headers=ADMIN)).status_code == 200
        # The cadence job runs at the new time with no one to invite before the customers arrive.
        await eventually(lambda: _has_run_since("survey-cadence-invitations", own, start), timeout=60)
        async with ctx.db.session() as session, session.begin():  # as `score-updated` leaves them
            for customer in ("clock-a", "clock-b"):
                session.add(CustomerTierRow(customer_id=customer, tier="Regular", quadrant="basic", score=60,
                                            computed_at=start, updated_at=start))
        schedules = {s["name"]: s for s in (await own.get("/v1/schedules", headers=ANALYST)).json()}
        assert {"survey-cadence-invitations", "survey-reminders"} <= set(schedules)
        next_quarter = start_of_quarter(start, ctx.clock.zone, 1) + timedelta(days=1, hours=2)
        moved = await own.put("/v1/clock", json={"now": next_quarter.isoformat()}, headers=ADMIN)
        assert moved.status_code == 200, moved.text
        key = period_containing(Cadence.QUARTERLY, next_quarter, ctx.clock.zone).key

        async def invited() -> list[InvitationRow]:
            async with ctx.db.session() as session:
                return list((await session.scalars(select(InvitationRow).where(
                    InvitationRow.period_key == key))).all())

        rows = await eventually(lambda: _count_is(invited, 2), timeout=60)
        assert sorted(r.customer_id for r in rows) == ["clock-a", "clock-b"]
        await own.put("/v1/clock", json={"now": (next_quarter + timedelta(days=3, hours=2)).isoformat()},
                      headers=ADMIN)

        async def reminded() -> list[ReminderRow]:
            async with ctx.db.session() as session:
                return list((await session.scalars(select(ReminderRow))).all())

        reminders = await eventually(lambda: _count_is(reminded, 2), timeout=60)
        assert {r.number for r in reminders} == {1}
        coverage = (await own.get("/v1/surveys/default/coverage", params={"period": key},
                                  headers=ANALYST)).json()
        assert (coverage["target"], coverage["invited"], coverage["met"]) == (2, 2, True)


async def _has_run_since(name: str, service, moment: datetime) -> bool:
    schedule = (await service.get(f"/v1/schedules/{name}", headers=ANALYST)).json()
    last = schedule["last_run"]
    return bool(last and last["finished_at"]
                and datetime.fromisoformat(last["period_end"]) >= moment)


async def _count_is(read, count: int):
    rows = await read()
    return rows if len(rows) == count else None


async def test_a_schedule_run_that_fails_part_way_resumes_without_inviting_anyone_twice(survey, broker):
    customers = await _regular_customers(survey, broker, 6, "resume")
    now = datetime(2033, 1, 5, tzinfo=UTC)  # 2033-Q1
    ctx = survey.app.state.ctx
    append_many = ctx.outbox.append_many
    calls = []

    async def failing_after_the_first_batch(session, events):
        calls.append(len(events))
        if len(calls) == 2:
            raise RuntimeError("the database went away half way")
        await append_many(session, events)

    ctx.outbox.append_many = failing_after_the_first_batch
    try:
        with pytest.raises(RuntimeError):
            await invite_on_cadence(ctx, now, batch_size=2)
    finally:
        ctx.outbox.append_many = append_many
    await invite_on_cadence(ctx, now + timedelta(minutes=15), batch_size=2)
    async with ctx.db.session() as session:
        counts = dict((await session.execute(
            select(InvitationRow.customer_id, func.count()).where(
                InvitationRow.customer_id.in_(customers), InvitationRow.period_key == "2033-Q1")
            .group_by(InvitationRow.customer_id))).all())
    assert counts == dict.fromkeys(customers, 1)


async def test_a_clock_moved_twelve_days_on_sends_each_due_reminder_once_not_once_per_missed_hour(
    own_database, broker, platform_config
):
    """Reminders are decided by due time (invitation + days <= now), so the hourly job catching up
    after a jump sends each due reminder once; the second survey reminder keeps its spacing."""
    settings = survey_settings(**{**platform_config, "database_url": own_database, "run_consumers": False,
                                  "sweep_interval_seconds": 0.2})
    async with running_service(create_app(settings)) as own:
        ctx = own.app.state.ctx
        customer, ticket = new_id("jump"), new_id("T")
        [survey_invitation] = await invite(own, [customer])
        async with ctx.db.session() as session, session.begin():
            verification = await invite_to_verify(ctx, session, customer, ticket, "P2", ctx.clock.now())
        start = ctx.clock.now()

        async def reminders() -> list[tuple[str, int]]:
            async with ctx.db.session() as session:
                rows = (await session.scalars(select(ReminderRow))).all()
            return sorted((r.invitation_id, r.number) for r in rows)

        # Twelve days on: the survey's first reminder (day 3) and the verification's (day 2) fell
        # due, and the survey's second (day 7) too, but it waits 4 days after the first.
        await own.put("/v1/clock", json={"now": (start + timedelta(days=12)).isoformat()}, headers=ADMIN)
        sent = await eventually(lambda: _count_is(reminders, 2), timeout=60)
        assert sent == sorted([(survey_invitation["id"], 1), (verification.id, 1)])
        for _ in range(3):  # what catching up every missed hour would do: nothing more
            assert await send_reminders(ctx, ctx.clock.now()) == 0
        await asyncio.sleep(1.0)
        assert await reminders() == sent
        await own.put("/v1/clock", json={"now": (start + timedelta(days=16, hours=1)).isoformat()},
                      headers=ADMIN)
        sent = await eventually(lambda: _count_is(reminders, 3), timeout=60)
        assert (survey_invitation["id"], 2) in sent
        await own.put("/v1/clock", json={"now": (start + timedelta(days=25)).isoformat()}, headers=ADMIN)
        await eventually(lambda: _reminders_ran_after(own, start + timedelta(days=25)), timeout=60)
        assert len(await reminders()) == 3  # two for the survey, one for the verification: no more


async def _reminders_ran_after(client, moment: datetime) -> bool:
    listing = {s["name"]: s for s in (await client.get("/v1/schedules", headers=ANALYST)).json()}
    last = listing["survey-reminders"]["last_run"]
    return bool(last and last["status"] == "done"
                and datetime.fromisoformat(last["started_at"]) >= moment)
