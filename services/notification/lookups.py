"""What a message needs from the other services at send time, over authenticated HTTP (docs/design.md §10):
the contact's address (segmentation), the answering link (survey), a resolved ticket's solution
(feedback). The service identity holds only those three permissions; nothing fetched is stored.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from services.notification.settings import NotificationSettings
from shared.auth import issue_service_token

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class LookupUnavailable(Exception):
    """The other service did not answer usefully: the message waits and is retried."""


class LookupMissing(Exception):
    """The other service says the thing does not exist (404): the message cannot be written."""


class PlatformLookups:
    def __init__(self, settings: NotificationSettings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = http

    def _headers(self) -> dict[str, str]:
        token = self.settings.notification_service_token or issue_service_token(self.settings.jwt_secret)
        return {"Authorization": f"Bearer {token}"}

    async def _get(self, base_url: str, path: str) -> dict[str, Any]:
        try:
            response = await self.http.get(
                f"{base_url.rstrip('/')}{path}",
                headers=self._headers(),
                timeout=self.settings.lookup_timeout_seconds,
            )
        except httpx.TransportError as exc:
            raise LookupUnavailable(f"GET {path}: {type(exc).__name__}") from exc
        if response.status_code == 404:
            raise LookupMissing(f"GET {path}: 404")
        if response.status_code in RETRYABLE_STATUS:
            raise LookupUnavailable(f"GET {path}: {response.status_code}")
        if response.status_code >= 400:
            # 401/403: the identity or its permissions are misconfigured; retrying after the
            # configuration is fixed sends the message, so it is not dropped.
            raise LookupUnavailable(f"GET {path}: refused with {response.status_code}")
        return response.json()

    async def contact_address(self, customer_id: str) -> dict[str, Any]:
        return await self._get(
            self.settings.segmentation_base_url,
            f"/v1/customers/{quote(customer_id, safe='')}/contact-address",
        )

    async def invitation_link(self, invitation_id: str) -> dict[str, Any]:
        return await self._get(
            self.settings.survey_base_url, f"/v1/invitation-links/{quote(invitation_id, safe='')}"
        )

    async def ticket_resolution(self, ticket_id: str) -> dict[str, Any]:
        return await self._get(
            self.settings.feedback_base_url, f"/v1/tickets/{quote(ticket_id, safe='')}/resolution"
        )
