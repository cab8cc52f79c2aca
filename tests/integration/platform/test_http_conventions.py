"""CORS for configured origins, compressed large responses, Retry-After on 429 and 503
(docs/design.md §13), through a real service app."""

import gzip

import pytest
from pydantic import ValidationError

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from tests.support import ADMIN, running_service

CONSOLE = "https://console.crm.example"


@pytest.fixture(scope="module")
async def fb_cors(platform_config):
    settings = feedback_settings(**platform_config, run_workers=False, run_consumers=False,
                                 cors_origins=[CONSOLE, "http://localhost:5173"], cors_allow_credentials=True)
    async with running_service(create_app(settings)) as client:
        yield client


def _preflight(origin: str, headers: str = "authorization,content-type,if-match") -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": headers}


async def test_a_preflight_from_a_configured_origin_is_allowed_with_the_headers_a_client_needs(fb_cors):
    response = await fb_cors.options("/v1/tickets/t-1", headers=_preflight(CONSOLE))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == CONSOLE
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "PATCH" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type", "if-match"} <= set(allowed.replace(" ", "").split(","))
    # The real request: the page may read the ETag and the request id.
    real = await fb_cors.get("/v1/sla-policy", headers={**ADMIN, "Origin": CONSOLE})
    assert real.headers["access-control-allow-origin"] == CONSOLE
    exposed = real.headers["access-control-expose-headers"].lower()
    assert "etag" in exposed and "x-request-id" in exposed


async def test_a_preflight_from_another_origin_is_refused(fb_cors):
    response = await fb_cors.options("/v1/tickets/t-1", headers=_preflight("https://evil.example"))
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    real = await fb_cors.get("/v1/sla-policy", headers={**ADMIN, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in real.headers


async def test_without_configured_origins_no_cors_header_is_sent(platform_config):
    settings = feedback_settings(**platform_config, run_workers=False, run_consumers=False)
    async with running_service(create_app(settings)) as client:
        response = await client.options("/v1/tickets/t-1", headers=_preflight(CONSOLE))
        assert "access-control-allow-origin" not in response.headers
        assert response.status_code == 405


def test_production_refuses_any_origin_together_with_credentials():
    with pytest.raises(ValidationError, match="CRM_CORS_ORIGINS"):
        feedback_settings(env="production", jwt_secret="a-production-secret-that-is-long-and-random",
                          cors_origins="*", cors_allow_credentials=True)
    allowed = feedback_settings(env="production", jwt_secret="a-production-secret-that-is-long-and-random",
                                cors_origins=f"{CONSOLE}, https://m.crm.example")
    assert allowed.cors_origins == [CONSOLE, "https://m.crm.example"]


async def test_large_responses_are_gzipped_for_clients_that_accept_it_small_ones_are_not(fb_cors):
    large = await fb_cors.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert large.headers["content-encoding"] == "gzip"
    assert int(large.headers["content-length"]) < len(large.content) / 3  # decoded by httpx
    raw = await fb_cors.get("/openapi.json", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.content == large.content
    small = await fb_cors.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    assert gzip.compress(raw.content)  # the body itself is plain JSON
    assert raw.json()["openapi"].startswith("3.")


async def test_every_503_says_when_to_retry(platform_config):
    settings = feedback_settings(**{**platform_config, "kafka_bootstrap": "127.0.0.1:9"}, run_workers=False,
                                 run_consumers=False, run_relay=False)
    async with running_service(create_app(settings)) as client:
        response = await client.get("/readyz")
        assert response.status_code == 503
        assert int(response.headers["Retry-After"]) > 0


async def test_every_429_says_when_to_retry(platform_config):
    from services.survey.app import create_app as create_survey_app
    from services.survey.settings import survey_settings

    settings = survey_settings(**platform_config, run_workers=False, run_consumers=False,
                               rate_limit_per_client=2)
    async with running_service(create_survey_app(settings)) as survey:
        statuses = [(await survey.get("/v1/invitations/not-a-token")) for _ in range(4)]
        limited = [r for r in statuses if r.status_code == 429]
        assert limited, [r.status_code for r in statuses]
        assert all(int(r.headers["Retry-After"]) > 0 for r in limited)
