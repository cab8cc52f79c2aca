"""Sign-in with OpenID Connect (authorization code + PKCE) against an identity provider; the
provider's access token is what the services then accept (verified with its JWKS)."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from services.feedback.app import create_app as create_feedback
from services.feedback.settings import feedback_settings
from tests.console_stack import console_app, served
from tests.integration.console.identity_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    Provider,
    create_provider_app,
)
from tests.support import free_port


@pytest.fixture(scope="module")
def provider():
    idp = Provider()
    with served(create_provider_app(idp), "identity-provider") as server:
        idp.issuer = server.url
        yield idp


@pytest.fixture(scope="module")
def console(platform_config, console_stack_config, service_urls, provider):
    # A feedback service that trusts the provider's keys, as production services do (CRM_JWT_JWKS_URL).
    feedback = create_feedback(
        feedback_settings(
            **console_stack_config,
            jwt_jwks_url=f"{provider.issuer}/jwks",
            run_workers=False,
            run_consumers=False,
            run_relay=False,
        )
    )
    with served(feedback, "feedback-oidc") as trusting:
        port = free_port()
        app = console_app(
            platform_config,
            {**service_urls, "feedback": trusting.url},
            oidc_issuer=provider.issuer,
            oidc_client_id=CLIENT_ID,
            oidc_client_secret=CLIENT_SECRET,
            oidc_redirect_url=f"http://127.0.0.1:{port}/auth/callback",
            demo_sign_in=False,
            jwt_jwks_url=f"{provider.issuer}/jwks",
        )
        with served(app, "console-oidc", port) as server:
            yield server.url


async def test_authorization_code_with_pkce_signs_in_and_the_services_accept_the_providers_token(
    console, provider
):
    async with httpx.AsyncClient(base_url=console) as browser, httpx.AsyncClient() as elsewhere:
        login = await browser.get("/login", params={"next": "/tickets?priority=P1"})
        assert "/auth/oidc/start" in login.text and 'value="agent-zhang"' not in login.text  # no demo users
        start = await browser.get("/auth/oidc/start", params={"next": "/tickets?priority=P1"})
        assert start.status_code == 302
        to_provider = urlsplit(start.headers["location"])
        query = parse_qs(to_provider.query)
        assert query["code_challenge_method"] == ["S256"] and query["response_type"] == ["code"]
        assert "openid" in query["scope"][0] and query["nonce"][0] and query["state"][0]
        assert "code_verifier" not in query  # the verifier never leaves the console before the token request
        back = await elsewhere.get(start.headers["location"])  # the provider signs the preset user in
        assert back.status_code == 302, back.text
        callback = urlsplit(back.headers["location"])
        signed_in = await browser.get(f"{callback.path}?{callback.query}")
        assert signed_in.status_code == 303, signed_in.text
        assert signed_in.headers["location"] == "/tickets?priority=P1"
        verifier = provider.token_requests[-1]["code_verifier"]
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        assert challenge == query["code_challenge"][0] and len(verifier) >= 43
        queue = await browser.get("/tickets?priority=P1")
        assert queue.status_code == 200 and "oidc-agent" in queue.text
        assert "is unavailable" not in queue.text  # feedback took the provider's RS256 token
        # The same code and state again: the sign-in was used up.
        replay = await browser.get(f"{callback.path}?{callback.query}")
        assert replay.status_code == 401
        # Sign-out ends the session here and at the provider.
        token = queue.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        out = await browser.post("/logout", data={"csrf_token": token})
        assert out.status_code == 303 and out.headers["location"].startswith(f"{provider.issuer}/logout?")
        assert (await browser.get("/tickets")).status_code == 303


async def test_a_callback_with_an_unknown_state_signs_no_one_in(console):
    async with httpx.AsyncClient(base_url=console) as browser:
        forged = await browser.get("/auth/callback", params={"code": "stolen", "state": "made-up"})
        assert forged.status_code == 401
        assert "crm_console=" not in forged.headers.get("set-cookie", "")
        refused = await browser.get("/auth/callback", params={"error": "access_denied"})
        assert refused.status_code == 400 and "access_denied" in refused.text
