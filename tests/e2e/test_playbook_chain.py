"""Segmentation, survey and playbook together through the broker and over real HTTP.

A Regular customer is scored by segmentation; the survey service, which learns the tier from
`score-updated`, invites them on its quarterly schedule (docs/design.md §9; the playbook plans no
survey of its own, so there is one invitation); the customer answers dissatisfied; the survey
publishes `satisfaction-scored` and the playbook gives the task force 48 hours.
"""

import uuid
from datetime import UTC, datetime, timedelta

import httpx

from services.playbook.app import create_app as create_playbook_app
from services.playbook.settings import playbook_settings
from services.segmentation.app import create_app as create_segmentation_app
from services.segmentation.settings import segmentation_settings
from services.survey.app import create_app as create_survey_app
from services.survey.service.cadence import invite_on_cadence
from services.survey.settings import survey_settings
from shared.rfc3339 import parse_time as _time
from tests.integration.playbook.helpers import uvicorn_server
from tests.support import ADMIN, bearer, eventually, free_port, running_service

ACCOUNT_MANAGER = bearer("account_manager", sub="am-e2e")


async def _action(playbook, customer_id: str, kind: str, **expected) -> dict | None:
    response = await playbook.get("/v1/actions", params={"customer_id": customer_id, "kind": kind},
                                  headers=ADMIN)
    for action in response.json()["items"]:
        if all(action.get(k) == v if not callable(v) else v(action.get(k)) for k, v in expected.items()):
            return action
    return None


async def test_a_real_dissatisfied_survey_answer_becomes_a_task_force_action(platform_config):
    survey_port = free_port()
    survey_url = f"http://127.0.0.1:{survey_port}"
    survey_app = create_survey_app(survey_settings(**platform_config, public_base_url=survey_url))
    playbook_app = create_playbook_app(playbook_settings(
        **platform_config, survey_base_url=survey_url, survey_backoff_seconds=0.05, survey_retry_seconds=0.2,
    ))
    segmentation_app = create_segmentation_app(segmentation_settings(**platform_config))
    customer_id = f"E2E-PB-{uuid.uuid4().hex[:8]}"
    now = datetime.now(UTC)
    async with uvicorn_server(survey_app, survey_port), running_service(segmentation_app) as segmentation, \
            running_service(playbook_app) as playbook, httpx.AsyncClient(base_url=survey_url) as survey:
        # 1. Segmentation scores a Regular customer: R 60 days, 4 orders, 150,000 CNY, growth 0, L 40.
        profile = {"name": "Chain Test Co", "industry": "retail", "since": "2020-01-01", "growth_pct": 0,
                   "repurchase_rate": 40, "owner": "am-e2e"}
        assert (await segmentation.put(f"/v1/customers/{customer_id}", json=profile,
                                       headers=ACCOUNT_MANAGER)).status_code in (200, 201)
        orders = [{"order_id": f"{customer_id}-{d}", "amount": "37500",
                   "ordered_at": (now - timedelta(days=d)).isoformat()} for d in (60, 120, 200, 300)]
        assert (await segmentation.post(f"/v1/customers/{customer_id}/orders", json=orders,
                                        headers=ACCOUNT_MANAGER)).status_code in (200, 201)
        scored = await segmentation.post(f"/v1/customers/{customer_id}/rescore", headers=ADMIN)
        assert scored.status_code == 200, scored.text
        assert scored.json()["tier"] == "Regular"

        # 2. The survey schedule invites the Regular customer once it knows the tier (the job's run,
        #    as the scheduler makes it every 15 minutes); the playbook plans recurring care only.
        survey_ctx = survey_app.state.ctx

        async def scheduled_invitations() -> list[dict] | None:
            await invite_on_cadence(survey_ctx, survey_ctx.clock.now())
            listed = await survey.get(f"/v1/customers/{customer_id}/invitations", headers=ADMIN)
            assert listed.status_code == 200, listed.text
            return listed.json()["items"] or None

        [invitation] = await eventually(scheduled_invitations, timeout=40)
        assert invitation["kind"] == "survey"
        token = invitation["token"]
        await eventually(lambda: _action(playbook, customer_id, "standard-training"), timeout=30)
        plan = (await playbook.get(f"/v1/customers/{customer_id}/plan", headers=ADMIN)).json()
        assert not [a for a in plan["open_actions"] if a["channel"] == "survey"], plan["open_actions"]

        # 3. The customer answers, dissatisfied.
        questions = (await survey.get(f"/v1/invitations/{token}")).json()["questions"]
        answers = {q["id"]: 2 for q in questions if q["type"] == "likert"}
        answered = await survey.post(f"/v1/invitations/{token}/response", json={"answers": answers, "nps": 3})
        assert answered.status_code == 201, answered.text
        assert answered.json()["satisfaction"]["level"] == "dissatisfied"

        # 4. The playbook gives the task force 48 hours, and says which rule and event did it.
        action = await eventually(lambda: _action(playbook, customer_id, "remediation-plan"), timeout=30)
        assert (action["owner_role"], action["status"]) == ("task_force", "pending")
        assert action["trigger_event_type"] == "satisfaction-scored"
        assert action["rule_id"] == "satisfaction-negative"
        assert _time(action["due_at"]) <= datetime.now(UTC) + timedelta(hours=48)
        plan = (await playbook.get(f"/v1/customers/{customer_id}/plan", headers=ADMIN)).json()
        assert plan["customer"]["tier"] == "Regular" and plan["customer"]["owner"] == "am-e2e"
