"""Segmentation, survey and feedback together through the broker: the closed loop of docs/design.md §4-5.

A VIP customer's tier reaches the SLA engine and the survey weights through `score-updated`; a
resolved ticket sends the customer a verification; a "no" reopens the ticket, a "yes" closes it;
the customer's satisfaction answer reaches segmentation.
"""

import contextlib
import uuid
from datetime import datetime, timedelta

import pytest

from services.feedback.app import create_app as create_feedback
from services.feedback.models import CustomerTierRow as FeedbackTier
from services.feedback.settings import feedback_settings
from services.segmentation.app import create_app as create_segmentation
from services.segmentation.settings import segmentation_settings
from services.survey.app import create_app as create_survey
from services.survey.models import CustomerTierRow as SurveyTier
from services.survey.settings import survey_settings
from shared.business_time import month_of
from tests.support import ADMIN, EventCollector, bearer, eventually, running_service

AGENT = bearer("agent", sub="agent-7", team="billing-team")  # where the billing ticket is routed


async def _known_tier(client, tier_row, customer_id: str) -> str | None:
    """The tier in a service's own read model, fed by `score-updated` (None until it arrives)."""
    async with client.app.state.ctx.db.session() as session:
        row = await session.get(tier_row, customer_id)
    return row.tier if row else None


async def _tier_reached(client, tier_row, customer_id: str) -> None:
    async def vip() -> bool:
        return await _known_tier(client, tier_row, customer_id) == "VIP"

    await eventually(vip, timeout=40)


@pytest.fixture(scope="module")
async def stack(platform_config):
    async with contextlib.AsyncExitStack() as stack:
        clients = {
            "segmentation": await stack.enter_async_context(
                running_service(create_segmentation(segmentation_settings(**platform_config)))),
            "survey": await stack.enter_async_context(
                running_service(create_survey(survey_settings(**platform_config)))),
            "feedback": await stack.enter_async_context(
                running_service(create_feedback(feedback_settings(**platform_config)))),
        }
        yield clients


async def _vip_customer(seg) -> str:
    """Worked example A of docs/design.md §3 (VIP), scored and published."""
    from tests.integration.segmentation.helpers import create_worked_example

    customer_id = await create_worked_example(seg, "A", prefix="loop")
    score = (await seg.post(f"/v1/customers/{customer_id}/rescore", headers=ADMIN)).json()
    assert score["tier"] == "VIP"
    return customer_id


async def _verification_token(survey, customer_id: str, ticket_id: str, answered: set[str]) -> str:
    async def pending():
        page = (await survey.get(f"/v1/customers/{customer_id}/invitations", headers=ADMIN)).json()
        fresh = [i for i in page["items"] if i["ticket_id"] == ticket_id and i["token"] not in answered]
        return fresh[0]["token"] if fresh else None

    return await eventually(pending, timeout=40)


