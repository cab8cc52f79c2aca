"""Settings of the staff console: where the services are, how people sign in, how long sessions last."""

from __future__ import annotations

from pydantic import Field, model_validator

from shared.settings import Environment, PlatformSettings, load_settings

# Intended share of customers per tier (seed 004: VIP top 10%, Key 20%, Regular 50%, Observation 20%).
INTENDED_TIER_SHARES = {"VIP": 0.10, "Key": 0.20, "Regular": 0.50, "Observation": 0.20}


class ConsoleSettings(PlatformSettings):
    # The services' public HTTP APIs; the console never reads their databases.
    segmentation_url: str = "http://127.0.0.1:8001"
    survey_url: str = "http://127.0.0.1:8002"
    feedback_url: str = "http://127.0.0.1:8003"
    playbook_url: str = "http://127.0.0.1:8004"
    notification_url: str = "http://127.0.0.1:8005"
    api_timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    # How long a service's OpenAPI document is trusted to say which routes exist (a route added by
    # a newer version of a service shows up on the pages after at most this long).
    api_catalog_ttl_seconds: float = Field(default=60.0, ge=0)

    # OpenID Connect (authorization code + PKCE) against the identity provider.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_redirect_url: str | None = Field(default=None, description="<console>/auth/callback")
    oidc_scopes: str = "openid profile"
    # In development: a sign-in as a demo user of each role, tokens minted with the JWT secret.
    demo_sign_in: bool = True

    session_idle_seconds: int = Field(default=8 * 3600, ge=1)
    session_max_seconds: int = Field(default=12 * 3600, ge=1)
    sign_in_attempt_seconds: int = Field(default=600, ge=30)
    # Secure cookies need https; `make run` turns this off for http://127.0.0.1 only.
    cookie_secure: bool = True
    default_language: str = Field(default="zh-CN", pattern="^(zh-CN|en)$")

    intended_tier_shares: dict[str, float] = Field(default_factory=lambda: dict(INTENDED_TIER_SHARES))
    dashboard_months: int = Field(default=6, ge=1, le=24)
    queue_page_size: int = Field(default=100, ge=10, le=500)

    @model_validator(mode="after")
    def _refuse_unsafe_console(self) -> ConsoleSettings:
        if self.env is Environment.PRODUCTION:
            if not self.cookie_secure:
                raise ValueError("CRM_COOKIE_SECURE must stay true in production")
            if not (self.oidc_issuer and self.oidc_client_id and self.oidc_redirect_url):
                raise ValueError(
                    "CRM_OIDC_ISSUER, CRM_OIDC_CLIENT_ID and CRM_OIDC_REDIRECT_URL are required in production"
                )
        return self

    @property
    def demo_sign_in_enabled(self) -> bool:
        """The built-in demo users exist only outside production."""
        return self.demo_sign_in and self.env is not Environment.PRODUCTION

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_redirect_url)

    @property
    def session_cookie(self) -> str:
        # The __Host- prefix pins the cookie to this host, path / and https.
        return "__Host-crm_console" if self.cookie_secure else "crm_console"

    def service_url(self, service: str) -> str:
        return getattr(self, f"{service}_url").rstrip("/")


def console_settings(**overrides) -> ConsoleSettings:
    return load_settings(ConsoleSettings, "console", **overrides)
