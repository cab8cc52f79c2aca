"""Public routes: answering by token (no login, DESIGN 7) and the mobile answering page."""

from __future__ import annotations

import json
import secrets
from functools import cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
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


LANGUAGES = ("zh-CN", "en")  # the first is the default
STRINGS = Path(__file__).parent / "page" / "strings.json"


@cache
def _page_template() -> str:
    return PAGE.read_text(encoding="utf-8")


@cache
def _page(language: str) -> str:
    """The page in one language, all but the nonce filled in: its words come from strings.json,
    the same ones its script uses."""
    words = json.loads(STRINGS.read_text(encoding="utf-8"))[language]
    # Inside <script>, "</" would end the element: JSON allows it escaped.
    embedded = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
    html = _page_template().replace("{{strings}}", embedded).replace("{{lang}}", language)
    for key in ("page_title", "loading", "noscript", "switch_lang", "switch_label"):
        html = html.replace("{{" + key + "}}", escape(words[key]))
    return html


def page_language(requested: str | None, accept_language: str | None) -> str:
    """`?lang=` when it names a language of the page, else the browser's first preference the page
    speaks (Accept-Language, by weight), else Chinese."""
    if requested:
        for language in LANGUAGES:
            if requested.casefold() == language.casefold() or requested.casefold() == language[:2]:
                return language
    preferences = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            preferences.append((-float(weight or 1), position, tag.strip().casefold()))
        except ValueError:
            continue
    for _, _, tag in sorted(preferences):
        for language in LANGUAGES:
            if tag == language.casefold() or tag.split("-")[0] == language[:2]:
                return language
    return LANGUAGES[0]


@router.get("/v1/invitations/{token}", response_model=schemas.PublicInvitationOut,
            tags=["answering"], summary="The questions of an invitation (no login: the token is the key)",
            dependencies=[Depends(enforce_invitation_limits)])
async def get_invitation(
    request: Request, token: str = Token, session: AsyncSession = Depends(db_session)
) -> schemas.PublicInvitationOut:
    return await invitations.public_view(session, token, request.app.state.ctx.clock.now())


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
    body: schemas.ResponseIn, request: Request, token: str = Token,
    session: AsyncSession = Depends(db_session),
) -> schemas.ProgressOut:
    return await progress.save_progress(session, token, body, request.app.state.ctx.clock.now())


@router.get("/s/{token}", response_class=HTMLResponse, tags=["answering"],
            summary="The mobile-friendly answering page an invitation URL points to, in the customer's "
            "language: `lang` (zh-CN or en), else the browser's, Chinese by default")
async def answering_page(
    request: Request, token: str = Token,
    lang: str | None = Query(None, max_length=20, description="zh-CN or en"),
) -> HTMLResponse:
    # The token stays in the URL only: the page reads it from location and sends no referrer.
    nonce = secrets.token_urlsafe(16)
    language = page_language(lang, request.headers.get("accept-language"))
    html = _page(language).replace("{{nonce}}", nonce)
    return HTMLResponse(html, headers={
        "Content-Language": language,
        "Vary": "Accept-Language",
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
