"""The console over HTTP against the real services (PostgreSQL, broker): sessions, CSRF, CSP,
roles, expiry, a service down, and an API's refusal shown next to its field (docs/design.md §12)."""

from __future__ import annotations

import asyncio
import re
import time

import httpx
import pytest

from services.console.web import CONTENT_SECURITY_POLICY
from tests.console_stack import console_app, seed, served
from tests.integration.console.helpers import csrf_of, page_token, sign_in, version_of
from tests.support import ADMIN, free_port

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*")

PAGES = [
    "/tickets",
    "/customers",
    "/actions",
    "/dashboard",
    "/settings",
    "/settings/scoring-model",
    "/settings/sla",
    "/settings/calendar",
    "/settings/rules",
    "/settings/contact-policy",
    "/settings/webhooks",
]


@pytest.fixture(scope="module")
def seeded(service_urls):
    return seed(service_urls)


@pytest.fixture(scope="module")
def console(platform_config, service_urls):
    with served(console_app(platform_config, service_urls), "console") as server:
        yield server.url


@pytest.fixture
async def browser(console):
    async with httpx.AsyncClient(base_url=console, timeout=30) as client:
        yield client


async def test_demo_sign_in_sets_a_secure_httponly_samesite_cookie_holding_only_a_session_id(
    platform_config, service_urls
):
    with served(console_app(platform_config, service_urls, cookie_secure=True), "console-secure") as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            login = await client.get("/login")
            # A Secure cookie does not travel over http: send the sign-in form's cookie back by hand.
            pre = login.cookies["crm_console_pre"]
            response = await client.post(
                "/login/demo",
                headers={"Cookie": f"crm_console_pre={pre}"},
                data={"csrf_token": csrf_of(login.text), "subject": "agent-zhang"},
            )
    assert response.status_code == 303
    assert response.headers["location"] == "/tickets"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("__Host-crm_console="))
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite", "path"} <= attributes
    assert "samesite=lax" in cookie.lower() and "path=/" in cookie.lower() and "domain" not in attributes
    session_id = cookie.split(";")[0].split("=", 1)[1]
    assert "." not in session_id and not session_id.startswith("eyJ")  # an opaque id, not the token
    assert "Strict-Transport-Security" in response.headers


async def test_every_page_has_the_strict_csp_a_csrf_token_and_no_access_token(browser, seeded):
    await sign_in(browser, "admin")
    for path in [*PAGES, f"/tickets/{seeded.breached_ticket_id}", f"/customers/{seeded.customer_id}"]:
        response = await browser.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
        html = response.text
        # A JWT is three base64url parts joined by dots (a pagination cursor is one part).
        assert not JWT.search(html), f"{path} shows a token"
        assert "<script>" not in html and " style=" not in html and "<style" not in html, path
        assert len(csrf_of(html)) >= 32
        assert 'hx-headers=\'{"X-CSRF-Token"' in html


async def test_a_write_without_the_csrf_token_or_from_another_origin_is_refused_and_changes_nothing(
    browser, seeded, service_urls
):
    await sign_in(browser, "agent-zhang")
    path = f"/tickets/{seeded.fresh_ticket_id}"
    token = await page_token(browser, path)
    missing = await browser.post(f"{path}/reply", data={"message": "no token"})
    wrong = await browser.post(f"{path}/reply", data={"message": "wrong", "csrf_token": "x" * 43})
    foreign = await browser.post(
        f"{path}/reply",
        data={"message": "evil", "csrf_token": token},
        headers={"Origin": "https://evil.example"},
    )
    assert [r.status_code for r in (missing, wrong, foreign)] == [403, 403, 403]
    async with httpx.AsyncClient(headers=ADMIN) as api:
        ticket = (await api.get(f"{service_urls['feedback']}/v1/tickets/{seeded.fresh_ticket_id}")).json()
    assert ticket["response_count"] == 0
    # The same reply with the token, as the page's form sends it, goes through.
    sent = await browser.post(f"{path}/reply", data={"message": "We are on it", "csrf_token": token})
    assert sent.status_code == 303
    async with httpx.AsyncClient(headers=ADMIN) as api:
        ticket = (await api.get(f"{service_urls['feedback']}/v1/tickets/{seeded.fresh_ticket_id}")).json()
    assert ticket["response_count"] == 1


