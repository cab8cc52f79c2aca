"""What every page shares: templates, the signed-in user, role checks, CSRF, language, headers."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.console import i18n
from services.console.domain.access import Page, may_open, pages_for
from services.console.domain.forms import safe_next
from services.console.service.gateway import Gateway
from services.console.service.sessions import ConsoleUser, current_user
from services.console.settings import ConsoleSettings
from services.console.templating import install_filters

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
install_filters(TEMPLATES.env)
LANGUAGE_COOKIE = "crm_console_lang"
PRE_SESSION_COOKIE = "crm_console_pre"  # CSRF token of the sign-in forms (double-submit)
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# No inline script or style anywhere: scripts and styles come from /static only, charts are SVG
# elements with presentation attributes, and htmx runs with eval and inline styles turned off.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class SignInRequired(Exception):
    """No session, or it ended: go to the sign-in page and come back to `next_path`."""

    def __init__(self, next_path: str = "/") -> None:
        self.next_path = next_path


class PageForbidden(Exception):
    """The user's roles do not include this page's work."""


class CsrfRejected(Exception):
    """A write without the session's CSRF token, or from another origin."""


def now() -> datetime:
    return datetime.now(UTC)


def settings_of(request: Request) -> ConsoleSettings:
    return request.app.state.ctx.settings


def gateway_of(request: Request) -> Gateway:
    return request.app.state.ctx.state["gateway"]


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def return_path(request: Request) -> str:
    """The page a user should come back to after signing in again."""
    if is_htmx(request) and (current := request.headers.get("HX-Current-URL")):
        parts = urlsplit(current)
        return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
    if request.method == "GET":
        query = request.url.query
        return safe_next(request.url.path + (f"?{query}" if query else ""))
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc:
        return safe_next(referer.path + (f"?{referer.query}" if referer.query else ""))
    return "/"


def sign_in_redirect(request: Request, next_path: str) -> Response:
    target = f"/login?next={quote(next_path, safe='')}"
    if is_htmx(request):
        # htmx follows HX-Redirect with a full page load; a plain 303 would be swapped into a panel.
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def request_language(request: Request) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in i18n.LANGUAGES:
        return chosen
    return i18n.negotiate(request.headers.get("accept-language"), settings_of(request).default_language)


async def signed_in(request: Request) -> ConsoleUser:
    """Dependency: the signed-in user, else SignInRequired (handled as a redirect to sign-in)."""
    settings = settings_of(request)
    user = await current_user(request.app.state.ctx, request.cookies.get(settings.session_cookie), now())
    if user is None:
        raise SignInRequired(return_path(request))
    request.state.user = user
    return user


def page_access(page: Page):
    """Dependency factory: the signed-in user, if its roles include the page's work."""

    async def _check(user: ConsoleUser = Depends(signed_in)) -> ConsoleUser:
        if not may_open(user.roles, page):
            raise PageForbidden()
        return user

    return _check


def _same_origin(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.url.netloc


async def _submitted_token(request: Request) -> str:
    token = request.headers.get(CSRF_HEADER)
    if token:
        return token
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        return str(form.get(CSRF_FIELD) or "")
    return ""


async def csrf_protected(request: Request, user: ConsoleUser = Depends(signed_in)) -> ConsoleUser:
    """Dependency of every write: same origin, and the session's CSRF token in the form or header."""
    if request.method in WRITE_METHODS:
        token = await _submitted_token(request)
        if not _same_origin(request) or not secrets.compare_digest(token, user.csrf_token):
            raise CsrfRejected()
    return user


async def pre_session_csrf(request: Request) -> None:
    """The sign-in forms: the token of the pre-session cookie must come back in the form."""
    cookie = request.cookies.get(PRE_SESSION_COOKIE) or ""
    token = await _submitted_token(request)
    if not cookie or not _same_origin(request) or not secrets.compare_digest(token, cookie):
        raise CsrfRejected()


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    user: ConsoleUser | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """A page (or, for htmx, a fragment) in the user's language with the navigation of its roles."""
    user = user or getattr(request.state, "user", None)
    language = user.language if user else request_language(request)
    values = {
        "request": request,
        "user": user,
        "lang": language,
        "t": i18n.translator(language),
        "csrf_token": user.csrf_token if user else request.cookies.get(PRE_SESSION_COOKIE, ""),
        "navigation": pages_for(user.roles) if user else [],
        "now": now(),
        "htmx": is_htmx(request),
        "path": request.url.path,
    }
    values.update(context or {})
    return TEMPLATES.TemplateResponse(request, template, values, status_code=status_code, headers=headers)


class SecurityHeaders:
    """Plain ASGI middleware: the strict CSP and the other browser protections on every response;
    pages are never cached (they hold a user's data), static files are."""

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "same-origin"
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
                if self.secure:
                    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
                if static:
                    headers["Cache-Control"] = "public, max-age=3600"
                else:
                    headers["Cache-Control"] = "no-store"
                    headers["Vary"] = "Cookie, HX-Request"
            await send(message)

        await self.app(scope, receive, send_with_headers)


OPERATIONS_PATHS = ("/metrics", "/healthz", "/readyz")
PROXY_HEADERS = (b"x-forwarded-for", b"forwarded", b"x-real-ip")


class InternalOperations:
    """The console is served at / of its public host, so the ingress would pass its operations
    endpoints through too: they answer only requests that did not come through a proxy (the
    kubelet's probes, Prometheus inside the cluster), and 404 to the rest."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and scope["path"] in OPERATIONS_PATHS
                and any(name in PROXY_HEADERS for name, _ in scope["headers"])):
            response = Response(status_code=404)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