async def test_vip_ticket_is_verified_reopened_and_closed_across_services(stack, broker):
    seg, survey, feedback = stack["segmentation"], stack["survey"], stack["feedback"]
    customer_id = await _vip_customer(seg)
    # Both read models have the tier before the ticket is opened.
    await _tier_reached(survey, SurveyTier, customer_id)
    await _tier_reached(feedback, FeedbackTier, customer_id)

    ticket = (await feedback.post("/v1/tickets", headers=AGENT, json={
        "customer_id": customer_id, "channel": "app", "type": "suggestion",
        "category": "billing", "description": "Please add monthly invoices in PDF",
    })).json()
    assert ticket["tier"] == "VIP"
    assert ticket["priority"] == "P3"
    # VIP caps the P3 resolution target (72 h) to 4 h, on the 24x7 clock.
    assert ticket["sla"]["calendar"] == "24x7"
    opened = datetime.fromisoformat(ticket["reported_at"])
    assert datetime.fromisoformat(ticket["sla"]["resolution_due"]) - opened == timedelta(hours=4)
    assert datetime.fromisoformat(ticket["sla"]["first_response_due"]) - opened == timedelta(hours=2)
    ticket_id = ticket["id"]
    for step, body in (("assign", {"assignee": "agent-7"}), ("responses", {"message": "On it"})):
        response = await feedback.post(f"/v1/tickets/{ticket_id}/{step}", headers=AGENT, json=body)
        assert response.status_code == 200, response.text

    request_id = f"loop-{uuid.uuid4().hex[:8]}"
    async with EventCollector(broker.bootstrap, ["ticket-resolved", "ticket-verification-answered",
                                                 "ticket-reopened", "ticket-closed"]) as events:
        resolved = await feedback.post(f"/v1/tickets/{ticket_id}/resolve",
                                       headers={**AGENT, "X-Request-ID": request_id},
                                       json={"solution": "PDF invoices enabled", "improvement": "Default on"})
        assert resolved.status_code == 200, resolved.text
        found = await events.wait_for(
            lambda e: e["type"] == "ticket-resolved" and e["subject"] == customer_id)
        assert found[0]["crmrequestid"] == request_id  # the request id follows the event

        answered: set[str] = set()
        token = await _verification_token(survey, customer_id, ticket_id, answered)
        question = (await survey.get(f"/v1/invitations/{token}")).json()
        assert "solved" in str(question).lower()
        no = await survey.post(f"/v1/invitations/{token}/response",
                               json={"solved": False, "answers": {"rating": 2}})
        assert no.status_code == 201, no.text
        answered.add(token)
        await events.wait_for(
            lambda e: e["type"] == "ticket-reopened" and e["data"]["ticket_id"] == ticket_id, timeout=40)
        reopened = (await feedback.get(f"/v1/tickets/{ticket_id}", headers=AGENT)).json()
        assert reopened["reopen_count"] == 1
        assert reopened["status"] not in ("resolved", "closed")

        await feedback.post(f"/v1/tickets/{ticket_id}/responses", headers=AGENT,
                            json={"message": "Looking again"})
        again = await feedback.post(f"/v1/tickets/{ticket_id}/resolve", headers=AGENT,
                                    json={"solution": "Invoices regenerated", "improvement": "Monitoring"})
        assert again.status_code == 200, again.text
        token = await _verification_token(survey, customer_id, ticket_id, answered)
        yes = await survey.post(f"/v1/invitations/{token}/response",
                                json={"solved": True, "answers": {"rating": 5},
                                      "comments": {"comment": "Thanks, quick fix"}})
        assert yes.status_code == 201, yes.text
        await events.wait_for(lambda e: e["type"] == "ticket-closed" and e["data"]["ticket_id"] == ticket_id,
                              timeout=40)
    closed = (await feedback.get(f"/v1/tickets/{ticket_id}", headers=AGENT)).json()
    assert closed["status"] == "closed"
    answers = [e for e in events.events if e["type"] == "ticket-verification-answered"
               and e["data"]["ticket_id"] == ticket_id]
    assert [e["data"]["solved"] for e in answers] == [False, True]
    # CSAT after resolution: both ratings reached feedback, credited to the agent who handled it.
    assert closed["csat_rating"] == 5
    month = month_of(datetime.fromisoformat(closed["closed_at"]), feedback.app.state.ctx.clock.zone)
    report = (await feedback.get("/v1/reports/csat", params={"month": month, "by": "agent"},
                                 headers=ADMIN)).json()
    agent = next(g for g in report["groups"] if g["group"] == "agent-7")
    assert agent["distribution"]["2"] >= 1 and agent["distribution"]["5"] >= 1


async def test_a_satisfaction_answer_uses_the_tier_and_reaches_segmentation(stack):
    seg, survey = stack["segmentation"], stack["survey"]
    customer_id = await _vip_customer(seg)
    await _tier_reached(survey, SurveyTier, customer_id)
    template = (await survey.get("/v1/surveys/default", headers=ADMIN)).json()
    invitation = (await survey.post("/v1/surveys/default/invitations", headers=ADMIN,
                                    json={"customer_ids": [customer_id]})).json()
    token = invitation["items"][0]["token"]
    items = [item["id"] for item in template["items"]]
    answer = await survey.post(f"/v1/invitations/{token}/response",
                               json={"answers": dict.fromkeys(items, 2), "nps": 3})
    assert answer.status_code == 201, answer.text
    satisfaction = answer.json()["satisfaction"]
    assert satisfaction["level"] == "dissatisfied"
    assert satisfaction["tier"] == "VIP"

    async def recorded():
        profile = (await seg.get(f"/v1/customers/{customer_id}", headers=ADMIN)).json()
        return profile["satisfaction"]

    stored = await eventually(recorded, timeout=40)
    assert stored["level"] == "dissatisfied"
    assert stored["nps"] == 3
