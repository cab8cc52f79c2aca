"""The services under test, discovered rather than listed: every suite runs over all of them."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from shared.launcher import available_services
from tests.support import running_service

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Routes anyone may call (docs/design.md §7): health, the survey invitation (answering) endpoints where
# the invitation token is the key, and the links inside notification messages (open pixel,
# click redirect, one-click unsubscribe) where a signature is the key. /metrics is served
# outside the OpenAPI document.
PUBLIC_ROUTES = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/v1/invitations/{token}"),
    ("POST", "/v1/invitations/{token}/response"),
    ("POST", "/v1/invitations/{token}/progress"),
    ("GET", "/s/{token}"),
    ("GET", "/v1/track/open/{message_id}"),
    ("GET", "/v1/track/click/{message_id}"),
    ("GET", "/v1/unsubscribe/{key}"),
    ("POST", "/v1/unsubscribe/{key}"),
}
# Routes only an admin may call (a manager gets 403): the test clock of docs/design.md §9 and the
# services' own calendar settings (docs/design.md §7: a manager edits everything but those).
ADMIN_ONLY_ROUTES = {
    ("PUT", "/v1/clock"),
    ("PUT", "/v1/schedules/{name}"),
    ("PUT", "/v1/survey-schedule"),
    ("PUT", "/v1/care-schedule"),
    ("PUT", "/v1/evaluation-policy"),
    ("PUT", "/v1/verification-policy"),
    # docs/design.md §11: the audit trail (every service) and erasure (segmentation) are the admin's.
    ("GET", "/v1/audit"),
    ("DELETE", "/v1/customers/{customer_id}"),
    ("GET", "/v1/erasures/{erasure_id}"),
}
# Writes that compute without changing anything, so the read-only analyst may call them.
READ_ONLY_COMPUTATIONS = {
    ("POST", "/v1/scoring-model/dry-run"),
}


@dataclass(frozen=True)
class ServiceUnderTest:
    name: str
    create_app: Callable[..., FastAPI]
    settings: Callable[..., Any]

    def app(self, platform_config: dict, **overrides: Any) -> FastAPI:
        return self.create_app(self.settings(**{**platform_config, **overrides}))


def service_names() -> list[str]:
    return available_services()


def load_service(name: str) -> ServiceUnderTest:
    """The service's app factory and settings; skips (with the reason) when it does not import."""
    try:
        app_module = importlib.import_module(f"services.{name}.app")
        settings_module = importlib.import_module(f"services.{name}.settings")
        return ServiceUnderTest(
            name, app_module.create_app, getattr(settings_module, f"{name}_settings")
        )
    except Exception as exc:  # a service still being written: report, do not fail the suite
        pytest.skip(f"services.{name} does not import: {type(exc).__name__}: {exc}")


@contextlib.asynccontextmanager
async def quiet_service(
    name: str, platform_config: dict, **overrides: Any
) -> AsyncIterator[httpx.AsyncClient]:
    """The service over in-process HTTP, with no relay, consumer or workers unless asked."""
    service = load_service(name)
    settings = {"run_relay": False, "run_consumers": False, "run_workers": False, **overrides}
    async with running_service(service.app(platform_config, **settings)) as client:
        yield client


def operations(openapi: dict) -> list[tuple[str, str, dict]]:
    """Every (METHOD, path template, operation) of an OpenAPI document."""
    found = []
    for path, item in openapi.get("paths", {}).items():
        for method, operation in item.items():
            if method.upper() in {"GET", "HEAD", *WRITE_METHODS}:
                found.append((method.upper(), path, operation))
    return sorted(found, key=lambda o: (o[1], o[0]))


def is_protected(openapi: dict, operation: dict) -> bool:
    security = operation.get("security", openapi.get("security"))
    return bool(security)


def dummy_path(path: str) -> str:
    """Fill path parameters with plausible dummy values (tokens long enough to pass patterns)."""
    import re

    def value(match: re.Match) -> str:
        name = match.group(1)
        return "dummy-token-0123456789abcdef" if "token" in name else f"dummy-{name.replace('_', '-')}"

    return re.sub(r"\{([^}]+)\}", value, path)


# One small, always-valid write per service (a new entity each call), for fault and load tests.
async def _segmentation_write(client: httpx.AsyncClient, key: str, headers: dict) -> httpx.Response:
    return await client.put(f"/v1/customers/{key}", headers=headers,
                            json={"name": f"Customer {key}", "industry": "retail", "growth_pct": 5})


async def _survey_write(client: httpx.AsyncClient, key: str, headers: dict) -> httpx.Response:
    return await client.post("/v1/surveys/default/invitations", headers=headers,
                             json={"customer_ids": [key]})


async def _feedback_write(client: httpx.AsyncClient, key: str, headers: dict) -> httpx.Response:
    return await client.post("/v1/tickets", headers=headers, json={
        "customer_id": key, "channel": "web", "type": "problem", "category": "technical",
        "description": "export fails"})


