"""The survey funnel, answers saved as the customer goes, and the monthly trend over HTTP."""

from datetime import timedelta

from sqlalchemy import update

from services.survey.models import ResponseRow
from shared.business_time import month_of, start_of_month
from tests.integration.survey.helpers import (
    ANALYST,
    MANAGER,
    invite,
    new_id,
    publish,
    respond,
    score_updated,
    ticket_resolved,
)
from tests.support import EventCollector, eventually

TEMPLATE = {
    "name": "Funnel check",
    "dimensions": [
        {"key": "service", "items": [{"id": "service.speed", "text": "Speed"},
                                     {"id": "service.care", "text": "Care"}]},
        {"key": "value", "items": [{"id": "value.price", "text": "Price"}]},
    ],
    "nps_question": "Recommend us?",
    "open_questions": [{"id": "why", "text": "Why?"}],
}
ORDER = ["service.speed", "service.care", "value.price", "nps", "why", "submit"]


async def new_survey(client) -> str:
    response = await client.post("/v1/surveys", json=TEMPLATE, headers=MANAGER)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def with_tiers(client, broker, tiers: dict[str, str]) -> None:
    await publish(broker.bootstrap, *(score_updated(c, t) for c, t in tiers.items()))

    async def known(customer: str, tier: str) -> bool:
        body = (await client.get(f"/v1/customers/{customer}/satisfaction", headers=MANAGER)).json()
        return body["tier"] == tier

    for customer, tier in tiers.items():
        await eventually(lambda c=customer, t=tier: known(c, t))


async def save(client, token: str, body: dict):
    return await client.post(f"/v1/invitations/{token}/progress", json=body)


async def test_answers_saved_as_the_customer_goes_survive_a_reload_and_complete_the_response(survey):
    survey_id = await new_survey(survey)
    [invitation] = await invite(survey, [new_id("pr")], survey_id)
    token = invitation["token"]
    first = await save(survey, token, {"answers": {"service.speed": 4}, "comments": {"why": "快 "}})
    assert first.status_code == 200, first.text
    assert (first.json()["answered"], first.json()["questions"]) == (2, 5)
    second = await save(survey, token, {"answers": {"service.care": 5}, "nps": 8})
    assert second.json()["saved"] == {"answers": {"service.speed": 4, "service.care": 5}, "nps": 8,
                                      "comments": {"why": "快"}, "solved": None}
    # A reload: the questions come back with everything saved so far.
    reloaded = (await survey.get(f"/v1/invitations/{token}")).json()
    assert reloaded["saved"] == second.json()["saved"]
    # A partial answer that does not fit is refused, naming it, and nothing of it is kept.
    refused = await save(survey, token, {"answers": {"service.speed": 2, "nope": 3, "value.price": 9}})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"answers.nope", "answers.value.price"}
    assert (await survey.get(f"/v1/invitations/{token}")).json()["saved"]["answers"]["service.speed"] == 4
    # The last answer completes the response with the saved ones.
    done = await respond(survey, token, {"answers": {"value.price": 3}})
    assert done.status_code == 201, done.text
    assert done.json()["satisfaction"]["dimensions"] == {"service": 4.5, "value": 3.0}
    assert done.json()["satisfaction"]["nps"] == 8
    assert (await save(survey, token, {"nps": 9})).status_code == 409
    listed = (await survey.get(f"/v1/customers/{invitation['customer_id']}/invitations",
                               headers=MANAGER)).json()["items"][0]
    assert listed["opened_at"] and listed["started_at"] and listed["status"] == "answered"


async def test_results_show_the_funnel_and_drop_off_per_question_per_tier(survey, broker):
    survey_id = await new_survey(survey)
    never, finisher, quitter, looker = (new_id("fn") for _ in range(4))
    await with_tiers(survey, broker, {never: "VIP", finisher: "VIP", quitter: "Key", looker: "Key"})
    tokens = {i["customer_id"]: i["token"] for i in
              await invite(survey, [never, finisher, quitter, looker], survey_id)}
    for customer in (finisher, quitter, looker):
        assert (await survey.get(f"/v1/invitations/{tokens[customer]}")).status_code == 200
    await save(survey, tokens[finisher], {"answers": {"service.speed": 5}})
    await respond(survey, tokens[finisher], {"answers": {"service.care": 5, "value.price": 4}, "nps": 10})
    await save(survey, tokens[quitter], {"answers": {"service.speed": 2, "service.care": 3}})
    body = (await survey.get(f"/v1/surveys/{survey_id}/results", params={"by": "tier"},
                             headers=ANALYST)).json()
    groups = {g["group"]: g for g in body["groups"]}
    steps = ("invited", "opened", "started", "completed")
    assert [groups["VIP"][s] for s in steps] == [2, 1, 1, 1]
    assert [groups["Key"][s] for s in steps] == [2, 2, 1, 0]
    assert [body["overall"][s] for s in steps] == [4, 3, 2, 1]
    key_drops = {d["question_id"]: d for d in groups["Key"]["drop_off"]}
    assert [d["question_id"] for d in groups["Key"]["drop_off"]] == ORDER
    assert (key_drops["value.price"]["dropped"], key_drops["value.price"]["reached"]) == (1, 1)
    assert key_drops["service.speed"]["answered"] == 1 and key_drops["value.price"]["drop_off_rate"] == 1.0
    assert sum(d["dropped"] for d in groups["VIP"]["drop_off"]) == 0
    overall = {d["question_id"]: d for d in body["overall"]["drop_off"]}
    assert (overall["service.care"]["answered"], overall["nps"]["answered"]) == (2, 1)


