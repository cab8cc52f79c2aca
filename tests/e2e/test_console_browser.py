"""The staff console in headless Chromium (Debian's, driven by Playwright) against the real services
on PostgreSQL and the broker: the work of an agent, an account manager and a manager, each role's
pages, the CSRF token and CSP, screenshots of every page at desktop and phone width (kept in
tests/artifacts/console/), and axe-core accessibility checks (docs/design.md §12)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from services.console.domain.reports import previous_months
from services.console.web import CONTENT_SECURITY_POLICY
from shared.business_time import month_of, zone_named
from tests.console_stack import console_app, seed, served
from tests.e2e.survey_cdp import CHROMIUM, chromium_installed
from tests.support import ADMIN, bearer, eventually

playwright_api = pytest.importorskip("playwright.async_api")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "console"
LAST_MONTH = previous_months(month_of(datetime.now(UTC), zone_named("Asia/Shanghai")), 2)[0]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
pytestmark = pytest.mark.skipif(not chromium_installed(), reason="chromium is not installed (make tools)")


@pytest.fixture(scope="module")
def seeded(service_urls):
    return seed(service_urls)


@pytest.fixture(scope="module")
def webhook(service_urls):
    """A partner subscription for the webhook page (its deliveries go to the bench's receiver)."""
    with httpx.Client(headers=ADMIN) as api:
        created = api.post(f"{service_urls['notification']}/v1/webhooks", json={
            "url": f"{service_urls['sink']}/webhook", "event_types": ["ticket-created"],
            "description": "Browser test partner"})
        created.raise_for_status()
        yield created.json()["id"]
        api.delete(f"{service_urls['notification']}/v1/webhooks/{created.json()['id']}")


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console-browser") as server:
        yield server.url


@pytest.fixture(scope="module")
async def chromium():
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        await browser.close()


class Session:
    """One signed-in browser context; notes every console message (CSP violations show there)."""

    def __init__(self, context, page, console_url: str) -> None:
        self.context, self.page, self.url = context, page, console_url
        self.messages: list[str] = []
        page.on("console", lambda message: self.messages.append(message.text))

    async def goto(self, path: str):
        response = await self.page.goto(self.url + path)
        await self.page.wait_for_load_state("networkidle")
        return response

    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m]


