"""The survey client retries with backoff on outages and 5xx, never on a refusal (4xx)."""

import httpx
import jwt
import pytest

from services.playbook.service.survey_client import SurveyClient, SurveyRefused, SurveyUnavailable
from services.playbook.settings import playbook_settings

SETTINGS = playbook_settings(survey_max_attempts=3, survey_backoff_seconds=0.0)


def _client(answers: list) -> tuple[SurveyClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    http = httpx.AsyncClient(base_url="http://survey", transport=httpx.MockTransport(handle))
    return SurveyClient(SETTINGS, http), seen


async def test_an_outage_and_a_503_are_retried_then_the_invitation_is_made():
    ok = httpx.Response(201, json={"items": [{"customer_id": "C1", "token": "t", "url": "u", "id": "i"}]})
    client, seen = _client([httpx.ConnectError("refused"), httpx.Response(503), ok])
    invitations, skipped = await client.invite("S1", ["C1"])
    assert invitations["C1"]["token"] == "t" and skipped == {}
    assert len(seen) == 3
    assert seen[-1].url.path == "/v1/surveys/S1/invitations"


async def test_a_customer_held_back_by_the_fatigue_guard_comes_back_with_its_recent_invitation():
    held = {"customer_id": "C2", "recent_invitation_id": "i-recent", "reason": "fatigue guard: ...",
            "next_allowed_at": "2026-12-01T00:00:00Z"}
    ok = httpx.Response(201, json={"items": [{"customer_id": "C1", "token": "t", "url": "u", "id": "i"}],
                                   "skipped": [held]})
    client, _ = _client([ok])
    invitations, skipped = await client.invite("S1", ["C1", "C2"])
    assert set(invitations) == {"C1"} and skipped["C2"]["recent_invitation_id"] == "i-recent"


async def test_the_service_token_is_an_account_manager_signed_with_the_platform_secret():
    client, seen = _client([httpx.Response(200, json={"items": [{"id": "S9", "is_default": True}]})])
    assert await client.default_survey_id() == "S9"
    token = seen[0].headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SETTINGS.jwt_secret, algorithms=["HS256"])
    assert claims["roles"] == ["account_manager"]


async def test_a_refusal_is_not_retried():
    client, seen = _client([httpx.Response(404, json={"detail": "no survey"})])
    with pytest.raises(SurveyRefused):
        await client.invite("missing", ["C1"])
    assert len(seen) == 1


async def test_after_every_attempt_fails_the_survey_is_unavailable():
    client, seen = _client([httpx.ReadTimeout("slow")] * 3)
    with pytest.raises(SurveyUnavailable):
        await client.invite("S1", ["C1"])
    assert len(seen) == 3
