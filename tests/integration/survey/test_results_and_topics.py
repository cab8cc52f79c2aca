"""Results by tier, topics of open answers and satisfaction over time (docs/design.md §4, §8)."""

import pytest

from tests.integration.survey.helpers import (
    ANALYST,
    MANAGER,
    answers,
    invite,
    invited_days_ago,
    new_id,
    publish,
    respond,
    score_updated,
)
from tests.support import eventually
from tests.unit.survey.answers import THEMES

SMALL = {
    "name": "Two dimensions",
    "dimensions": [
        {"key": "service", "items": [{"id": "service.speed", "text": "Speed"}]},
        {"key": "value", "items": [{"id": "value.price", "text": "Price"}]},
    ],
    "nps_question": "Recommend us?",
    "open_questions": [{"id": "why", "text": "Why?"}],
}


async def new_survey(client) -> str:
    response = await client.post("/v1/surveys", json=SMALL, headers=MANAGER)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def tier_is(client, customer_id, tier) -> bool:
    body = (await client.get(f"/v1/customers/{customer_id}/satisfaction", headers=MANAGER)).json()
    return body["tier"] == tier


async def test_results_by_tier_give_means_gaps_nps_csat_and_response_rate(survey, broker):
    survey_id = await new_survey(survey)
    vips = [new_id("rv") for _ in range(2)]
    regulars = [new_id("rr") for _ in range(2)]
    await publish(broker.bootstrap, *(score_updated(c, "VIP") for c in vips),
                  *(score_updated(c, "Regular", "to-optimize") for c in regulars))
    for customer in vips + regulars:
        await eventually(lambda c=customer: tier_is(survey, c, "VIP" if c in vips else "Regular"))
    invited = {i["customer_id"]: i for i in await invite(survey, vips + regulars, survey_id)}
    await respond(survey, invited[vips[0]]["token"],
                  {"answers": {"service.speed": 5, "value.price": 4}, "nps": 10})
    await respond(survey, invited[vips[1]]["token"],
                  {"answers": {"service.speed": 4, "value.price": 4}, "nps": 9})
    await respond(survey, invited[regulars[0]]["token"],
                  {"answers": {"service.speed": 2, "value.price": 3}, "nps": 4})
    response = await survey.get(f"/v1/surveys/{survey_id}/results", params={"by": "tier"},
                                headers=ANALYST)
    assert response.status_code == 200, response.text
    body = response.json()
    groups = {g["group"]: g for g in body["groups"]}
    assert list(groups) == ["VIP", "Regular"]
    assert groups["VIP"]["dimensions"] == {"service": 4.5, "value": 4.0}
    assert groups["VIP"]["response_rate"] == 1.0
    assert groups["VIP"]["nps"] == 100.0
    assert groups["VIP"]["csat"] == 1.0
    assert groups["Regular"]["response_rate"] == 0.5
    assert groups["Regular"]["nps"] == -100.0
    assert groups["Regular"]["csat"] == 0.0
    service_gap = next(g for g in body["gaps"] if g["dimension"] == "service")
    assert service_gap == {"dimension": "service", "highest_group": "VIP", "highest_mean": 4.5,
                           "lowest_group": "Regular", "lowest_mean": 2.0, "gap": 2.5}
    assert body["overall"]["invited"] == 4
    assert body["overall"]["response_rate"] == 0.75
    assert body["overall"]["nps"] == pytest.approx(33.3, abs=0.1)
    by_quadrant = (await survey.get(f"/v1/surveys/{survey_id}/results", params={"by": "quadrant"},
                                    headers=ANALYST)).json()
    assert [g["group"] for g in by_quadrant["groups"]] == ["core", "to-optimize"]
    bad = await survey.get(f"/v1/surveys/{survey_id}/results", params={"by": "colour"},
                           headers=ANALYST)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "by"


async def test_topics_group_mixed_language_answers_by_theme(survey):
    survey_id = await new_survey(survey)
    texts = [text for group in THEMES.values() for text in group]
    theme_of = {text: theme for theme, group in THEMES.items() for text in group}
    invited = await invite(survey, [new_id("topic") for _ in texts], survey_id)
    for item, text in zip(invited, texts, strict=True):
        response = await respond(survey, item["token"], {
            "answers": {"service.speed": 3, "value.price": 3}, "comments": {"why": text},
        })
        assert response.status_code == 201
    response = await survey.get(f"/v1/surveys/{survey_id}/topics", headers=ANALYST)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["answers"] == len(texts)
    assert sorted(t["label"] for t in body["topics"]) == ["price", "speed", "stability"]
    for topic in body["topics"]:
        assert topic["count"] == 10
        assert {theme_of[e] for e in topic["examples"]} == {topic["label"]}
        assert topic["keywords"]
    unknown = await survey.get(f"/v1/surveys/{survey_id}/topics", params={"question_id": "nope"},
                               headers=ANALYST)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "question_id"


async def test_a_customers_satisfaction_is_kept_over_time(survey):
    survey_id = await new_survey(survey)
    customer = new_id("time")
    first = await invite(survey, [customer], survey_id)
    await invited_days_ago(survey, first[0]["id"], 31)
    second = await invite(survey, [customer])
    await respond(survey, first[0]["token"], {"answers": {"service.speed": 2, "value.price": 2}})
    await respond(survey, second[0]["token"], {"answers": answers(5), "nps": 10})
    response = await survey.get(f"/v1/customers/{customer}/satisfaction", headers=MANAGER)
    body = response.json()
    assert [p["value"] for p in body["items"]] == [2.0, 5.0]  # oldest first
    assert [p["survey_id"] for p in body["items"]] == [survey_id, "default"]
    assert body["latest"]["level"] == "very_satisfied"
    paged = (await survey.get(f"/v1/customers/{customer}/satisfaction", params={"limit": 1},
                              headers=MANAGER)).json()
    assert len(paged["items"]) == 1 and paged["next_cursor"]
