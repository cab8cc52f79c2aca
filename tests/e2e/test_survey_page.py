"""The answering page end to end: uvicorn, headless Chromium, PostgreSQL and the broker."""

import asyncio
import re
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from services.survey import demo as survey_demo
from services.survey.app import create_app
from services.survey.demo import load_demo
from services.survey.settings import survey_settings
from tests.e2e.survey_cdp import Chromium, chromium_installed
from tests.integration.survey.helpers import publish, ticket_resolved
from tests.support import ADMIN, EventCollector, bearer, eventually, free_port

pytestmark = pytest.mark.skipif(
    not chromium_installed(), reason="chromium is not installed (apt-get install chromium)"
)
ACCOUNT_MANAGER = bearer("account_manager", sub="am-e2e")
MANAGER = bearer("manager", sub="mgr-e2e")  # reads any customer's answers and invitations


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
BODY_TEXT = "document.body.innerText"
RENDERED = "document.querySelectorAll('input[type=radio]').length > 0"
# Wording of the people who built it, never of the customer's page.
DEVELOPER_WORDS = ("DESIGN", "Likert", "(default)", "item", "token", "survey_id", "null", "undefined",
                   "NaN", "[object")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "survey"


async def invitation_for(api, customer: str, **extra) -> dict:
    created = await api.post("/v1/surveys/default/invitations",
                             json={"customer_ids": [customer], **extra}, headers=MANAGER)
    assert created.status_code == 201, created.text
    return created.json()["items"][0]


def assert_customer_wording(text: str) -> None:
    found = [word for word in DEVELOPER_WORDS if word in text]
    assert not found, f"developer wording on the customer's page: {found}\n{text}"


async def test_a_customer_answers_on_a_chinese_phone_in_chinese(survey_server, broker):
    customer = f"page-{time.time_ns()}"
    async with httpx.AsyncClient(base_url=survey_server) as api:
        invitation = await invitation_for(api, customer)
        assert invitation["url"] == f"{survey_server}/s/{invitation['token']}"
        async with EventCollector(broker.bootstrap, ["satisfaction-scored"]) as events, Chromium() as browser:
            async with browser.page(accept_language="zh-CN,zh;q=0.9") as page:
                await page.goto(invitation["url"])
                await page.wait_for(RENDERED)
                assert await page.evaluate("window.innerWidth") == 390
                assert await page.evaluate("document.documentElement.lang") == "zh-CN"
                text = await page.evaluate(BODY_TEXT)
                assert_customer_wording(text)
                # The opening states the purpose and promises confidentiality (seed 000).
                assert "客户满意度调查" in text and "为了更好地为您服务" in text and "严格保密" in text
                # Chinese throughout: the only Latin word is the link to the English page.
                assert re.findall(r"[A-Za-z]{2,}", text) == ["English"]
                # Submitting with nothing chosen is stopped on the page, nothing is sent.
                await page.evaluate("document.getElementById('submit').click()")
                assert "请回答所有标红的问题" in await page.wait_for(
                    "!document.getElementById('error').hidden && document.getElementById('error').innerText")
                assert await page.evaluate(CHOOSE_ANSWERS) == 12
                await page.evaluate("document.getElementById('submit').click()")
                thanks = await page.wait_for("!document.getElementById('thanks').hidden && "
                                             "document.getElementById('thanks').innerText")
                assert "感谢您的反馈" in thanks
                # The same link again: the page says it was answered already, in Chinese.
                await page.goto(invitation["url"])
                message = await page.wait_for(
                    "!document.getElementById('error').hidden && document.getElementById('error').innerText")
                assert "您已经提交过回答" in message
            [event] = await events.wait_for(lambda e: e["subject"] == customer)
        assert event["data"]["value"] == 4.5  # dimensions 5, 5, 4, 4: the first six items got 5
        assert event["data"]["level"] == "very_satisfied"
        assert event["data"]["nps_category"] == "promoter"
        stored = (await api.get(f"/v1/customers/{customer}/satisfaction", headers=MANAGER)).json()
        assert [p["value"] for p in stored["items"]] == [4.5]
        assert stored["items"][0]["nps"] == 10


