"""Domain exceptions and their single mapping to RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.logging import current_request_id

PROBLEM_JSON = "application/problem+json"
# When to come back after a 429 or 503 that did not say (every one must: clients back off by it).
DEFAULT_RETRY_AFTER_SECONDS = {429: 1, 503: 5}
log = structlog.get_logger()


class DomainError(Exception):
    """Base of the errors a use case raises; each maps to one HTTP status."""

    status = 400
    slug = "bad-request"
    title = "Bad request"

    def __init__(self, detail: str, *, field: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.extra = extra


class InvalidInput(DomainError):
    status, slug, title = 422, "invalid-input", "Invalid input"


class NotFound(DomainError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(DomainError):
    status, slug, title = 409, "conflict", "Conflict"


class Unauthorized(DomainError):
    status, slug, title = 401, "unauthorized", "Authentication required"


class Forbidden(DomainError):
    status, slug, title = 403, "forbidden", "Forbidden"


class Gone(DomainError):
    status, slug, title = 410, "gone", "Gone"


class PreconditionFailed(DomainError):
    status, slug, title = 412, "precondition-failed", "Precondition failed"


class PreconditionRequired(DomainError):
    status, slug, title = 428, "precondition-required", "Precondition required"


class UnsupportedMediaType(DomainError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class TooManyRequests(DomainError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class ServiceUnavailable(DomainError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"


def problem(
    request: Request,
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://crm-care.dev/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "request_id": current_request_id(),
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    if status in DEFAULT_RETRY_AFTER_SECONDS and not any(
            name.lower() == "retry-after" for name in (headers or {})):
        headers = {**(headers or {}), "Retry-After": str(DEFAULT_RETRY_AFTER_SECONDS[status])}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


async def _on_domain_error(request: Request, exc: DomainError) -> JSONResponse:
    extra = dict(exc.extra)
    errors = extra.pop("errors", None)
    if errors is None and exc.field:
        errors = [{"field": exc.field, "message": exc.detail}]
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if exc.status in (429, 503) and "retry_after_seconds" in extra:
        headers = {"Retry-After": str(max(1, int(extra["retry_after_seconds"])))}
    return problem(
        request, exc.status, exc.slug, exc.title, exc.detail,
        errors=errors, headers=headers, **extra,
    )


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"field": _field_name(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
        for e in exc.errors()
    ]
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return problem(
        request, 422, "invalid-input", "Invalid input", f"Invalid value for: {fields}", errors=errors
    )


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    slug = {404: "not-found", 405: "method-not-allowed", 401: "unauthorized"}.get(
        exc.status_code, "http-error"
    )
    return problem(
        request, exc.status_code, slug, str(exc.detail), str(exc.detail),
        headers=getattr(exc, "headers", None),
    )


async def _on_database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database_unavailable", error=type(exc).__name__)
    return problem(
        request, 503, "database-unavailable", "Service unavailable",
        "The database cannot be reached; retry later. Nothing was changed.",
        headers={"Retry-After": "5"},
    )


def _is_nul_in_text(exc: DBAPIError) -> bool:
    # PostgreSQL text cannot hold U+0000; asyncpg reports it as CharacterNotInRepertoireError.
    return "invalid byte sequence" in str(exc.orig) and "0x00" in str(exc.orig)


async def _on_db_error(request: Request, exc: DBAPIError) -> JSONResponse:
    if exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError):
        return await _on_database_unavailable(request, exc)
    if _is_nul_in_text(exc):
        fields = [f"path.{k}" for k, v in request.path_params.items() if "\x00" in str(v)]
        fields += [f"query.{k}" for k, v in request.query_params.multi_items() if "\x00" in v]
        errors = [{"field": f, "message": "must not contain NUL (U+0000)"} for f in fields or ["body"]]
        return problem(
            request, 422, "invalid-input", "Invalid input",
            "Text must not contain the NUL character (U+0000)", errors=errors,
        )
    raise exc


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(OperationalError, _on_database_unavailable)
    app.add_exception_handler(InterfaceError, _on_database_unavailable)
    app.add_exception_handler(PoolTimeout, _on_database_unavailable)
    app.add_exception_handler(ConnectionError, _on_database_unavailable)
    app.add_exception_handler(OSError, _on_database_unavailable)
    app.add_exception_handler(DBAPIError, _on_db_error)
