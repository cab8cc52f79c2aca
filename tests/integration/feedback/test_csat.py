"""CSAT after resolution tied to the agent and team (docs/design.md §4, §5): ratings given with the
verification, over HTTP and from the survey's event, in the SLA report and GET /v1/reports/csat."""

from datetime import UTC, datetime

from shared.business_time import month_of
from tests.integration.feedback.helpers import (
    AGENT,
    ANALYST,
    MANAGER,
    get_ticket,
    iso,
    new_id,
    open_ticket,
    post,
    produce,
)
from tests.support import bearer, eventually


async def resolved_by(fb, agent: str, team: str, customer_id: str | None = None, **fields) -> dict:
    ticket = await open_ticket(fb, customer_id, **fields)
    await post(fb, ticket["id"], "assign", {"assignee": agent, "team": team})
    assignee = bearer("agent", sub=agent, team=team)  # the ticket is now in its queue, not the opener's
    await post(fb, ticket["id"], "responses", {"message": "处理中"}, headers=assignee)
    return await post(fb, ticket["id"], "resolve", {"solution": "已修复"}, headers=assignee)


async def csat(fb, by: str) -> dict:
    clock = fb.app.state.ctx.clock
    month = month_of(clock.now(), clock.zone)  # the business month the ratings fall in
    response = await fb.get("/v1/reports/csat", params={"month": month, "by": by}, headers=ANALYST)
    assert response.status_code == 200, response.text
    return {g["group"]: g for g in response.json()["groups"]} | {"all": response.json()["overall"]}


async def test_ratings_are_credited_to_the_agent_and_team_that_handled_the_ticket(fb, broker):
    agent, other, team = new_id("agent"), new_id("agent"), new_id("team")
    tiers_before = await csat(fb, "tier")
    first = await resolved_by(fb, agent, team)
    rated = await post(fb, first["id"], "verification", {"solved": True, "rating": 5}, headers=MANAGER)
    assert (rated["status"], rated["csat_rating"]) == ("closed", 5)
    assert [h["detail"] for h in rated["history"] if h["action"] == "rated"] == [
        {"rating": 5, "agent": agent, "team": team, "via": "api"}]
    # From the survey: the customer says not solved and rates 2; the ticket reopens.
    second = await resolved_by(fb, agent, team)
    await produce(broker.bootstrap, "ticket-verification-answered", second["customer_id"], {
        "customer_id": second["customer_id"], "ticket_id": second["id"], "solved": False, "rating": 2,
        "commented": True, "invitation_id": new_id("inv"), "answered_at": iso(datetime.now(UTC)),
    }, source="survey")

    async def reopened():
        body = await get_ticket(fb, second["id"])
        return body if body["status"] == "reopened" else None

    assert (await eventually(reopened, timeout=30))["csat_rating"] == 2
    third = await resolved_by(fb, other, team)
    await post(fb, third["id"], "verification", {"solved": True, "rating": 4}, headers=MANAGER)
    unrated = await resolved_by(fb, other, team)
    await post(fb, unrated["id"], "verification", {"solved": True}, headers=MANAGER)

    agents = await csat(fb, "agent")
    assert (agents[agent]["ratings"], agents[agent]["csat"], agents[agent]["mean_rating"]) == (2, 0.5, 3.5)
    assert agents[agent]["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}
    assert (agents[other]["ratings"], agents[other]["csat"]) == (1, 1.0)
    teams = await csat(fb, "team")
    assert (teams[team]["ratings"], teams[team]["csat"]) == (3, round(2 / 3, 4))
    tiers_after = await csat(fb, "tier")
    before = tiers_before.get("unknown", {"ratings": 0})["ratings"]
    assert tiers_after["unknown"]["ratings"] == before + 3  # these customers have no tier yet


async def test_the_sla_report_gives_csat_per_tier_and_bad_input_is_refused(fb):
    reported = "2024-04-08T02:00:00Z"  # a month no other test reports tickets in
    for rating in (5, 3):
        ticket = await resolved_by(fb, "agent-r", "team-r", reported_at=reported, description="outage")
        await post(fb, ticket["id"], "verification", {"solved": True, "rating": rating}, headers=MANAGER)
    report = (await fb.get("/v1/reports/sla", params={"month": "2024-04"}, headers=ANALYST)).json()
    assert (report["tiers"]["unknown"]["csat"], report["tiers"]["unknown"]["csat_ratings"]) == (0.5, 2)
    assert "csat" in report["definitions"]
    bad = await fb.get("/v1/reports/csat", params={"month": "2024-13", "by": "agent"}, headers=ANALYST)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "month"
    bad = await fb.get("/v1/reports/csat", params={"month": "2024-04", "by": "queue"}, headers=ANALYST)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "by"
    ticket = await resolved_by(fb, "agent-r", "team-r")
    out_of_range = await fb.post(f"/v1/tickets/{ticket['id']}/verification", headers=MANAGER,
                                 json={"solved": True, "rating": 6})
    assert out_of_range.status_code == 422 and out_of_range.json()["errors"][0]["field"] == "rating"
    still_open = await open_ticket(fb, description="outage")
    refused = await fb.post(f"/v1/tickets/{still_open['id']}/verification", headers=AGENT,
                            json={"solved": True, "rating": 5})
    assert refused.status_code == 409
    assert (await get_ticket(fb, still_open["id"]))["csat_rating"] is None  # nothing kept
