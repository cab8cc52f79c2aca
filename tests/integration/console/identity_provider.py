"""A small OpenID Connect provider for the console's sign-in test: discovery, an authorization
endpoint that signs in a preset user, a token endpoint that checks the PKCE verifier, and JWKS.

It is the test's stand-in for an external identity provider (Keycloak, Azure AD, ...): strict
where the console could go wrong (S256 challenge, one-time codes, redirect URI, client secret).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form, Header, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse

CLIENT_ID, CLIENT_SECRET = "crm-console", "console-secret-0123456789"


@dataclass
class Provider:
    issuer: str = ""
    user: dict[str, Any] = field(
        default_factory=lambda: {"sub": "oidc-agent", "roles": ["agent"], "team": "customer-service"}
    )
    key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "test-key"})

    def tokens(self, nonce: str | None) -> dict[str, Any]:
        now = int(time.time())
        access = self.sign({**self.user, "iss": self.issuer, "iat": now, "exp": now + 600})
        identity = {
            "sub": self.user["sub"],
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 600,
        }
        if nonce:
            identity["nonce"] = nonce
        return {
            "access_token": access,
            "id_token": self.sign(identity),
            "token_type": "Bearer",
            "expires_in": 600,
            "refresh_token": secrets.token_urlsafe(16),
        }


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def create_provider_app(provider: Provider) -> FastAPI:
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        return {
            "issuer": provider.issuer,
            "authorization_endpoint": f"{provider.issuer}/authorize",
            "token_endpoint": f"{provider.issuer}/token",
            "jwks_uri": f"{provider.issuer}/jwks",
            "end_session_endpoint": f"{provider.issuer}/logout",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "subject_types_supported": ["public"],
        }

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(provider.key.public_key()))
        return {"keys": [{**public, "kid": "test-key", "use": "sig", "alg": "RS256"}]}

    @app.get("/authorize")
    async def authorize(request: Request) -> RedirectResponse:
        query = dict(request.query_params)
        provider.authorize_requests.append(query)
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            raise HTTPException(400, "unknown client or response type")
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            raise HTTPException(400, "PKCE with S256 is required")
        code = secrets.token_urlsafe(16)
        provider.codes[code] = query
        return RedirectResponse(
            f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}", status_code=302
        )

    @app.post("/token")
    async def token(
        grant_type: str = Form(...),
        code: str | None = Form(None),
        redirect_uri: str | None = Form(None),
        code_verifier: str | None = Form(None),
        refresh_token: str | None = Form(None),
        authorization: str | None = Header(None),
    ) -> JSONResponse:
        provider.token_requests.append({"grant_type": grant_type, "code_verifier": code_verifier or ""})
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != expected:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if grant_type == "refresh_token" and refresh_token:
            return JSONResponse(provider.tokens(None))
        request = provider.codes.pop(code or "", None)  # a code is used once
        if request is None or request["redirect_uri"] != redirect_uri:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        if not code_verifier or _s256(code_verifier) != request["code_challenge"]:
            return JSONResponse(
                {"error": "invalid_grant", "error_description": "PKCE verifier"}, status_code=400
            )
        return JSONResponse(provider.tokens(request.get("nonce")))

    return app