async def test_the_page_speaks_english_when_the_invitation_or_the_browser_asks(survey_server):
    async with httpx.AsyncClient(base_url=survey_server) as api:
        chosen = await invitation_for(api, f"en-{time.time_ns()}", language="en")
        assert chosen["url"].endswith("?lang=en")
        plain = await invitation_for(api, f"al-{time.time_ns()}")
    async with Chromium() as browser:
        for url, accept_language in ((chosen["url"], None), (plain["url"], "en-GB,en;q=0.9")):
            async with browser.page(accept_language=accept_language) as page:
                await page.goto(url)
                await page.wait_for(RENDERED)
                assert await page.evaluate("document.documentElement.lang") == "en"
                text = await page.evaluate(BODY_TEXT)
                assert_customer_wording(text)
                assert "Customer satisfaction survey" in text and "confidential" in text
                assert re.findall(r"[\u4e00-\u9fff]+", text) == ["中文"]  # the link to the Chinese page


async def test_answers_saved_as_the_customer_goes_survive_a_reload(survey_server):
    customer = f"reload-{time.time_ns()}"
    async with httpx.AsyncClient(base_url=survey_server) as api:
        invitation = await invitation_for(api, customer)
        async with Chromium() as browser, browser.page(accept_language="zh-CN") as page:
            await page.goto(invitation["url"])
            await page.wait_for(RENDERED)
            await page.evaluate("""(() => {
              document.querySelector('input[name="product_service.stability"][value="2"]').click();
              document.querySelector('input[name="communication.timeliness"][value="4"]').click();
              document.querySelector('input[name="nps"][value="7"]').click();
              const area = document.querySelector('textarea[name="improvements"]');
              area.value = '希望响应更快';
              area.dispatchEvent(new Event('input', {bubbles: true}));
            })()""")
            assert await page.wait_for("document.getElementById('save-state').innerText") == "已自动保存"
            await page.wait_for("document.getElementById('save-state').innerText === '已自动保存' && "
                                "!document.activeElement.matches('textarea')", timeout=5)
            await page.goto(invitation["url"])  # a reload
            await page.wait_for(RENDERED)
            await page.wait_for("document.querySelector('textarea[name=\"improvements\"]').value")
            restored = await page.evaluate("""(() => ({
              checked: [...document.querySelectorAll('input:checked')].map(i => i.id).sort(),
              comment: document.querySelector('textarea[name="improvements"]').value,
            }))()""")
        assert restored == {"checked": ["communication.timeliness-4", "nps-7", "product_service.stability-2"],
                            "comment": "希望响应更快"}
        listed = (await api.get(f"/v1/customers/{customer}/invitations", headers=MANAGER)).json()
        assert listed["items"][0]["opened_at"] and listed["items"][0]["started_at"]
        assert listed["items"][0]["answered_at"] is None


async def axe_violations(page, axe: str) -> list[dict]:
    await page.evaluate(axe)  # over the DevTools protocol: the page's CSP still holds for its own code
    return await page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " target: v.nodes[0].target.join(' ')})))")


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (make tools)")
@pytest.mark.parametrize("language", ["zh-CN", "en"])
async def test_the_page_passes_axe_at_phone_width_and_is_kept_as_screenshots(survey_server, broker, language):
    axe = await asyncio.to_thread(AXE.read_text, encoding="utf-8")
    customer = f"axe-{time.time_ns()}"
    async with httpx.AsyncClient(base_url=survey_server) as api:
        invitation = await invitation_for(api, customer, language=language)
        await publish(broker.bootstrap, ticket_resolved(customer, f"T-{time.time_ns()}"))

        async def verification():
            items = (await api.get(f"/v1/customers/{customer}/invitations", headers=MANAGER)).json()
            return next((i for i in items["items"] if i["kind"] == "verification"), None)

        follow_up = await eventually(verification, timeout=40)
    problems = {}
    async with Chromium() as browser, browser.page(accept_language=language) as page:
        for name, url in (("survey", invitation["url"]), ("ticket-follow-up", follow_up["url"])):
            await page.goto(url)
            await page.wait_for(RENDERED)
            assert await page.evaluate("document.documentElement.lang") == language
            assert_customer_wording(await page.evaluate(BODY_TEXT))
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, (name, overflow)  # nothing wider than the phone
            await page.screenshot(ARTIFACTS / f"{name}-{language}-390.png")
            problems[name] = await axe_violations(page, axe)
        # The page after answering, and the one a customer sees with a used link.
        await page.evaluate("document.querySelector('input[name=\"solved\"][value=\"yes\"]').click()")
        await page.evaluate("document.getElementById('submit').click()")
        await page.wait_for("!document.getElementById('thanks').hidden")
        await page.screenshot(ARTIFACTS / f"thanks-{language}-390.png")
        problems["thanks"] = await axe_violations(page, axe)
    serious = {name: [v for v in found if v["impact"] in ("serious", "critical")]
               for name, found in problems.items()}
    assert serious == {"survey": [], "ticket-follow-up": [], "thanks": []}, problems


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
