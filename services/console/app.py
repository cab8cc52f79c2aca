"""Staff console: the web application account managers, agents and managers work in (docs/design.md §12).

A backend-for-frontend on the platform: server-rendered pages (Jinja2, htmx for progressive
enhancement) that call the services' public HTTP APIs with the signed-in user's token. It owns no
business data, only sessions.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from services.console.errors import install_page_errors
from services.console.models import Base
from services.console.pages import ROUTERS
from services.console.service.gateway import Gateway
from services.console.service.oidc import OidcProvider
from services.console.service.sessions import expired_session_janitor
from services.console.settings import ConsoleSettings, console_settings
from services.console.web import InternalOperations, SecurityHeaders
from shared.app import ServiceContext, ServiceSpec, create_service_app

STATIC_DIR = Path(__file__).parent / "static"


async def open_gateway(ctx: ServiceContext) -> None:
    """One pooled HTTP client to the services, and the identity provider when one is configured."""
    settings: ConsoleSettings = ctx.settings  # type: ignore[assignment]
    ctx.state["gateway"] = Gateway(settings)
    if settings.oidc_enabled:
        ctx.state["oidc"] = OidcProvider(settings)


async def close_gateway(ctx: ServiceContext) -> None:
    await ctx.state["gateway"].close()


SPEC = ServiceSpec(
    name="console",
    title="Staff console",
    description=(
        "The web application of account managers, agents and managers: ticket queue and detail, "
        "customer 360, care actions, the manager dashboard and settings, over the services' APIs."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=ROUTERS,
    workers=[expired_session_janitor],
    on_startup=[open_gateway],
    on_shutdown=[close_gateway],
)


def create_app(settings: ConsoleSettings | None = None) -> FastAPI:
    settings = settings or console_settings()
    app = create_service_app(SPEC, settings)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_page_errors(app)
    app.add_middleware(SecurityHeaders, secure=settings.cookie_secure)
    app.add_middleware(InternalOperations)
    return app
