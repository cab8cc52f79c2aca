"""The customer's side of a survey without a browser: the page's language, the opening texts the
default template gives it, and a default still carrying the first, developer-facing texts."""

from sqlalchemy import update

from services.survey.models import SurveyRow
from services.survey.service.surveys import SUPERSEDED_DEFAULT_TEXTS, seed_default_survey
from tests.integration.survey.helpers import ANALYST, MANAGER, invite, new_id

TOKEN = "x" * 43


async def test_the_page_language_follows_lang_then_the_browser_then_chinese(survey):
    for params, accept_language, expected in (
        ({}, None, "zh-CN"), ({"lang": "en"}, "zh-CN", "en"), ({"lang": "zh"}, "en", "zh-CN"),
        ({}, "en-US,en;q=0.9,zh-CN;q=0.8", "en"), ({}, "fr-FR,zh-TW;q=0.7,en;q=0.5", "zh-CN"),
        ({}, "de, en;q=0.2", "en"), ({"lang": "fr"}, None, "zh-CN"), ({}, "en;q=bad, zh", "zh-CN"),
    ):
        headers = {"Accept-Language": accept_language} if accept_language else {}
        page = await survey.get(f"/s/{TOKEN}", params=params, headers=headers)
        assert page.status_code == 200
        assert page.headers["content-language"] == expected, (params, accept_language)
        assert f'<html lang="{expected}">' in page.text
        assert "{{" not in page.text
    english = (await survey.get(f"/s/{TOKEN}", params={"lang": "en"})).text
    assert "<title>Customer satisfaction survey</title>" in english and ">中文</a>" in english


async def test_the_default_survey_opens_with_its_purpose_in_both_languages(survey):
    [invitation] = await invite(survey, [new_id("pp")])
    view = (await survey.get(f"/v1/invitations/{invitation['token']}")).json()
    assert (view["title"], view["title_zh"]) == ("Customer satisfaction survey", "客户满意度调查")
    assert view["description"].startswith("Help us serve you better")
    assert view["description_zh"].startswith("为了更好地为您服务")
    assert view["saved"] is None and view["language"] is None


async def test_a_default_with_the_superseded_developer_texts_gets_the_customer_facing_ones(survey):
    ctx = survey.app.state.ctx
    template = (await survey.get("/v1/surveys/default", headers=ANALYST)).json()
    keys = [d["key"] for d in template["dimensions"]]
    weights = {"VIP": dict(zip(keys, (0.4, 0.2, 0.2, 0.2), strict=True))}
    assert (await survey.put("/v1/surveys/default/weights", json={"tier_weights": weights},
                             headers=MANAGER)).status_code == 200
    for old_name, old_description in sorted(SUPERSEDED_DEFAULT_TEXTS):
        async with ctx.db.session() as session, session.begin():
            row = await session.get(SurveyRow, "default")
            definition = {**row.definition, "name": old_name, "description": old_description}
            definition.pop("name_zh"), definition.pop("description_zh")
            await session.execute(update(SurveyRow).where(SurveyRow.id == "default")
                                  .values(definition=definition, name=old_name))
        await seed_default_survey(ctx)
        after = (await survey.get("/v1/surveys/default", headers=ANALYST)).json()
        assert (after["name"], after["name_zh"]) == ("Customer satisfaction survey", "客户满意度调查")
        assert "Likert" not in after["description"] and after["description_zh"]
        assert after["tier_weights"]["VIP"] == weights["VIP"]  # the manager's weights stay
    assert (await survey.put("/v1/surveys/default/weights", json={"tier_weights": {}},
                             headers=MANAGER)).status_code == 200