async def _playbook_write(client: httpx.AsyncClient, key: str, headers: dict) -> httpx.Response:
    return await client.post(f"/v1/customers/{key}/contacts", headers=headers,
                             json={"channel": "email", "opened": True})


async def _notification_write(client: httpx.AsyncClient, key: str, headers: dict) -> httpx.Response:
    return await client.put(f"/v1/contacts/{key}/preferences", headers=headers,
                            json={"language": "en", "opted_out": ["sms"]})


WRITE_PROBES: dict[str, Callable[..., Any]] = {
    "segmentation": _segmentation_write,
    "survey": _survey_write,
    "feedback": _feedback_write,
    "playbook": _playbook_write,
    "notification": _notification_write,
}


# The staff console (services/console) is reached with a session cookie, not a bearer token: every
# route it serves is listed here with what it takes. "public": anyone; "page": a session (else the
# sign-in page, then back); "write": a session and its CSRF token. A new console route without an
# entry fails tests/security/test_console_routes.py.
CONSOLE_ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/healthz"): "public", ("GET", "/readyz"): "public", ("GET", "/metrics"): "public",
    ("GET", "/openapi.json"): "public", ("GET", "/docs"): "public",
    ("GET", "/docs/oauth2-redirect"): "public", ("GET", "/redoc"): "public",
    ("GET", "/asyncapi.json"): "public", ("GET", "/asyncapi.yaml"): "public",
    ("GET", "/static"): "public",
    # The platform's routes every app serves (admin only: the console's settings check the role).
    ("GET", "/v1/schedules"): "admin", ("GET", "/v1/schedules/{name}/runs"): "admin",
    ("GET", "/v1/schedules/{name}"): "admin", ("PUT", "/v1/schedules/{name}"): "admin",
    ("GET", "/v1/clock"): "admin", ("PUT", "/v1/clock"): "admin",
    ("GET", "/login"): "public", ("POST", "/login/demo"): "sign-in", ("GET", "/auth/oidc/start"): "public",
    ("GET", "/auth/callback"): "public", ("POST", "/language"): "sign-in",
    ("GET", "/"): "page", ("POST", "/logout"): "write",
    ("GET", "/tickets"): "page", ("GET", "/tickets/{ticket_id}"): "page",
    ("POST", "/tickets/{ticket_id}/{action}"): "write",
    ("GET", "/customers"): "page", ("GET", "/customers/{customer_id}"): "page",
    ("POST", "/customers/{customer_id}/preferences"): "write",
    ("GET", "/actions"): "page", ("POST", "/actions/{action_id}/complete"): "write",
    ("GET", "/dashboard"): "page", ("GET", "/dashboard/report.csv"): "page",
    ("GET", "/settings"): "page", ("GET", "/settings/scoring-model"): "page",
    ("POST", "/settings/scoring-model/dry-run"): "write", ("POST", "/settings/scoring-model"): "write",
    ("GET", "/settings/sla"): "page", ("POST", "/settings/sla"): "write",
    ("GET", "/settings/calendar"): "page", ("POST", "/settings/calendar"): "write",
    ("GET", "/settings/rules"): "page", ("POST", "/settings/rules/{rule_id}"): "write",
    ("GET", "/settings/contact-policy"): "page", ("POST", "/settings/contact-policy"): "write",
    ("GET", "/settings/webhooks"): "page", ("POST", "/settings/webhooks"): "write",
    ("POST", "/settings/webhooks/{webhook_id}/delete"): "write",
    ("GET", "/settings/webhooks/{webhook_id}"): "page",
    ("POST", "/settings/webhooks/{webhook_id}/rotate-secret"): "write",
    ("POST", "/settings/webhooks/{webhook_id}/replay"): "write",
    ("GET", "/settings/evaluation-policy"): "page", ("POST", "/settings/evaluation-policy"): "write",
    ("GET", "/settings/verification-policy"): "page", ("POST", "/settings/verification-policy"): "write",
    ("GET", "/settings/survey-schedule"): "page", ("POST", "/settings/survey-schedule"): "write",
    ("GET", "/settings/care-schedule"): "page", ("POST", "/settings/care-schedule"): "write",
    ("GET", "/operations"): "page", ("POST", "/operations/clock"): "write",
}


def console_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (METHOD, path template) the console app serves, pages included (they are left out of
    its OpenAPI document)."""

    def walk(routes):
        for route in routes:
            if hasattr(route, "original_router"):  # a router included by the app
                yield from walk(route.original_router.routes)
            elif getattr(route, "methods", None):
                for method in route.methods - {"HEAD"}:
                    yield method, route.path
            else:  # a mount (static files)
                yield "GET", route.path

    return set(walk(app.routes))
