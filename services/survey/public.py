"""Public routes: answering by token (no login, DESIGN 7) and the mobile answering page."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import schemas
from services.survey.service import invitations, progress, responses
from services.survey.service.ratelimit import enforce_invitation_limits
from shared.db import db_session

router = APIRouter()
PAGE = Path(__file__).parent / "page" / "answer.html"
Token = PathParam(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                  description="The invitation token: the only key needed")


@cache
def _page_template() -> str:
    return PAGE.read_text(encoding="utf-8")


@router.get("/v1/invitations/{token}", response_model=schemas.PublicInvitationOut,
            tags=["answering"], summary="The questions of an invitation (no login: the token is the key)",
            dependencies=[Depends(enforce_invitation_limits)])
async def get_invitation(
    token: str = Token, session: AsyncSession = Depends(db_session)
) -> schemas.PublicInvitationOut:
    return await invitations.public_view(session, token)


@router.post("/v1/invitations/{token}/response", response_model=schemas.ResponseOut, status_code=201,
             tags=["answering"], dependencies=[Depends(enforce_invitation_limits)],
             summary="Answer once; a survey answer is scored and published as satisfaction-scored")
async def post_response(
    body: schemas.ResponseIn, request: Request, token: str = Token,
    session: AsyncSession = Depends(db_session),
) -> schemas.ResponseOut:
    return await responses.answer(request.app.state.ctx, session, token, body)


@router.post("/v1/invitations/{token}/progress", response_model=schemas.ProgressOut,
             tags=["answering"], dependencies=[Depends(enforce_invitation_limits)],
             summary="Save answers as the customer goes: merged into those saved, restored on reload")
async def post_progress(
    body: schemas.ResponseIn, token: str = Token, session: AsyncSession = Depends(db_session),
) -> schemas.ProgressOut:
    return await progress.save_progress(session, token, body)


@router.get("/s/{token}", response_class=HTMLResponse, tags=["answering"],
            summary="The mobile-friendly answering page an invitation URL points to")
async def answering_page(token: str = Token) -> HTMLResponse:
    # The token stays in the URL only: the page reads it from location and sends no referrer.
    nonce = secrets.token_urlsafe(16)
    html = _page_template().replace("{{nonce}}", nonce)
    return HTMLResponse(html, headers={
        "Content-Security-Policy": (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
        "X-Content-Type-Options": "nosniff",
    })
