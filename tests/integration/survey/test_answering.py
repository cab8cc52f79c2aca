"""Answering an invitation by its token: scoring, once only, bad input, expiry (docs/design.md §4, §8)."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from services.survey.models import InvitationRow
from tests.integration.survey.helpers import ITEMS, MANAGER, answers, invite, new_id, respond


async def test_the_questions_are_read_with_the_token_alone(survey):
    [item] = await invite(survey, [new_id("q")])
    response = await survey.get(f"/v1/invitations/{item['token']}")  # no Authorization header
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "survey"
    likert = [q for q in body["questions"] if q["type"] == "likert"]
    assert [q["id"] for q in likert] == ITEMS
    assert (likert[0]["min"], likert[0]["max"]) == (1, 5)
    assert [q["type"] for q in body["questions"][len(ITEMS):]] == ["nps", "open"]
    assert "customer_id" not in response.text


async def test_an_answer_is_scored_with_level_dimensions_nps_and_csat(survey):
    customer = new_id("ans")
    [item] = await invite(survey, [customer])
    body = {"answers": answers(4, product_service__stability=5, product_service__response_speed=5,
                               product_service__solution_effectiveness=5),
            "nps": 9, "comments": {"improvements": "回复再快一点"}}
    response = await respond(survey, item["token"], body)
    assert response.status_code == 201, response.text
    satisfaction = response.json()["satisfaction"]
    assert satisfaction["dimensions"]["product_service"] == 5.0
    assert satisfaction["dimensions"]["communication"] == 4.0
    assert satisfaction["value"] == 4.25
    assert satisfaction["level"] == "satisfied"
    assert satisfaction["nps_category"] == "promoter"
    assert satisfaction["csat"] == 1.0
    assert satisfaction["tier"] is None  # no score-updated heard yet: equal weights
    assert set(satisfaction["weights"].values()) == {0.25}
    history = (await survey.get(f"/v1/customers/{customer}/satisfaction", headers=MANAGER)).json()
    assert [p["value"] for p in history["items"]] == [4.25]
    assert history["latest"]["level"] == "satisfied"


async def test_a_second_answer_to_the_same_invitation_is_a_409(survey):
    [item] = await invite(survey, [new_id("twice")])
    assert (await respond(survey, item["token"], {"answers": answers(5)})).status_code == 201
    again = await respond(survey, item["token"], {"answers": answers(1)})
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    assert (await survey.get(f"/v1/invitations/{item['token']}")).status_code == 409


async def test_answers_out_of_range_or_unknown_are_refused_by_field_and_nothing_is_stored(survey):
    customer = new_id("bad")
    [item] = await invite(survey, [customer])
    bad = answers(3)
    bad[ITEMS[0]] = 6
    bad["product_service.unknown"] = 2
    response = await respond(survey, item["token"], {"answers": bad, "nps": 11})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {f"answers.{ITEMS[0]}", "answers.product_service.unknown", "nps"}
    assert ITEMS[0] in response.json()["detail"]
    missing = await respond(survey, item["token"], {"answers": {ITEMS[0]: 3}})
    assert missing.status_code == 422
    assert f"answers.{ITEMS[1]}" in {e["field"] for e in missing.json()["errors"]}
    not_a_number = await respond(survey, item["token"], {"answers": {ITEMS[0]: "lots"}})
    assert not_a_number.status_code == 422
    assert not_a_number.json()["errors"][0]["field"] == f"answers.{ITEMS[0]}"
    history = (await survey.get(f"/v1/customers/{customer}/satisfaction", headers=MANAGER)).json()
    assert history["items"] == []
    # Nothing was stored: the invitation can still be answered properly.
    assert (await respond(survey, item["token"], {"answers": answers(3)})).status_code == 201


async def test_an_expired_invitation_is_refused_with_410(survey):
    [item] = await invite(survey, [new_id("exp")])
    ctx = survey.app.state.ctx
    async with ctx.db.session() as session, session.begin():
        await session.execute(
            update(InvitationRow).where(InvitationRow.id == item["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    assert (await survey.get(f"/v1/invitations/{item['token']}")).status_code == 410
    response = await respond(survey, item["token"], {"answers": answers(5)})
    assert response.status_code == 410
    assert response.json()["errors"][0]["field"] == "token"


async def test_an_unknown_token_is_a_404(survey):
    response = await survey.get("/v1/invitations/" + "x" * 43)
    assert response.status_code == 404
    assert (await respond(survey, "y" * 43, {"answers": answers(5)})).status_code == 404


async def test_the_answering_page_is_served_without_login_for_mobiles(survey):
    [item] = await invite(survey, [new_id("page")])
    page = await survey.get(f"/s/{item['token']}")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<meta name="viewport"' in page.text
    assert "http://" not in page.text and "https://" not in page.text  # no external assets
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "nonce-" in page.headers["content-security-policy"]


async def test_survey_metrics_are_exposed(survey):
    [item] = await invite(survey, [new_id("metrics")])
    await respond(survey, item["token"], {"answers": answers(2)})
    text = (await survey.get("/metrics")).text
    assert "crm_survey_responses_total" in text
    assert "crm_survey_satisfaction_bucket" in text
    assert 'crm_survey_response_rate{survey_id="default"}' in text


async def test_two_simultaneous_answers_store_one_and_refuse_the_other(survey):
    customer = new_id("race")
    [item] = await invite(survey, [customer])
    first, second = await asyncio.gather(
        respond(survey, item["token"], {"answers": answers(5)}),
        respond(survey, item["token"], {"answers": answers(1)}),
    )
    assert sorted([first.status_code, second.status_code]) == [201, 409]
    history = (await survey.get(f"/v1/customers/{customer}/satisfaction", headers=MANAGER)).json()
    assert len(history["items"]) == 1


async def test_the_openapi_document_lists_the_contract(survey):
    paths = (await survey.get("/openapi.json")).json()["paths"]
    for path in ("/v1/surveys", "/v1/surveys/{survey_id}", "/v1/surveys/{survey_id}/invitations",
                 "/v1/invitations/{token}", "/v1/invitations/{token}/response",
                 "/v1/surveys/{survey_id}/results", "/v1/surveys/{survey_id}/topics",
                 "/v1/customers/{customer_id}/satisfaction", "/v1/customers/{customer_id}/invitations"):
        assert path in paths
