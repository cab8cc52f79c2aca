"""The console's only way to data: the services' public HTTP APIs, called with the user's token.

Every call ends in one of a few outcomes the pages know how to show: the data; the problem+json
of a refused request (its detail goes next to the field); "unavailable" (the service is down or
failing: that part of the page says so while the rest works); "not available" (the service does
not offer the route yet: the part lights up once a version of the service that has it is
deployed); or an expired sign-in (back to the sign-in page, then back to the page).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx
import structlog

from services.console.metrics import API_CALLS, API_LATENCY
from services.console.settings import ConsoleSettings
from shared.logging import current_request_id

log = structlog.get_logger()
SERVICES = ("segmentation", "survey", "feedback", "playbook", "notification")


class Outcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"  # 4xx with a problem: shown to the user
    NOT_FOUND = "not_found"  # 404 on an object: unknown, or outside the user's scope
    FORBIDDEN = "forbidden"  # 403: the user's role may not
    UNAVAILABLE = "unavailable"  # down, timing out or 5xx
    NOT_AVAILABLE = "not_available"  # the service has no such route (yet)


class SessionExpired(Exception):
    """A service answered 401: the user's token is no longer accepted."""


@dataclass
class Result:
    """One call's outcome; `data` only when OK, `problem` when refused."""

    outcome: Outcome
    service: str
    data: Any = None
    status: int | None = None
    problem: dict[str, Any] = field(default_factory=dict)
    etag: str | None = None  # of a single resource: sent back as If-Match when it is replaced

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    @property
    def detail(self) -> str:
        return str(self.problem.get("detail") or self.problem.get("title") or "")


@dataclass
class _Catalog:
    routes: set[tuple[str, str]]
    parameters: dict[tuple[str, str], set[str]]
    fetched_at: float


class Gateway:
    """One HTTP client per console process, shared by its requests (connection pooling)."""

    def __init__(self, settings: ConsoleSettings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(
                settings.api_timeout_seconds, connect=min(2.0, settings.api_timeout_seconds)
            ),
            transport=transport,
            follow_redirects=False,
        )
        self._catalogs: dict[str, _Catalog] = {}
        self._catalog_locks: dict[str, asyncio.Lock] = {}

    async def close(self) -> None:
        await self.client.aclose()

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        token: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        if_match: str | None = None,
    ) -> Result:
        """Call a service as the signed-in user; raises SessionExpired on a 401."""
        url = self.settings.service_url(service) + path
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        if if_match:
            headers["If-Match"] = if_match  # a change by someone else in between is a 412, not lost
        if request_id := current_request_id():
            headers["X-Request-ID"] = request_id  # one request id across the console and the services
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, params=query, json=json, headers=headers)
        except httpx.HTTPError as exc:
            log.warning("service_unreachable", service=service, path=path, error=type(exc).__name__)
            API_CALLS.labels(service, Outcome.UNAVAILABLE.value).inc()
            return Result(Outcome.UNAVAILABLE, service)
        finally:
            API_LATENCY.labels(service).observe(time.perf_counter() - started)
        try:
            result = self._outcome(service, response)
        except SessionExpired:
            API_CALLS.labels(service, "session_expired").inc()
            raise
        API_CALLS.labels(service, result.outcome.value).inc()
        return result

    def _outcome(self, service: str, response: httpx.Response) -> Result:
        status = response.status_code
        if status == 401:
            raise SessionExpired(service)
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        if status < 400:
            return Result(Outcome.OK, service, data=body, status=status, etag=response.headers.get("etag"))
        problem = body if isinstance(body, dict) else {}
        if status >= 500 or status == 429:
            log.warning("service_failed", service=service, status=status)
            return Result(Outcome.UNAVAILABLE, service, status=status, problem=problem)
        if status == 403:
            return Result(Outcome.FORBIDDEN, service, status=status, problem=problem)
        if status == 404:
            return Result(Outcome.NOT_FOUND, service, status=status, problem=problem)
        return Result(Outcome.REFUSED, service, status=status, problem=problem)

    async def offers(
        self, service: str, method: str, template: str, parameter: str | None = None
    ) -> bool | None:
        """Whether the service's OpenAPI document lists the route (and query parameter); None when
        the service cannot be asked (down)."""
        catalog = await self._catalog(service)
        if catalog is None:
            return None
        key = (method.upper(), template)
        if key not in catalog.routes:
            return False
        return parameter is None or parameter in catalog.parameters.get(key, set())

    async def optional_call(
        self, service: str, method: str, template: str, path: str, token: str, **kwargs: Any
    ) -> Result:
        """A call to a route that a service may not offer yet: NOT_AVAILABLE when it does not."""
        offered = await self.offers(service, method, template)
        if offered is None:
            return Result(Outcome.UNAVAILABLE, service)
        if not offered:
            API_CALLS.labels(service, Outcome.NOT_AVAILABLE.value).inc()
            return Result(Outcome.NOT_AVAILABLE, service)
        return await self.call(service, method, path, token, **kwargs)

    async def _catalog(self, service: str) -> _Catalog | None:
        cached = self._catalogs.get(service)
        if cached and time.monotonic() - cached.fetched_at < self.settings.api_catalog_ttl_seconds:
            return cached
        lock = self._catalog_locks.setdefault(service, asyncio.Lock())
        async with lock:
            cached = self._catalogs.get(service)
            if cached and time.monotonic() - cached.fetched_at < self.settings.api_catalog_ttl_seconds:
                return cached
            try:
                response = await self.client.get(self.settings.service_url(service) + "/openapi.json")
                response.raise_for_status()
                document = response.json()
            except (httpx.HTTPError, ValueError):
                return cached  # a stale catalog beats none while a service restarts
            routes, parameters = set(), {}
            for path, item in (document.get("paths") or {}).items():
                for method, operation in item.items():
                    if not isinstance(operation, dict):
                        continue
                    key = (method.upper(), path)
                    routes.add(key)
                    parameters[key] = {p.get("name") for p in operation.get("parameters", [])}
            catalog = _Catalog(routes, parameters, time.monotonic())
            self._catalogs[service] = catalog
            return catalog
