"""Sign-in (OpenID Connect, or a demo user in development), sign-out, language, the home page."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from services.console import i18n
from services.console.domain.access import DEMO_USERS, demo_user, home_page
from services.console.domain.forms import safe_next
from services.console.service import oidc, sessions
from services.console.service.sessions import ConsoleUser
from services.console.settings import ConsoleSettings
from services.console.web import (
    LANGUAGE_COOKIE,
    PRE_SESSION_COOKIE,
    csrf_protected,
    now,
    pre_session_csrf,
    render,
    request_language,
    settings_of,
    signed_in,
)
from shared.errors import Unauthorized

router = APIRouter(include_in_schema=False)
PAGE_PATHS = {
    "queue": "/tickets",
    "customers": "/customers",
    "actions": "/actions",
    "dashboard": "/dashboard",
    "settings": "/settings",
}


def _set_session_cookie(response: Response, settings: ConsoleSettings, session_id: str) -> None:
    response.set_cookie(
        settings.session_cookie,
        session_id,
        max_age=settings.session_max_seconds,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def _landing(user_roles, next_path: str | None) -> str:
    if next_path and next_path != "/":
        return next_path
    page = home_page(user_roles)
    return PAGE_PATHS[page.value] if page else "/login"


@router.get("/")
async def home(user: ConsoleUser = Depends(signed_in)) -> Response:
    page = home_page(user.roles)
    if page is None:
        return RedirectResponse("/login?no_role=1", status_code=303)
    return RedirectResponse(PAGE_PATHS[page.value], status_code=303)


@router.get("/login")
async def login_page(
    request: Request, next: str = "/", error: str | None = None, no_role: bool = False
) -> Response:
    settings = settings_of(request)
    pre_token = request.cookies.get(PRE_SESSION_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        {
            "csrf_token": pre_token,
            "next": safe_next(next),
            "demo_users": DEMO_USERS if settings.demo_sign_in_enabled else [],
            "oidc": settings.oidc_enabled,
            "error": error,
            "no_role": no_role,
        },
    )
    response.set_cookie(
        PRE_SESSION_COOKIE,
        pre_token,
        max_age=3600,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
    return response


@router.post("/login/demo", dependencies=[Depends(pre_session_csrf)])
async def demo_sign_in(request: Request, subject: str = Form(...), next: str = Form("/")) -> Response:
    settings = settings_of(request)
    session_id = await sessions.sign_in_demo(request.app.state.ctx, subject, request_language(request), now())
    roles = frozenset(demo_user(subject).roles)  # known: sign_in_demo refuses anyone else
    response = RedirectResponse(_landing(roles, safe_next(next)), status_code=303)
    _set_session_cookie(response, settings, session_id)
    response.delete_cookie(PRE_SESSION_COOKIE, path="/")
    return response


@router.get("/auth/oidc/start")
async def oidc_start(request: Request, next: str = "/") -> Response:
    if not settings_of(request).oidc_enabled:
        raise Unauthorized("No identity provider is configured")
    url = await oidc.begin_sign_in(request.app.state.ctx, safe_next(next), now())
    return RedirectResponse(url, status_code=302)


@router.get("/auth/callback")
async def oidc_callback(
    request: Request,
    code: str | None = None,
    state: str | None = None,
    error: str | None = None,
    error_description: str | None = None,
) -> Response:
    settings = settings_of(request)
    if error or not code or not state:
        message = error_description or error or "missing code"
        return render(
            request,
            "login.html",
            {
                "next": "/",
                "demo_users": DEMO_USERS if settings.demo_sign_in_enabled else [],
                "oidc": settings.oidc_enabled,
                "error": message,
                "no_role": False,
            },
            status_code=400,
        )
    session_id, next_path = await oidc.complete_sign_in(
        request.app.state.ctx, state, code, request_language(request), now()
    )
    user = await sessions.current_user(request.app.state.ctx, session_id, now())
    target = _landing(user.roles, next_path) if user else "/login"
    response = RedirectResponse(target, status_code=303)
    _set_session_cookie(response, settings, session_id)
    return response


@router.post("/logout")
async def logout(request: Request, user: ConsoleUser = Depends(csrf_protected)) -> Response:
    settings = settings_of(request)
    ended = await sessions.end_session(request.app.state.ctx, request.cookies.get(settings.session_cookie))
    target = "/login"
    provider = request.app.state.ctx.state.get("oidc")
    if provider is not None and ended is not None and ended.sign_in_method == "oidc":
        after = str(request.url_for("login_page"))
        target = await provider.end_session_url(ended.id_token, after) or target
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(settings.session_cookie, path="/")
    return response


@router.post("/language")
async def change_language(request: Request, language: str = Form(...), back: str = Form("/")) -> Response:
    """Switch between 中文 and English; kept in a cookie and, when signed in, in the session."""
    if language not in i18n.LANGUAGES:
        language = settings_of(request).default_language
    settings = settings_of(request)
    session_id = request.cookies.get(settings.session_cookie)
    user = await sessions.current_user(request.app.state.ctx, session_id, now()) if session_id else None
    if user is not None:
        request.state.user = user
        await csrf_protected(request, user)
        await sessions.change_language(request.app.state.ctx, user, language)
    else:
        await pre_session_csrf(request)
    response = RedirectResponse(safe_next(back), status_code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 86400,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )
    return response