async def test_the_trend_gives_nps_csat_and_satisfaction_per_month_and_tier(survey, broker):
    survey_id = await new_survey(survey)
    vip, key = new_id("tv"), new_id("tk")
    await with_tiers(survey, broker, {vip: "VIP", key: "Key"})
    earlier, later = await invite(survey, [vip, key], survey_id)
    await respond(survey, earlier["token"],
                  {"answers": {"service.speed": 5, "service.care": 5, "value.price": 4}, "nps": 10})
    await respond(survey, later["token"],
                  {"answers": {"service.speed": 2, "service.care": 2, "value.price": 3}, "nps": 3})
    clock = survey.app.state.ctx.clock
    now = clock.now()
    this_month = start_of_month(now, clock.zone)
    last_month = this_month - timedelta(days=15)  # mid-month of the business month before
    async with survey.app.state.ctx.db.session() as session, session.begin():
        await session.execute(update(ResponseRow).where(ResponseRow.invitation_id == earlier["id"])
                              .values(answered_at=last_month))
    first, last = month_of(last_month, clock.zone), month_of(now, clock.zone)
    response = await survey.get(f"/v1/surveys/{survey_id}/trend",
                                params={"from": first, "to": last, "by": "tier"}, headers=ANALYST)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["from_month"], body["to_month"]) == (first, last)
    before, current = body["months"]
    vip_before = next(g for g in before["groups"] if g["group"] == "VIP")
    assert (vip_before["responses"], vip_before["satisfaction"], vip_before["nps"], vip_before["csat"]) == (
        1, 4.5, 100.0, 1.0)  # service 5, value 4, equal weights
    key_now = next(g for g in current["groups"] if g["group"] == "Key")
    assert (key_now["responses"], key_now["satisfaction"], key_now["nps"], key_now["csat"]) == (
        1, 2.5, -100.0, 0.0)
    assert current["overall"]["responses"] == 1
    assert [g["group"] for g in current["groups"]][:4] == ["VIP", "Key", "Regular", "Observation"]
    default = (await survey.get(f"/v1/surveys/{survey_id}/trend", headers=ANALYST)).json()
    assert len(default["months"]) == 12 and default["to_month"] == last
    for params, field in (({"from": "2025-13"}, "from"), ({"to": "2025-1"}, "to"),
                          ({"from": "2026-02", "to": "2026-01"}, "from"),
                          ({"from": "2020-01", "to": "2026-01"}, "from")):
        bad = await survey.get(f"/v1/surveys/{survey_id}/trend", params=params, headers=ANALYST)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == field, params
    assert (await survey.get("/v1/surveys/nope/trend", headers=ANALYST)).status_code == 404


async def test_a_verification_saves_its_rating_before_the_answer(survey, broker):
    customer, ticket = new_id("vp"), new_id("T")
    await publish(broker.bootstrap, ticket_resolved(customer, ticket))

    async def token():
        items = (await survey.get(f"/v1/customers/{customer}/invitations", headers=MANAGER)).json()["items"]
        return items[0]["token"] if items else None

    found = await eventually(token)
    saved = await save(survey, found, {"answers": {"rating": 4}, "comments": {"comment": "ok"}})
    assert saved.status_code == 200 and saved.json()["answered"] == 2, saved.text
    unknown = await save(survey, found, {"answers": {"speed": 4}})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "answers.speed"
    async with EventCollector(broker.bootstrap, ["ticket-verification-answered"]) as events:
        assert (await respond(survey, found, {"solved": True})).status_code == 201
        [event] = await events.wait_for(lambda e: e["subject"] == customer)
    assert (event["data"]["solved"], event["data"]["rating"], event["data"]["commented"]) == (True, 4, True)