@pytest.mark.parametrize(
    ("subject", "path", "status"),
    [
        ("analyst-chen", "/tickets", 403),
        ("analyst-chen", "/customers", 403),
        ("analyst-chen", "/actions", 403),
        ("analyst-chen", "/dashboard", 200),
        ("analyst-chen", "/settings/scoring-model", 200),
        ("agent-zhang", "/dashboard", 403),
        ("agent-zhang", "/settings", 403),
        ("agent-zhang", "/tickets", 200),
        ("am-li", "/settings", 403),
        ("am-li", "/dashboard", 403),
        ("am-li", "/actions", 200),
        ("mgr-zhou", "/settings/sla", 200),
        ("mgr-zhou", "/dashboard", 200),
        ("admin", "/settings/webhooks", 200),
    ],
)
async def test_each_role_opens_only_the_pages_of_its_work(console, subject, path, status):
    async with httpx.AsyncClient(base_url=console) as client:
        await sign_in(client, subject)
        response = await client.get(path)
    assert response.status_code == status, (subject, path)


async def test_the_navigation_shows_each_role_its_own_pages(console):
    expected = {
        "analyst-chen": {"/dashboard", "/settings"},
        "agent-zhang": {"/tickets", "/actions", "/customers"},
        "mgr-zhou": {"/tickets", "/actions", "/customers", "/dashboard", "/settings"},
    }
    for subject, links in expected.items():
        async with httpx.AsyncClient(base_url=console) as client:
            await sign_in(client, subject)
            html = (await client.get("/settings" if subject == "analyst-chen" else "/tickets")).text
        nav = html.split("<nav", 1)[1].split("</nav>", 1)[0]
        shown = {
            href
            for href in ("/tickets", "/actions", "/customers", "/dashboard", "/settings")
            if f'href="{href}"' in nav
        }
        assert shown == links, subject


async def test_an_analyst_dry_runs_a_model_but_may_not_apply_it(console):
    async with httpx.AsyncClient(base_url=console) as client:
        await sign_in(client, "analyst-chen")
        page = await client.get("/settings/scoring-model")
        form = _model_form(page.text)
        dry = await client.post("/settings/scoring-model/dry-run", data=form)
        applied = await client.post("/settings/scoring-model", data=form)
    assert dry.status_code == 200 and 'id="dry-run-result"' in dry.text
    assert applied.status_code == 403


def _model_form(html: str) -> dict[str, str]:
    import re

    fields = dict(re.findall(r'name="((?:thresholds|weights|curves)\.[A-Za-z]+)" value="([^"]*)"', html))
    assert len(fields) == 13, fields
    return {**fields, "csrf_token": csrf_of(html), "if_match": version_of(html)}


async def test_an_expired_session_returns_to_sign_in_and_then_back_to_the_page(
    platform_config, service_urls, seeded
):
    app = console_app(platform_config, service_urls, session_idle_seconds=1)
    with served(app, "console-short") as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            page = f"/customers/{seeded.customer_id}"
            await sign_in(client, "am-li")
            assert (await client.get(page)).status_code == 200
            await asyncio.sleep(1.5)
            expired = await client.get(page)
            assert expired.status_code == 303
            assert expired.headers["location"] == f"/login?next=%2Fcustomers%2F{seeded.customer_id}"
            partial = await client.get(
                page, headers={"HX-Request": "true", "HX-Current-URL": f"{server.url}{page}"}
            )
            assert partial.status_code == 401
            assert partial.headers["HX-Redirect"] == expired.headers["location"]
            back = await sign_in(client, "am-li", next_path=page)
            assert back.status_code == 303 and back.headers["location"] == page
            assert (await client.get(page)).status_code == 200


async def test_a_service_that_is_down_leaves_only_its_part_unavailable(platform_config, service_urls, seeded):
    down = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    app = console_app(platform_config, {**service_urls, "playbook": down})
    with served(app, "console-playbook-down") as server:
        async with httpx.AsyncClient(base_url=server.url, headers={"Accept-Language": "en"}) as client:
            await sign_in(client, "am-li")
            started = time.monotonic()
            response = await client.get(f"/customers/{seeded.customer_id}")
            actions = await client.get("/actions")
    assert response.status_code == 200
    html = response.text
    assert "Care plan is unavailable: the care playbook service does not answer" in html
    assert "R recency" in html and "93." in html  # the score, from segmentation, still shows
    assert "Open tickets" in html and "Outage: orders cannot be placed" in html  # feedback still shows
    assert "My actions is unavailable" in actions.text
    assert time.monotonic() - started < 30


