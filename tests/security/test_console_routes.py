"""Every route of the staff console, from the app itself, against the catalog of what each takes:
without a session a page sends the browser to sign in (and back), a write changes nothing, and the
sign-in forms refuse a post that did not come from their own page (docs/design.md §12)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from services.console.app import create_app
from services.console.settings import console_settings
from tests.security.catalog import CONSOLE_ROUTES, console_routes, dummy_path
from tests.support import running_service


@pytest.fixture(scope="module")
async def console(platform_config):
    settings = console_settings(**platform_config, cookie_secure=False, run_workers=False)
    async with running_service(create_app(settings)) as client:
        yield client


def test_every_console_route_is_in_the_catalog(console):
    served = console_routes(console.app)
    assert served - set(CONSOLE_ROUTES) == set(), "a console route without a catalog entry"
    assert set(CONSOLE_ROUTES) - served == set(), "a catalog entry for a route the console does not serve"


async def test_without_a_session_pages_go_to_sign_in_and_writes_change_nothing(console):
    for (method, template), access in sorted(CONSOLE_ROUTES.items()):
        if access not in ("page", "write"):
            continue
        path = dummy_path(template)
        response = await console.request(method, path, data={"message": "x"})
        assert response.status_code == 303, (method, template, response.status_code)
        location = response.headers["location"]
        assert location.startswith("/login?next="), (method, template, location)
        if method == "GET":
            assert location == f"/login?next={quote(path, safe='')}"
        htmx = await console.request(method, path, headers={"HX-Request": "true"})
        assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/login?next="), template


async def test_the_sign_in_forms_refuse_a_post_without_their_own_token(console):
    for (_, template), access in CONSOLE_ROUTES.items():
        if access != "sign-in":
            continue
        bare = await console.post(template, data={"subject": "admin", "language": "en"})
        assert bare.status_code == 403, template
        forged = await console.post(
            template, data={"subject": "admin", "language": "en", "csrf_token": "x" * 43},
            headers={"Cookie": "crm_console_pre=" + "y" * 43})
        assert forged.status_code == 403, template
        assert "crm_console=" not in forged.headers.get("set-cookie", ""), template


async def test_public_routes_answer_without_a_session(console):
    for (method, template), access in CONSOLE_ROUTES.items():
        if access != "public" or template in ("/static", "/auth/callback", "/auth/oidc/start"):
            continue
        response = await console.request(method, template)
        assert response.status_code == 200, (template, response.status_code)
    assert (await console.get("/static/htmx.min.js")).status_code == 200
    # No identity provider is configured here: starting a sign-in with one says so.
    assert (await console.get("/auth/oidc/start")).status_code == 401


async def test_a_page_of_another_origin_cannot_frame_or_script_the_console(console):
    response = await console.get("/login")
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
    assert "default-src 'none'" in policy and "form-action 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_operations_endpoints_answer_only_requests_that_did_not_come_through_a_proxy(console):
    for path in ("/metrics", "/healthz", "/readyz"):
        assert (await console.get(path)).status_code == 200, path
        proxied = await console.get(path, headers={"X-Forwarded-For": "203.0.113.7"})
        assert proxied.status_code == 404, path
