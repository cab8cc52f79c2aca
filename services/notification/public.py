"""Public routes reached from the messages themselves (no login: the signature is the key):
the open pixel, the click redirect and the one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import base64
import html

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from services.notification.service import messages
from shared.db import db_session

router = APIRouter(prefix="/v1")
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def _page(title: str, text: str, form: str = "") -> HTMLResponse:
    body = (
        f"<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' "
        f"content='width=device-width,initial-scale=1'><title>{html.escape(title)}</title></head>"
        f"<body style='font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em'>"
        f"<h1 style='font-size:1.3em'>{html.escape(title)}</h1><p>{html.escape(text)}</p>{form}</body></html>"
    )
    return HTMLResponse(body, headers={**NO_STORE, "Content-Security-Policy": PAGE_CSP})


@router.get(
    "/track/open/{message_id}",
    tags=["tracking"],
    response_class=Response,
    summary="The open pixel of a message (signed link)",
)
async def track_open(
    request: Request,
    message_id: str,
    s: str = Query("", max_length=64),
    session: AsyncSession = Depends(db_session),
) -> Response:
    await messages.track(request.app.state.ctx, session, message_id, s)
    # The pixel whatever happened: a forged link learns nothing.
    return Response(PIXEL, media_type="image/gif", headers=NO_STORE)


@router.get(
    "/track/click/{message_id}",
    tags=["tracking"],
    response_class=Response,
    summary="A tracked link of a message: recorded, then redirected to its signed target",
)
async def track_click(
    request: Request,
    message_id: str,
    u: str = Query(..., max_length=2000),
    s: str = Query("", max_length=64),
    session: AsyncSession = Depends(db_session),
) -> Response:
    if not await messages.track(request.app.state.ctx, session, message_id, s, u):
        # Only signed targets are followed: this is not an open redirect.
        return _page("Link not valid / 链接无效", "This link is not valid.")
    return RedirectResponse(u, status_code=302, headers=NO_STORE)


@router.get(
    "/unsubscribe/{key}",
    tags=["unsubscribe"],
    response_class=HTMLResponse,
    summary="The unsubscribe page: one button (a visit alone changes nothing)",
)
async def unsubscribe_page(key: str) -> HTMLResponse:
    # Link scanners follow GET links in mail: only the POST unsubscribes.
    form = (
        f"<form method='post' action='/v1/unsubscribe/{html.escape(key)}'>"
        "<button type='submit' style='font-size:1.1em;padding:.6em 1.2em'>退订 / Unsubscribe</button></form>"
    )
    return _page(
        "退订 / Unsubscribe", "不再接收此渠道的消息? / Stop receiving these messages on this channel?", form
    )


@router.post(
    "/unsubscribe/{key}",
    tags=["unsubscribe"],
    response_class=HTMLResponse,
    summary="One-click unsubscribe (RFC 8058 List-Unsubscribe-Post, or the page's button)",
)
async def unsubscribe(
    request: Request, key: str, session: AsyncSession = Depends(db_session)
) -> HTMLResponse:
    _, channel = await messages.unsubscribe(request.app.state.ctx, session, key)
    return _page(
        "已退订 / Unsubscribed",
        f"您将不再通过 {channel} 收到消息。 / You will get no more messages by {channel}.",
    )
