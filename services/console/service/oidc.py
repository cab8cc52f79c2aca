"""Sign-in with OpenID Connect: authorization code flow with PKCE (S256) against the configured
identity provider, through Authlib's OAuth 2 client; ID tokens verified with the provider's keys.

The access token the provider issues is what the console sends to the services, which verify it
with the same provider's keys (`CRM_JWT_JWKS_URL`): the console never mints tokens in production.
"""

from __future__ import annotations

import asyncio
import secrets
import time
import warnings
from datetime import datetime, timedelta
from typing import Any

import authlib.deprecate  # noqa: F401  (installs Authlib's own warning filter before ours below)
import httpx
import jwt
import structlog

with warnings.catch_warnings():
    # Authlib prefers the httpx2 fork and warns when it falls back to httpx, the platform's client.
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import AsyncOAuth2Client

from services.console import repository
from services.console.metrics import SIGN_INS
from services.console.models import SignInAttemptRow
from services.console.service import sessions
from services.console.settings import ConsoleSettings
from shared.app import ServiceContext
from shared.auth import decode_caller
from shared.errors import Unauthorized

log = structlog.get_logger()
DISCOVERY_TTL_SECONDS = 3600


class OidcProvider:
    """The identity provider as its discovery document describes it (cached for an hour)."""

    def __init__(self, settings: ConsoleSettings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.transport = transport
        self._metadata: dict[str, Any] | None = None
        self._fetched_at = 0.0
        self._jwks: jwt.PyJWKClient | None = None

    def _client(self) -> AsyncOAuth2Client:
        s = self.settings
        return AsyncOAuth2Client(
            client_id=s.oidc_client_id,
            client_secret=s.oidc_client_secret,
            scope=s.oidc_scopes,
            redirect_uri=s.oidc_redirect_url,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic" if s.oidc_client_secret else "none",
            transport=self.transport,
            timeout=s.api_timeout_seconds,
        )

    async def metadata(self) -> dict[str, Any]:
        if self._metadata is None or time.monotonic() - self._fetched_at > DISCOVERY_TTL_SECONDS:
            url = self.settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"
            async with httpx.AsyncClient(
                transport=self.transport, timeout=self.settings.api_timeout_seconds
            ) as c:
                response = await c.get(url)
                response.raise_for_status()
                document = response.json()
            if document.get("issuer", "").rstrip("/") != self.settings.oidc_issuer.rstrip("/"):
                raise Unauthorized("The identity provider's discovery document names another issuer")
            self._metadata, self._fetched_at = document, time.monotonic()
            self._jwks = jwt.PyJWKClient(document["jwks_uri"])
        return self._metadata

    async def authorization_url(self, state: str, nonce: str, code_verifier: str) -> str:
        metadata = await self.metadata()
        async with self._client() as client:
            url, _ = client.create_authorization_url(
                metadata["authorization_endpoint"],
                state=state,
                nonce=nonce,
                code_verifier=code_verifier,
            )
        return url

    async def exchange(self, code: str, code_verifier: str) -> dict[str, Any]:
        metadata = await self.metadata()
        async with self._client() as client:
            return dict(
                await client.fetch_token(
                    metadata["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=code_verifier,
                )
            )

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        metadata = await self.metadata()
        async with self._client() as client:
            return dict(await client.refresh_token(metadata["token_endpoint"], refresh_token=refresh_token))

    async def verify_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        """Signature, issuer, audience, expiry and the nonce of this sign-in."""
        metadata = await self.metadata()
        assert self._jwks is not None
        key = (await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, id_token)).key
        claims = jwt.decode(
            id_token,
            key,
            algorithms=metadata.get("id_token_signing_alg_values_supported") or ["RS256"],
            audience=self.settings.oidc_client_id,
            issuer=metadata["issuer"],
            options={"require": ["sub", "exp", "iat"]},
        )
        if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise jwt.InvalidTokenError("nonce mismatch")
        return claims

    async def end_session_url(self, id_token: str | None, after: str) -> str | None:
        try:
            endpoint = (await self.metadata()).get("end_session_endpoint")
        except (httpx.HTTPError, Unauthorized):
            return None
        if not endpoint:
            return None
        params = {"post_logout_redirect_uri": after, "client_id": self.settings.oidc_client_id}
        if id_token:
            params["id_token_hint"] = id_token
        return str(httpx.URL(endpoint, params=params))


async def begin_sign_in(ctx: ServiceContext, next_path: str, now: datetime) -> str:
    """Store state, nonce and PKCE verifier server-side; the URL of the provider's sign-in page."""
    settings: ConsoleSettings = ctx.settings  # type: ignore[assignment]
    provider: OidcProvider = ctx.state["oidc"]
    state, nonce, verifier = (secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64))
    url = await provider.authorization_url(state, nonce, verifier)
    async with ctx.db.session() as session, session.begin():
        await repository.add_sign_in(
            session,
            SignInAttemptRow(
                state=state,
                code_verifier=verifier,
                nonce=nonce,
                next_path=next_path,
                created_at=now,
                expires_at=now + timedelta(seconds=settings.sign_in_attempt_seconds),
            ),
        )
    return url


async def complete_sign_in(
    ctx: ServiceContext, state: str, code: str, language: str, now: datetime
) -> tuple[str, str]:
    """Exchange the code (with the verifier of its state), verify the tokens, start a session.
    Returns the session id and the page to go back to."""
    settings: ConsoleSettings = ctx.settings  # type: ignore[assignment]
    provider: OidcProvider = ctx.state["oidc"]
    async with ctx.db.session() as session, session.begin():
        attempt = await repository.take_sign_in(session, state, now)
    if attempt is None:
        SIGN_INS.labels("oidc", "refused").inc()
        raise Unauthorized("This sign-in is unknown or has expired; start again")
    tokens = await provider.exchange(code, attempt.code_verifier)
    if "id_token" not in tokens or "access_token" not in tokens:
        raise Unauthorized("The identity provider returned no ID token")
    try:
        identity = await provider.verify_id_token(tokens["id_token"], attempt.nonce)
    except jwt.PyJWTError as exc:
        SIGN_INS.labels("oidc", "refused").inc()
        raise Unauthorized(f"The ID token is not valid: {exc}") from exc
    # The roles are those the services will see: read from the access token, verified with the
    # same keys they use.
    verifying = settings
    if not settings.jwt_jwks_url:
        verifying = settings.model_copy(update={"jwt_jwks_url": (await provider.metadata())["jwks_uri"]})
    caller = await decode_caller(verifying, tokens["access_token"])
    if caller.subject != identity["sub"]:
        raise Unauthorized("The access token belongs to another user than the ID token")
    unverified = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    session_id = await sessions.start_session(
        ctx,
        subject=caller.subject,
        roles=[r.value for r in caller.roles],
        team=unverified.get("team"),
        access_token=tokens["access_token"],
        refresh_token=tokens.get("refresh_token"),
        id_token=tokens["id_token"],
        token_expires_at=sessions.token_expiry(tokens["access_token"], now),
        language=language,
        method="oidc",
        now=now,
    )
    return session_id, attempt.next_path
