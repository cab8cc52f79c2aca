"""docs/design.md §7 auth, checked on every route of every service as its OpenAPI document lists them."""

from __future__ import annotations

import time

import jwt
import pytest

from shared.settings import DEVELOPMENT_JWT_SECRET
from tests.reliability_results import record
from tests.security.catalog import (
    ADMIN_ONLY_ROUTES,
    PUBLIC_ROUTES,
    READ_ONLY_COMPUTATIONS,
    WRITE_METHODS,
    dummy_path,
    is_protected,
    operations,
    quiet_service,
    service_names,
)
from tests.support import bearer

AUDIT: dict[str, dict[str, int]] = {}


def _token(claims: dict, key: str = DEVELOPMENT_JWT_SECRET, algorithm: str = "HS256") -> dict[str, str]:
    return {"Authorization": f"Bearer {jwt.encode(claims, key, algorithm=algorithm)}"}


def _claims(**extra) -> dict:
    now = int(time.time())
    return {"sub": "attacker", "roles": ["admin"], "iat": now, "exp": now + 600, **extra}


BAD_TOKENS = {
    "expired": lambda: _token(_claims(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)),
    "wrong signature": lambda: _token(_claims(), key="not-the-platform-secret-0123456789abcdef"),
    "alg none": lambda: {"Authorization": "Bearer " + jwt.encode(_claims(), None, algorithm="none")},
    "no exp claim": lambda: _token({"sub": "attacker", "roles": ["admin"]}),
    "not a JWT": lambda: {"Authorization": "Bearer not.a.token"},
    "basic scheme": lambda: {"Authorization": "Basic YWRtaW46YWRtaW4="},
}


@pytest.fixture(scope="module", params=service_names())
async def service(request, platform_config):
    async with quiet_service(request.param, platform_config) as client:
        openapi = client.app.openapi()
        yield request.param, client, openapi


def _protected(openapi):
    return [(m, p) for m, p, op in operations(openapi) if is_protected(openapi, op)]


async def _call(client, method: str, path: str, headers: dict | None = None):
    return await client.request(method, dummy_path(path), headers=headers or {})


async def test_only_health_and_invitation_answering_routes_are_public(service):
    name, client, openapi = service
    public = {(m, p) for m, p, op in operations(openapi) if not is_protected(openapi, op)}
    assert public <= PUBLIC_ROUTES, f"{name} exposes routes without a security requirement"
    assert {("GET", "/healthz"), ("GET", "/readyz")} <= public
    if name == "survey":
        assert {r for r in PUBLIC_ROUTES if "token" in r[1]} <= public
    else:
        assert not any("{token}" in p for _, p in public)
    assert len(_protected(openapi)) > 0
    for path in ("/healthz", "/metrics"):
        assert (await client.get(path)).status_code == 200


async def test_every_protected_route_answers_401_without_a_token(service):
    name, client, openapi = service
    routes = _protected(openapi)
    for method, path in routes:
        response = await _call(client, method, path)
        assert response.status_code == 401, (name, method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.headers.get("www-authenticate") == "Bearer"
    AUDIT.setdefault(name, {})["protected_routes"] = len(routes)


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
async def test_expired_forged_and_unsigned_tokens_are_refused_with_401(service, kind):
    name, client, openapi = service
    headers = BAD_TOKENS[kind]()
    for method, path in _protected(openapi):
        response = await _call(client, method, path, headers)
        assert response.status_code == 401, (name, kind, method, path, response.text)


async def test_a_token_with_no_roles_is_forbidden_everywhere(service):
    name, client, openapi = service
    headers = bearer(sub="nobody")
    for method, path in _protected(openapi):
        response = await _call(client, method, path, headers)
        assert response.status_code == 403, (name, method, path, response.text)
        assert response.json()["status"] == 403


async def test_admin_only_routes_refuse_a_manager(service):
    name, client, openapi = service
    routes = [(m, p) for m, p in _protected(openapi) if (m, p) in ADMIN_ONLY_ROUTES]
    assert routes, f"{name} serves none of the admin-only routes"
    for method, path in routes:
        response = await _call(client, method, path, bearer("manager", sub="manager-1"))
        assert response.status_code == 403, (name, method, path, response.text)


async def test_the_analyst_writes_nothing_but_read_only_computations(service):
    name, client, openapi = service
    headers = bearer("analyst", sub="analyst-1")
    writes = [(m, p) for m, p in _protected(openapi) if m in WRITE_METHODS]
    for method, path in writes:
        response = await _call(client, method, path, headers)
        if (method, path) in READ_ONLY_COMPUTATIONS:
            assert response.status_code not in (401, 403), (name, method, path, response.text)
        else:
            assert response.status_code == 403, (name, method, path, response.text)
    # Reads: an analyst reads everything (docs/design.md §7) but a service may keep secrets (invitation
    # tokens) from analysts; those denied reads are reported, not failed.
    reads = [(m, p) for m, p in _protected(openapi) if m not in WRITE_METHODS]
    denied = []
    for method, path in reads:
        response = await _call(client, method, path, headers)
        assert response.status_code != 401, (name, method, path, response.text)
        if response.status_code == 403:
            denied.append(f"{method} {path}")
    AUDIT.setdefault(name, {}).update(
        writes_checked=len(writes), reads_checked=len(reads), reads_denied_to_analyst=denied
    )
    record("security.auth", {
        "services": sorted(AUDIT),
        "routes": AUDIT,
        "bad_token_kinds": sorted(BAD_TOKENS),
    })