async def open_session(chromium, console: str, subject: str, *, viewport=DESKTOP, locale="en-US",
                       start: str = "/") -> Session:
    context = await chromium.new_context(viewport=viewport, locale=locale, accept_downloads=True,
                                         is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    session = Session(context, await context.new_page(), console)
    await session.goto(start)
    assert "/login" in session.page.url
    await session.page.click(f"button[name='subject'][value='{subject}']")
    await session.page.wait_for_load_state("networkidle")
    return session


async def test_an_agent_works_a_breached_ticket_from_the_queue_to_resolution(chromium, console, seeded,
                                                                              service_urls):
    session = await open_session(chromium, console, "agent-zhang")
    page = session.page
    assert page.url == f"{console}/tickets"
    row = page.locator(f"tr[data-ticket='{seeded.breached_ticket_id}']")
    await row.wait_for()
    assert (await row.locator(".badge.breached").inner_text()) == "Breached"
    assert "overdue by" in await row.locator(".countdown").inner_text()
    await row.locator("a").click()
    await page.wait_for_url(f"**/tickets/{seeded.breached_ticket_id}")
    assert await page.locator("#ticket-status").get_attribute("data-status") == "new"
    # The customer's context beside the ticket: tier and score from segmentation.
    assert "VIP" in await page.locator("section[aria-labelledby='customer-context']").inner_text()
    await page.fill("#reply-message", "我们已定位问题, 正在修复 / We found the cause and are fixing it")
    await page.click("#form-reply button[type=submit]")
    await page.locator(".notice.success", has_text="Reply sent.").wait_for()
    # The reply joins the conversation under the customer's description (htmx swapped the page).
    said = await page.locator("#messages li").all_inner_texts()
    assert len(said) == 2 and "Outage: orders cannot be placed" in said[0]
    assert "We found the cause and are fixing it" in said[1]
    assert await page.locator("#messages li").last.get_attribute("data-author") == "agent"
    await page.fill("#resolve-solution", "Rolled back the faulty release")
    await page.fill("#resolve-improvement", "Canary releases with load tests first")
    await page.click("#form-resolve button[type=submit]")
    await page.locator("#ticket-status[data-status='resolved']").wait_for()
    async with httpx.AsyncClient(headers=ADMIN) as api:
        ticket = (await api.get(f"{service_urls['feedback']}/v1/tickets/{seeded.breached_ticket_id}")).json()
    assert ticket["status"] == "resolved" and ticket["solution"] == "Rolled back the faulty release"
    assert ticket["response_count"] == 1
    # Nothing of the session is readable by a script, and htmx keeps no page copies in storage.
    assert await page.evaluate("document.cookie") == ""
    assert await page.evaluate("window.localStorage.length") == 0
    assert session.csp_violations() == []
    await session.context.close()


async def test_an_expired_session_goes_to_sign_in_and_comes_back_to_the_page(chromium, console, seeded):
    session = await open_session(chromium, console, "am-li")
    path = f"/customers/{seeded.customer_id}"
    await session.goto(path)
    await session.context.clear_cookies()  # the session is gone, as when it expires
    await session.page.reload()
    assert "/login?next=%2Fcustomers%2F" in session.page.url
    await session.page.click("button[name='subject'][value='am-li']")
    await session.page.wait_for_url(f"{console}{path}")
    await session.context.close()


async def test_an_account_manager_completes_an_action_with_the_customers_feedback(chromium, console, seeded,
                                                                                   service_urls):
    async def am_li_action():
        async with httpx.AsyncClient(headers=ADMIN) as api:
            found = (await api.get(f"{service_urls['playbook']}/v1/actions", params={
                "customer_id": seeded.customer_id, "owner": "am-li", "status": "pending"})).json()["items"]
        return found[0] if found else None

    action = await eventually(am_li_action, timeout=60)  # planned from the score-updated event
    session = await open_session(chromium, console, "am-li")
    page = session.page
    assert page.url == f"{console}/actions"
    card = page.locator(f"#action-{action['id']}")
    await card.locator("summary").click()
    feedback = "客户对专属经理很满意 / Happy with the dedicated manager"
    await card.locator("textarea[name=customer_feedback]").fill(feedback)
    await card.locator("textarea[name=next_step]").fill("Quarterly review on 15 Jan")
    await card.locator("button[type=submit]").click()
    await page.locator(".notice.success", has_text="Action completed.").wait_for()
    async with httpx.AsyncClient(headers=ADMIN) as api:
        stored = (await api.get(f"{service_urls['playbook']}/v1/actions/{action['id']}")).json()
    assert stored["status"] == "done"
    assert stored["customer_feedback"].startswith("客户对专属经理很满意")
    assert stored["next_step"] == "Quarterly review on 15 Jan"
    assert session.csp_violations() == []
    await session.context.close()


async def test_a_manager_reads_the_dashboard_downloads_the_csv_and_dry_runs_a_stricter_vip_line(
        chromium, console, seeded, service_urls):
    session = await open_session(chromium, console, "mgr-zhou")
    page = session.page
    assert page.url == f"{console}/dashboard"
    assert await page.locator("section[aria-labelledby='tiers'] svg rect").count() == 8  # 4 tiers x 2
    assert await page.locator("section[aria-labelledby='sla'] svg").count() == 2
    # This month's report is built on the 1st of the next: the page says so and leads to last month's.
    assert "No report for" in await page.locator("#no-report").inner_text()
    await page.click("a[href*='#monthly-report']")
    await page.locator("#monthly-report a[href^='/dashboard/report.csv']").wait_for()
    async with page.expect_download() as download_info:
        await page.click("a[href^='/dashboard/report.csv']")
    download = await download_info.value
    with open(await download.path(), encoding="utf-8-sig") as saved:  # noqa: ASYNC230  (a small local file)
        text = saved.read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "group", "metric", "value"]
    assert any(r[0] == "sla" and r[2] == "resolution_on_time_rate" for r in rows)
    assert download.suggested_filename.startswith("monthly-report-")
    await session.goto("/settings/scoring-model")
    await page.fill("input[name='thresholds.VIP']", "95")
    await page.click("#model-form button[type=submit]:not([formaction])")
    result = page.locator("#dry-run-result")
    await result.wait_for()
    moves = await result.locator("li.move").all_inner_texts()
    assert any(m.startswith("VIP->Key") for m in moves), moves  # example A (93.1) drops below 95
    assert await page.input_value("input[name='thresholds.VIP']") == "95"  # the input is kept
    async with httpx.AsyncClient(headers=ADMIN) as api:
        model = (await api.get(f"{service_urls['segmentation']}/v1/scoring-model")).json()
    assert model["thresholds"]["VIP"] == 90  # a dry run saves nothing
    assert session.csp_violations() == []
    await session.context.close()


async def test_an_admin_saving_a_care_schedule_someone_changed_meanwhile_sees_why_with_the_input_kept(
        chromium, console, service_urls):
    playbook = service_urls["playbook"]
    async with httpx.AsyncClient(base_url=playbook, headers=ADMIN) as api:
        original = (await api.get("/v1/care-schedule")).json()
    session = await open_session(chromium, console, "admin", start="/settings/care-schedule")
    page = session.page
    await page.fill("#presence_check_days", "50")
    async with httpx.AsyncClient(base_url=playbook, headers=ADMIN) as api:  # another admin, meanwhile
        other = await api.put("/v1/care-schedule",
                              json={"presence_check_days": 35, "digest_at_risk_days": 30})
    assert other.status_code == 200
    try:
        await page.click("#document-form button[type=submit]")  # htmx swaps the 412 answer in place
        alert = page.locator("#document .field-error[role=alert]")
        await alert.wait_for()
        assert "changed since you read it" in await alert.inner_text()
        assert await page.input_value("#presence_check_days") == "50"  # the input is kept
        await page.click("#document-form button[type=submit]")  # saved over the newest version now
        await page.locator("#document .notice.success").wait_for()
        async with httpx.AsyncClient(base_url=playbook, headers=ADMIN) as api:
            stored = (await api.get("/v1/care-schedule")).json()
        assert (stored["version"], stored["presence_check_days"]) == (original["version"] + 2, 50)
        assert session.csp_violations() == []
    finally:
        await session.context.close()
        async with httpx.AsyncClient(base_url=playbook, headers=ADMIN) as api:
            restored = await api.put("/v1/care-schedule", json={
                k: original[k] for k in ("presence_check_days", "digest_at_risk_days")})
            restored.raise_for_status()