async def test_an_api_refusal_shows_its_detail_next_to_the_field_and_keeps_the_input(console):
    async with httpx.AsyncClient(base_url=console, headers={"Accept-Language": "en"}) as client:
        await sign_in(client, "mgr-zhou")
        page = await client.get("/settings/sla")
        import re

        form = dict(
            re.findall(
                r'name="((?:priority_targets|tier_caps|escalation)\.[A-Za-z0-9_.]+)" value="([^"]*)"',
                page.text,
            )
        )
        form["priority_targets.P1.first_response_hours"] = "0"  # the API wants more than 0 hours
        form["csrf_token"] = csrf_of(page.text)
        form["if_match"] = version_of(page.text)
        refused = await client.post("/settings/sla", data=form)
        unparsable = await client.post(
            "/settings/scoring-model/dry-run",
            data={
                **_model_form((await client.get("/settings/scoring-model")).text),
                "curves.R": "0:100, thirty",
            },
        )
    assert refused.status_code == 422
    html = refused.text
    name = "priority_targets.P1.first_response_hours"
    field = f'id="{name}" name="{name}" value="0"'
    assert field in html and 'aria-invalid="true"' in html
    error = html.split('id="priority_targets-P1-first_response_hours-error">', 1)[1].split("</p>", 1)[0]
    assert "greater than 0" in error
    assert unparsable.status_code == 422
    assert (
        "&#39;thirty&#39; is not input:score" in unparsable.text
        or "'thirty' is not input:score" in unparsable.text
    )
    assert 'value="0:100, thirty"' in unparsable.text


async def test_a_step_the_ticket_life_cycle_refuses_shows_why_above_the_form_and_keeps_the_note(
    console, service_urls, seeded
):
    """A new ticket cannot wait for the customer before the first reply: feedback answers 409 on
    the ticket's status, a field the form does not have; the page says so instead of nothing."""
    async with httpx.AsyncClient(headers=ADMIN) as api:
        opened = await api.post(
            f"{service_urls['feedback']}/v1/tickets",
            json={"customer_id": seeded.customer_id, "channel": "web", "type": "problem",
                  "category": "account", "priority": "P3", "description": "Report stuck at 99%"},
        )
    assert opened.status_code == 201, opened.text
    ticket = opened.json()["id"]
    async with httpx.AsyncClient(base_url=console, headers={"Accept-Language": "en"}) as client:
        await sign_in(client, "mgr-zhou")
        token = await page_token(client, f"/tickets/{ticket}")
        refused = await client.post(
            f"/tickets/{ticket}/pend", data={"csrf_token": token, "note": "Asked for the report id"}
        )
        resolved_early = await client.post(
            f"/tickets/{ticket}/resolve", data={"csrf_token": token, "solution": "Restarted the job"}
        )
    assert refused.status_code == 409
    form = refused.text.split('id="form-pend"', 1)[1].split("</form>", 1)[0]
    assert 'role="alert">a new ticket cannot become pending_customer</p>' in form
    assert "Asked for the report id</textarea>" in form
    assert resolved_early.status_code == 409
    form = resolved_early.text.split('id="form-resolve"', 1)[1].split("</form>", 1)[0]
    assert "a new ticket cannot become resolved" in form and "Restarted the job</textarea>" in form
    async with httpx.AsyncClient(headers=ADMIN) as api:
        unchanged = (await api.get(f"{service_urls['feedback']}/v1/tickets/{ticket}")).json()
    assert unchanged["status"] == "new"


async def test_an_account_manager_sees_only_its_own_customers(browser, seeded):
    """docs/design.md §11 through the console: am-wang lists its customer, not am-li's, and
    am-li's customer page is not found for it, as the services answer with the user's token."""
    await sign_in(browser, "am-wang")
    listed = (await browser.get("/customers")).text
    assert seeded.other_customer_id in listed and seeded.customer_id not in listed
    others = await browser.get(f"/customers/{seeded.customer_id}")
    assert others.status_code == 404, others.text[:500]
    assert "华信精密" not in others.text
    own = await browser.get(f"/customers/{seeded.other_customer_id}")
    assert own.status_code == 200 and "Northwind console" in own.text
