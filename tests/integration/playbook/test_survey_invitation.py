"""A survey-channel action invites the customer through the survey service's HTTP API.

The periodic survey of each tier is the survey service's own schedule (docs/design.md §9); a rule
may still ask for a survey on an event, as this one does on a churn-risk warning. The survey
service runs for real (its own app, under uvicorn on a free port); before it starts, the port is
closed: an outage only delays the invitation.
"""

import httpx

from services.survey.app import create_app as create_survey_app
from services.survey.settings import survey_settings
from tests.integration.playbook import events
from tests.integration.playbook.helpers import publish, uvicorn_server, wait_for_actions
from tests.support import ADMIN, EventCollector, eventually

CHURN_SURVEY_RULE = {
    "name": "Churn risk: ask the customer how we are doing", "trigger": "churn-risk-detected",
    "conditions": {}, "actions": [{"kind": "pulse-survey", "title": "Pulse survey", "channel": "survey",
                                   "owner_role": "account_manager", "due_offset_hours": 72}],
}


async def test_a_survey_action_gets_its_invitation_even_after_an_outage(
    playbook, producer, broker, platform_config, survey_port, customer_id, default_rules
):
    added = await playbook.put("/v1/rules/churn-pulse-survey", json=CHURN_SURVEY_RULE, headers=ADMIN)
    assert added.status_code == 200, added.text
    await publish(producer, "churn-risk-detected", customer_id, events.churn_risk())
    (action,) = await wait_for_actions(playbook, customer_id, 1, kind="pulse-survey")
    url = f"/v1/actions/{action['id']}"

    async def failed_attempt():
        got = (await playbook.get(url, headers=ADMIN)).json()
        return got if got["survey"]["attempts"] >= 1 else None

    during_outage = await eventually(failed_attempt)
    assert during_outage["status"] == "pending" and during_outage["survey"]["state"] == "pending"
    assert "SurveyUnavailable" in during_outage["survey"]["error"]

    survey_app = create_survey_app(survey_settings(**platform_config))
    async with EventCollector(broker.bootstrap, ["action-completed"]) as collector, \
            uvicorn_server(survey_app, survey_port):

        async def invited():
            got = (await playbook.get(url, headers=ADMIN)).json()
            return got if got["survey"]["state"] == "invited" else None

        done = await eventually(invited, timeout=30)
        assert done["status"] == "done"
        invitation = done["survey"]["invitation"]
        assert invitation["token"] and invitation["url"]
        await collector.wait_for(lambda e: e["data"]["action_id"] == action["id"])
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{survey_port}") as survey:
            question = await survey.get(f"/v1/invitations/{invitation['token']}")
            assert question.status_code == 200  # the customer can open it
            listed = await survey.get(f"/v1/customers/{customer_id}/invitations", headers=ADMIN)
            assert [i["id"] for i in listed.json()["items"]] == [invitation["invitation_id"]]