async def test_each_role_sees_only_what_its_role_and_scope_allow(chromium, console, seeded, service_urls):
    analyst = await open_session(chromium, console, "analyst-chen")
    assert analyst.page.url == f"{console}/dashboard"
    nav = await analyst.page.locator("header nav a").all_inner_texts()
    assert nav == ["Dashboard", "Settings"]
    refused = await analyst.goto(f"/tickets/{seeded.breached_ticket_id}")
    assert refused.status == 403 and "Not part of your work" in await analyst.page.inner_text("main")
    await analyst.context.close()
    # Another account manager's customer: the console shows what segmentation's scope says.
    async with httpx.AsyncClient() as api:
        direct = await api.get(f"{service_urls['segmentation']}/v1/customers/{seeded.customer_id}",
                               headers=bearer("account_manager", sub="am-wang"))
    wang = await open_session(chromium, console, "am-wang")
    shown = await wang.goto(f"/customers/{seeded.customer_id}")
    assert shown.status == direct.status_code
    if direct.status_code == 404:
        assert "outside the customers you look after" in await wang.page.inner_text("main")
    await wang.context.close()


PAGES = [
    ("login", None, "/login"), ("queue", "agent-zhang", "/tickets"),
    ("ticket", "agent-zhang", "/tickets/{ticket}"), ("customers", "am-li", "/customers"),
    ("customer-360", "am-li", "/customers/{customer}"), ("actions", "am-li", "/actions"),
    ("dashboard", "mgr-zhou", "/dashboard"), ("settings", "mgr-zhou", "/settings"),
    ("scoring-model", "mgr-zhou", "/settings/scoring-model"), ("sla", "mgr-zhou", "/settings/sla"),
    ("calendar", "mgr-zhou", "/settings/calendar"), ("rules", "mgr-zhou", "/settings/rules"),
    ("contact-policy", "mgr-zhou", "/settings/contact-policy"), ("webhooks", "admin", "/settings/webhooks"),
    ("webhook", "admin", "/settings/webhooks/{webhook}"),
    ("evaluation-policy", "admin", "/settings/evaluation-policy"),
    ("verification-policy", "admin", "/settings/verification-policy"),
    ("survey-schedule", "admin", "/settings/survey-schedule"),
    ("care-schedule", "admin", "/settings/care-schedule"),
    ("operations", "admin", "/operations"), ("monthly-report", "mgr-zhou", "/dashboard?month={last_month}"),
]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (make tools)")
@pytest.mark.parametrize(("width", "viewport", "locale"),
                         [("desktop", DESKTOP, "en-US"), ("phone", PHONE, "zh-CN")])
async def test_every_page_is_accessible_fits_the_screen_and_is_kept_as_a_screenshot(
        chromium, console, seeded, webhook, width, viewport, locale):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    axe = AXE.read_text(encoding="utf-8")
    sessions: dict[str | None, Session] = {}
    problems = []
    try:
        for name, subject, template in PAGES:
            if subject not in sessions:
                if subject is None:
                    context = await chromium.new_context(viewport=viewport, locale=locale,
                                                         is_mobile=viewport is PHONE)
                    sessions[None] = Session(context, await context.new_page(), console)
                else:
                    sessions[subject] = await open_session(chromium, console, subject, viewport=viewport,
                                                           locale=locale)
            session = sessions[subject]
            path = template.format(ticket=seeded.fresh_ticket_id, customer=seeded.customer_id,
                                   webhook=webhook, last_month=LAST_MONTH)
            response = await session.goto(path)
            assert response.status == 200, (name, response.status)
            headers = await response.all_headers()
            assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            if name != "login":
                assert await session.page.locator("input[name=csrf_token]").count() >= 1, name
            await session.page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
            if viewport is PHONE:  # nothing wider than the phone but scrollable tables
                overflow = await session.page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 1, (name, overflow)
            # Evaluated over the DevTools protocol, so the page's CSP (no inline script) still holds.
            await session.page.evaluate(axe)
            found = await session.page.evaluate(
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
                ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                " target: v.nodes[0].target.join(' ')})))")
            serious = [v for v in found if v["impact"] in ("serious", "critical")]
            if serious:
                problems.append((name, serious))
        for session in sessions.values():
            assert session.csp_violations() == [], session.csp_violations()
    finally:
        for session in sessions.values():
            await session.context.close()
    assert problems == []
