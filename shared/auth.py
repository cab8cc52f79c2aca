"""OAuth2 bearer JWT, roles (docs/design.md §7) and personal-data masking."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import StrEnum

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.errors import Forbidden, Unauthorized
from shared.settings import PlatformSettings

PII_READ = "pii:read"
# Narrow rights of the notification service's identity (docs/design.md §10): it reads a customer's contact
# address, an invitation's answering link and a resolved ticket's solution at send time, and
# nothing else. A token holding only these permissions (no role) is refused everywhere else.
CONTACT_ADDRESS_READ = "contact-address:read"
INVITATION_LINK_READ = "survey:invitation-links"  # the survey service's name for it (services/survey/api.py)
TICKET_RESOLUTION_READ = "ticket-resolution:read"
NOTIFICATION_SERVICE_SUBJECT = "service:notification"
# A service acting for the platform rather than for one user (the playbook inviting a customer to a
# survey under its role account_manager) holds this permission: its scope is every customer
# (docs/design.md §11). Only tokens the services sign themselves carry it.
EVERY_CUSTOMER = "scope:every-customer"
NOTIFICATION_SERVICE_PERMISSIONS = (CONTACT_ADDRESS_READ, INVITATION_LINK_READ, TICKET_RESOLUTION_READ)


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    ACCOUNT_MANAGER = "account_manager"
    AGENT = "agent"
    ANALYST = "analyst"


@dataclass(frozen=True)
class Caller:
    subject: str
    roles: frozenset[Role]
    permissions: frozenset[str] = field(default_factory=frozenset)
    team: str | None = None  # the `team` claim: the account managers' or agents' team (docs/design.md §11)

    @property
    def can_read_pii(self) -> bool:
        # Analysts never see personal data (docs/design.md §7); admins always may.
        if Role.ADMIN in self.roles:
            return True
        if self.roles <= {Role.ANALYST}:
            return False
        return PII_READ in self.permissions

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)


_bearer = HTTPBearer(auto_error=False, description="JWT with `sub`, `roles`, `exp` (and `team`)")
_jwks_clients: dict[str, jwt.PyJWKClient] = {}


def issue_token(
    secret: str,
    subject: str,
    roles: list[str],
    *,
    permissions: list[str] | None = None,
    ttl_seconds: int = 3600,
    extra_claims: dict | None = None,
) -> str:
    """A development / test token, HS256-signed with the configured secret."""
    now = int(time.time())
    claims = {**(extra_claims or {}), "sub": subject, "roles": roles, "iat": now, "exp": now + ttl_seconds}
    if permissions:
        claims["permissions"] = permissions
    return jwt.encode(claims, secret, algorithm="HS256")


async def _signing_key(settings: PlatformSettings, token: str):
    if settings.jwt_jwks_url:
        client = _jwks_clients.setdefault(settings.jwt_jwks_url, jwt.PyJWKClient(settings.jwt_jwks_url))
        return (await asyncio.to_thread(client.get_signing_key_from_jwt, token)).key
    return settings.jwt_secret


async def decode_caller(settings: PlatformSettings, token: str) -> Caller:
    """The caller of a bearer token, verified (signature, expiry, audience); 401 otherwise."""
    return (await _verified(settings, token))[0]


async def _verified(settings: PlatformSettings, token: str) -> tuple[Caller, float]:
    """The caller of a token and the token's expiry (seconds since the epoch)."""
    try:
        key = await _signing_key(settings, token)
        algorithms = settings.jwt_algorithms if not settings.jwt_jwks_url else ["RS256", "ES256"]
        claims = jwt.decode(
            token,
            key,
            algorithms=algorithms,
            audience=settings.jwt_audience,
            options={"require": ["sub", "exp"], "verify_aud": bool(settings.jwt_audience)},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The token has expired") from exc
    except (jwt.PyJWTError, ValueError) as exc:
        raise Unauthorized("The token is not valid") from exc
    raw_roles = claims.get("roles") or []
    if not isinstance(raw_roles, list):
        raise Unauthorized("The token's roles claim must be a list")
    roles = frozenset(Role(r) for r in raw_roles if r in Role._value2member_map_)
    permissions = set(claims.get("permissions") or [])
    scope = claims.get("scope")
    if isinstance(scope, str):
        permissions.update(scope.split())
    team = claims.get("team")
    caller = Caller(subject=str(claims["sub"]), roles=roles, permissions=frozenset(permissions),
                    team=str(team) if isinstance(team, str) and team else None)
    return caller, float(claims["exp"])


class VerifiedTokens:
    """Callers of the tokens this process has verified, by token string, each until its token
    expires: a client sends the same token with every request, and verifying its signature and
    claims again each time was 3 % of a ticket's CPU. A bounded LRU, one per app (`ctx.tokens`);
    a token that fails verification is never kept, so it is refused again on every request."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._callers: OrderedDict[str, tuple[Caller, float]] = OrderedDict()

    async def caller(self, settings: PlatformSettings, token: str) -> Caller:
        known = self._callers.get(token)
        if known is not None:
            if time.time() < known[1]:
                self._callers.move_to_end(token)
                return known[0]
            del self._callers[token]  # expired: verifying it again raises the 401
        caller, expires_at = await _verified(settings, token)
        self._callers[token] = (caller, expires_at)
        if len(self._callers) > self.capacity:
            self._callers.popitem(last=False)
        return caller


async def caller_of(request: Request, token: str) -> Caller:
    """The verified caller of a bearer token, through the app's cache of verified tokens."""
    ctx = request.app.state.ctx
    return await ctx.tokens.caller(ctx.settings, token)


async def authenticate(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Caller:
    """Dependency: the caller behind the bearer token, or 401."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("A bearer token is required")
    return await caller_of(request, credentials.credentials)


def require(*roles: Role, admin_only: bool = False):
    """Dependency factory: admin always passes, manager too unless `admin_only`, else `roles`."""
    allowed = frozenset(roles) | {Role.ADMIN}
    if not admin_only:
        allowed |= {Role.MANAGER}

    async def _check(caller: Caller = Depends(authenticate)) -> Caller:
        if not caller.has_any(allowed):
            raise Forbidden(
                "This call needs one of the roles: " + ", ".join(sorted(r.value for r in allowed))
            )
        return caller

    return _check


def require_permission(permission: str):
    """Dependency factory: an admin, or a caller (a service identity) granted this permission."""

    async def _check(caller: Caller = Depends(authenticate)) -> Caller:
        if Role.ADMIN in caller.roles or permission in caller.permissions:
            return caller
        raise Forbidden(f"This call needs the admin role or the {permission} permission")

    return _check


def issue_service_token(secret: str, ttl_seconds: int = 300) -> str:
    """The notification service's own short-lived token: no role, only its narrow permissions."""
    return issue_token(secret, NOTIFICATION_SERVICE_SUBJECT, [],
                       permissions=list(NOTIFICATION_SERVICE_PERMISSIONS), ttl_seconds=ttl_seconds)


# Shorthands for the common role sets of docs/design.md §7.
READERS = (Role.ACCOUNT_MANAGER, Role.AGENT, Role.ANALYST)


def mask_phone(phone: str | None) -> str | None:
    """`13812345678` -> `138****5678`: enough to recognise, not to dial."""
    if not phone:
        return phone
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_email(email: str | None) -> str | None:
    """`zhang.wei@example.com` -> `z***@example.com`."""
    if not email or "@" not in email:
        return "***" if email else email
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"
