"""The survey service's HTTP API as the playbook uses it: the default survey and invitations.

Retries with exponential backoff on connection errors, timeouts, 429 and 5xx; anything else
(a 4xx) is a permanent answer and is raised at once. Calls carry a short-lived service token
signed with the platform JWT secret, role account_manager (docs/design.md §7: who may invite) and the
permission to act on every customer (§11: the platform's own identity, not one account manager's).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from services.playbook.settings import PlaybookSettings
from shared.auth import EVERY_CUSTOMER, issue_token

SERVICE_SUBJECT = "service:playbook"
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class SurveyUnavailable(Exception):
    """The survey service did not answer usefully after every attempt; try again later."""


class SurveyRefused(Exception):
    """The survey service refused the request (4xx): retrying the same request will not help."""


class SurveyClient:
    def __init__(self, settings: PlaybookSettings, http: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self.http = http or httpx.AsyncClient(
            base_url=settings.survey_base_url.rstrip("/"),
            timeout=httpx.Timeout(settings.survey_timeout_seconds),
        )

    def _headers(self) -> dict[str, str]:
        # It invites for the platform, whoever owns the customer (docs/design.md §11).
        token = issue_token(self.settings.jwt_secret, SERVICE_SUBJECT, ["account_manager"],
                            permissions=[EVERY_CUSTOMER], ttl_seconds=300)
        return {"Authorization": f"Bearer {token}"}

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        delay = self.settings.survey_backoff_seconds
        last_error = "no attempt"
        for attempt in range(1, self.settings.survey_max_attempts + 1):
            try:
                response = await self.http.request(method, path, headers=self._headers(), **kwargs)
            except httpx.TransportError as exc:  # refused, reset, timed out
                last_error = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 400:
                    return response.json()
                if response.status_code not in RETRYABLE_STATUS:
                    raise SurveyRefused(f"{method} {path} -> {response.status_code}: {response.text[:300]}")
                last_error = f"{method} {path} -> {response.status_code}"
            if attempt < self.settings.survey_max_attempts:
                await asyncio.sleep(delay)
                delay *= 2
        raise SurveyUnavailable(last_error)

    async def default_survey_id(self) -> str:
        """The template marked `is_default: true` in GET /v1/surveys (it is listed first)."""
        cursor = None
        while True:
            params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
            page = await self._request("GET", "/v1/surveys", params=params)
            for survey in page.get("items", []):
                if survey.get("is_default"):
                    return survey["id"]
            cursor = page.get("next_cursor")
            if not cursor:
                raise SurveyRefused("the survey service has no default survey")

    async def invite(
        self, survey_id: str, customer_ids: list[str]
    ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """customer id -> the new invitation (id, token, url, expires_at), and customer id -> why it
        was not invited (the fatigue guard: `recent_invitation_id`, `reason`, `next_allowed_at`)."""
        body = {"customer_ids": customer_ids, "expires_in_days": self.settings.survey_expires_in_days}
        answer = await self._request("POST", f"/v1/surveys/{survey_id}/invitations", json=body)
        return ({item["customer_id"]: item for item in answer.get("items", [])},
                {item["customer_id"]: item for item in answer.get("skipped", [])})

    async def aclose(self) -> None:
        await self.http.aclose()
