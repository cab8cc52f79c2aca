"""How the console answers what goes wrong: HTML pages for people, never a stack trace."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.console.service.gateway import SessionExpired
from services.console.service.sessions import end_session
from services.console.web import (
    CsrfRejected,
    PageForbidden,
    SignInRequired,
    render,
    return_path,
    settings_of,
    sign_in_redirect,
)
from shared.errors import DomainError


async def _sign_in_required(request: Request, exc: SignInRequired) -> Response:
    return sign_in_redirect(request, exc.next_path)


async def _session_expired(request: Request, exc: SessionExpired) -> Response:
    # The services no longer accept the token: end the session, sign in again, come back here.
    settings = settings_of(request)
    await end_session(request.app.state.ctx, request.cookies.get(settings.session_cookie))
    response = sign_in_redirect(request, return_path(request))
    response.delete_cookie(settings.session_cookie, path="/")
    return response


async def _forbidden(request: Request, exc: PageForbidden) -> Response:
    return render(
        request,
        "error.html",
        {"title_key": "error.forbidden.title", "message_key": "error.forbidden.text"},
        status_code=403,
    )


async def _csrf(request: Request, exc: CsrfRejected) -> Response:
    return render(
        request,
        "error.html",
        {"title_key": "error.csrf.title", "message_key": "error.csrf.text"},
        status_code=403,
    )


async def _domain(request: Request, exc: DomainError) -> Response:
    return render(
        request,
        "error.html",
        {"title_key": "error.generic.title", "message": exc.detail},
        status_code=exc.status,
    )


async def _http(request: Request, exc: StarletteHTTPException) -> Response:
    key = "error.not_found" if exc.status_code == 404 else "error.generic"
    return render(
        request,
        "error.html",
        {"title_key": f"{key}.title", "message_key": f"{key}.text"},
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def install_page_errors(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, _sign_in_required)
    app.add_exception_handler(SessionExpired, _session_expired)
    app.add_exception_handler(PageForbidden, _forbidden)
    app.add_exception_handler(CsrfRejected, _csrf)
    app.add_exception_handler(DomainError, _domain)
    app.add_exception_handler(StarletteHTTPException, _http)
