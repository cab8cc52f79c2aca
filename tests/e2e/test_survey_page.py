"""The answering page end to end: uvicorn, headless Chromium, PostgreSQL and the broker."""

import threading
import time

import httpx
import pytest
import uvicorn

from services.survey import demo as survey_demo
from services.survey.app import create_app
from services.survey.demo import load_demo
from services.survey.settings import survey_settings
from tests.e2e.survey_cdp import Chromium, chromium_installed
from tests.support import ADMIN, EventCollector, bearer, free_port

pytestmark = pytest.mark.skipif(
    not chromium_installed(), reason="chromium is not installed (apt-get install chromium)"
)
ACCOUNT_MANAGER = bearer("account_manager", sub="am-e2e")
ANALYST = bearer("analyst", sub="an-e2e")


@pytest.fixture(scope="module")
def survey_server(platform_config):
    """The survey app served by uvicorn in a thread, as a phone would reach it."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    app = create_app(survey_settings(**platform_config, public_base_url=base_url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="survey-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the survey service did not start")
        time.sleep(0.05)
    yield base_url
    server.should_exit = True
    thread.join(timeout=30)


CHOOSE_ANSWERS = """
(() => {
  const likert = [...document.querySelectorAll('fieldset')].filter(
      fs => fs.querySelectorAll('input[type=radio]').length === 5);
  likert.forEach((fs, i) => fs.querySelector(`input[value="${i < 6 ? 5 : 4}"]`).click());
  document.querySelector('input[name="nps"][value="10"]').click();
  document.querySelector('textarea[name="improvements"]').value = '响应速度很快, thanks!';
  return likert.length;
})()
"""


async def test_a_customer_answers_on_the_phone_page_and_the_answer_is_scored(survey_server, broker):
    customer = f"page-{time.time_ns()}"
    async with httpx.AsyncClient(base_url=survey_server) as api:
        created = await api.post("/v1/surveys/default/invitations",
                                 json={"customer_ids": [customer]}, headers=ACCOUNT_MANAGER)
        assert created.status_code == 201, created.text
        [invitation] = created.json()["items"]
        assert invitation["url"] == f"{survey_server}/s/{invitation['token']}"
        async with EventCollector(broker.bootstrap, ["satisfaction-scored"]) as events, Chromium() as browser:
            async with browser.page() as page:
                await page.goto(invitation["url"])
                await page.wait_for("document.querySelectorAll('input[type=radio]').length > 0")
                assert await page.evaluate("window.innerWidth") == 390
                # Submitting with nothing chosen is stopped on the page, nothing is sent.
                await page.evaluate("document.getElementById('submit').click()")
                await page.wait_for("!document.getElementById('error').hidden")
                assert await page.evaluate(CHOOSE_ANSWERS) == 12
                await page.evaluate("document.getElementById('submit').click()")
                thanks = await page.wait_for(
                    "!document.getElementById('thanks').hidden && "
                    "document.getElementById('thanks').innerText"
                )
                assert "Thank you" in thanks
                # The same link again: the page says it was answered already.
                await page.goto(invitation["url"])
                message = await page.wait_for(
                    "!document.getElementById('error').hidden && "
                    "document.getElementById('error').innerText"
                )
                assert "already been answered" in message
            [event] = await events.wait_for(lambda e: e["subject"] == customer)
        assert event["data"]["value"] == 4.5  # dimensions 5, 5, 4, 4: the first six items got 5
        assert event["data"]["level"] == "very_satisfied"
        assert event["data"]["nps_category"] == "promoter"
        stored = (await api.get(f"/v1/customers/{customer}/satisfaction", headers=ANALYST)).json()
        assert [p["value"] for p in stored["items"]] == [4.5]
        assert stored["items"][0]["nps"] == 10


async def test_the_demo_data_loads_over_http_once(survey_server, monkeypatch):
    # No segmentation here: the demo does not wait to hear the customers' tiers.
    monkeypatch.setattr(survey_demo, "TIERS_AWAITED_SECONDS", 0.0)
    await load_demo(survey_server, ADMIN)
    await load_demo(survey_server, ADMIN)  # already loaded: skipped
    # The first topics call loads the word segmentation dictionary: seconds on a busy host.
    async with httpx.AsyncClient(base_url=survey_server, headers=ADMIN, timeout=60) as api:
        answered = (await api.get("/v1/customers/cust-g/satisfaction")).json()
        assert [p["level"] for p in answered["items"]] == ["very_satisfied"]
        invited = (await api.get("/v1/customers/cust-a/invitations")).json()["items"]
        assert [i["status"] for i in invited if i["kind"] == "survey"] == ["pending"]  # not answered
        topics = (await api.get("/v1/surveys/default/topics")).json()
        assert topics["answers"] >= 6
