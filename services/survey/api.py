"""Routes of the survey service (docs/design.md §8): templates, invitations and results (authenticated);
answering by token and the mobile answering page (public: the token is the key, docs/design.md §7)."""

from __future__ import annotations

import secrets
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession

from services.survey import repository, schemas
from services.survey.page.render import page_html, page_language
from services.survey.service import cadence, invitations, progress, reports, responses, schedule, surveys
from services.survey.service.ratelimit import enforce_invitation_limits
from shared.access import Scope, scoped, scoped_object
from shared.auth import READERS, Caller, Role, authenticate, require
from shared.db import db_session
from shared.errors import Forbidden
from shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from shared.preconditions import ETags, IfMatch, if_match, response_etags, version_tag

router = APIRouter(prefix="/v1")
read = require(*READERS)
manage_templates = require()  # manager and admin
# Invitations and a customer's answers hang off customers: account managers within their scope,
# never analysts (docs/design.md §11); out of scope, a customer answers 404.
invite = scoped(Role.ACCOUNT_MANAGER)
on_customer = scoped_object("customer_id", repository.customer_in_scope, "customer", Role.ACCOUNT_MANAGER)
manage_schedule = require(admin_only=True)  # the service's own settings (docs/design.md §7)
# The notification service fetches an invitation's link at send time with a service identity
# holding only this permission; no user role reads links by invitation id (the link is the key).
LINK_PERMISSION = "survey:invitation-links"
Token = PathParam(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                  description="The invitation token: the only key needed")


def _ctx(request: Request):
    return request.app.state.ctx


async def read_links(caller: Caller = Depends(authenticate)) -> Caller:
    if Role.ADMIN in caller.roles or LINK_PERMISSION in caller.permissions:
        return caller
    raise Forbidden(f"This call needs the admin role or the {LINK_PERMISSION} permission")


@router.post("/surveys", response_model=schemas.SurveyOut, status_code=201, tags=["surveys"],
             summary="Create a survey template (dimensions, Likert items, NPS, open questions)")
async def create_survey(
    body: schemas.SurveyIn, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage_templates),
) -> schemas.SurveyOut:
    return await surveys.create_survey(session, body, caller)


@router.get("/surveys", response_model=Page[schemas.SurveySummary], tags=["surveys"],
            summary="Survey templates, oldest first (the default one first)")
async def list_surveys(
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> Page[schemas.SurveySummary]:
    return await surveys.list_surveys(session, limit, cursor)


@router.get("/surveys/{survey_id}", response_model=schemas.SurveyOut, tags=["surveys"],
            summary="A template with every item's id and dimension, and the weights of each tier")
async def get_survey(
    survey_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.SurveyOut:
    return etags.tag(await surveys.survey(session, survey_id))


@router.put("/surveys/{survey_id}/weights", response_model=schemas.SurveyOut, tags=["surveys"],
            summary="Set per-tier dimension weights; responses scored later use them")
async def put_weights(
    survey_id: str, body: schemas.WeightsIn, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage_templates),
) -> schemas.SurveyOut:
    return await surveys.set_tier_weights(session, survey_id, body.tier_weights, caller)


@router.post("/surveys/{survey_id}/invitations", response_model=schemas.InvitationsOut,
             status_code=201, tags=["invitations"],
             summary="Invite customers: one unguessable token and answering URL each")
async def create_invitations(
    survey_id: str, body: schemas.InvitationsIn, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(invite),
) -> schemas.InvitationsOut:
    ctx = _ctx(request)
    return await invitations.invite(ctx, session, survey_id, body, scope, ctx.clock.now())


@router.get("/invitation-links/{invitation_id}", response_model=schemas.InvitationLinkOut,
            tags=["invitations"],
            summary="The answering link of one invitation, for the sender of invitation-created "
                    f"(admin, or a service identity with the `{LINK_PERMISSION}` permission)")
async def invitation_link(
    invitation_id: str, request: Request, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(read_links),
) -> schemas.InvitationLinkOut:
    ctx = _ctx(request)
    return await invitations.invitation_link(ctx, session, invitation_id, ctx.clock.now())


@router.get("/customers/{customer_id}/invitations", response_model=Page[schemas.InvitationOut],
            tags=["invitations"],
            summary="A customer's invitations (surveys and ticket verifications), newest first")
async def customer_invitations(
    customer_id: str, request: Request, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
) -> Page[schemas.InvitationOut]:
    return await invitations.customer_invitations(_ctx(request), session, customer_id, limit, cursor)


@router.get("/surveys/{survey_id}/results", response_model=schemas.ResultsOut, tags=["results"],
            summary="Means per dimension, gaps between groups, NPS, CSAT, response rate, and the "
            "funnel (invited, opened, started, completed, drop-off per question)")
async def get_results(
    survey_id: str, by: Literal["tier", "quadrant"] = "tier",
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.ResultsOut:
    return await reports.results(session, survey_id, by)


@router.get("/surveys/{survey_id}/trend", response_model=schemas.TrendOut, tags=["results"],
            summary="Satisfaction, NPS and CSAT per month, overall and per tier (or quadrant)")
async def get_trend(
    survey_id: str, request: Request,
    from_month: str | None = Query(None, alias="from", description="YYYY-MM; 11 months before `to`"),
    to_month: str | None = Query(None, alias="to", description="YYYY-MM; this month by default"),
    by: Literal["tier", "quadrant"] = "tier",
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.TrendOut:
    clock = request.app.state.ctx.clock
    return await reports.trend(session, survey_id, from_month, to_month, by, clock.now(), clock.zone)


@router.get("/surveys/{survey_id}/coverage", response_model=schemas.CoverageOut, tags=["results"],
            summary="Of a period's target customers (tiers on cadence): share invited (target 80%), "
                    "response rate, and who is held back by the fatigue guard")
async def get_coverage(
    survey_id: str, request: Request,
    period: str = Query(..., description="YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY (business time zone)",
                        examples=["2026-Q4"]),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.CoverageOut:
    return await cadence.coverage(_ctx(request), session, survey_id, period)


@router.get("/survey-schedule", response_model=schemas.ScheduleOut, tags=["schedule"],
            summary="The survey schedule: cadence per tier, reminders, fatigue guard, coverage target")
async def get_survey_schedule(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.ScheduleOut:
    view = await schedule.get_schedule(session)
    return etags.tag(view, version_tag(schedule.SURVEY_SCHEDULE, view.version))


@router.put("/survey-schedule", response_model=schemas.ScheduleOut, tags=["schedule"],
            summary="Replace the survey schedule (admin; stored as a new version); "
                    "a value out of range is a 422 naming the field")
async def put_survey_schedule(
    request: Request, body: dict[str, Any] = Body(..., examples=[{
        "cadence": {"VIP": "quarterly", "Key": "quarterly", "Regular": "quarterly", "Observation": None},
        "reminder_after_days": [3, 7], "fatigue_days": 30}]),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage_schedule),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.ScheduleOut:
    view = await schedule.replace_schedule(session, body, caller.subject, _ctx(request).clock.now(),
                                           precondition)
    return etags.tag(view, version_tag(schedule.SURVEY_SCHEDULE, view.version))


@router.get("/surveys/{survey_id}/topics", response_model=schemas.TopicsOut, tags=["results"],
            summary="Open answers (Chinese and English) grouped into keyword clusters")
async def get_topics(
    survey_id: str, request: Request, question_id: str | None = None,
    max_topics: int = Query(8, ge=2, le=20), session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(read),
) -> schemas.TopicsOut:
    limit = request.app.state.ctx.settings.topics_max_answers
    return await reports.topics(session, survey_id, question_id, max_topics, limit)


@router.get("/customers/{customer_id}/satisfaction", response_model=schemas.CustomerSatisfactionOut,
            tags=["results"], summary="A customer's scored responses over time, oldest first")
async def customer_satisfaction(
    customer_id: str, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
) -> schemas.CustomerSatisfactionOut:
    return await reports.customer_satisfaction(session, customer_id, limit, cursor)


# --- public: answering by token, no login ---------------------------------------------------

public_router = APIRouter()


@public_router.get("/v1/invitations/{token}", response_model=schemas.PublicInvitationOut,
                   tags=["answering"], dependencies=[Depends(enforce_invitation_limits)],
                   summary="The questions of an invitation (no login: the token is the key)")
async def get_invitation(
    request: Request, token: str = Token, session: AsyncSession = Depends(db_session)
) -> schemas.PublicInvitationOut:
    return await invitations.public_view(session, token, _ctx(request).clock.now())


@public_router.post("/v1/invitations/{token}/response", response_model=schemas.ResponseOut, status_code=201,
                    tags=["answering"], dependencies=[Depends(enforce_invitation_limits)],
                    summary="Answer once; a survey answer is scored and published as satisfaction-scored")
async def post_response(
    body: schemas.ResponseIn, request: Request, token: str = Token
) -> schemas.ResponseOut:
    return await responses.answer(_ctx(request), token, body)


@public_router.post("/v1/invitations/{token}/progress", response_model=schemas.ProgressOut,
                    tags=["answering"], dependencies=[Depends(enforce_invitation_limits)],
                    summary="Save answers as the customer goes: merged into those saved, restored on reload")
async def post_progress(
    body: schemas.ResponseIn, request: Request, token: str = Token,
    session: AsyncSession = Depends(db_session),
) -> schemas.ProgressOut:
    return await progress.save_progress(session, token, body, _ctx(request).clock.now())


@public_router.get("/s/{token}", response_class=HTMLResponse, tags=["answering"],
                   summary="The mobile-friendly answering page an invitation URL points to, in the "
                   "customer's language: `lang` (zh-CN or en), else the browser's, Chinese by default")
async def answering_page(
    request: Request, token: str = Token,
    lang: str | None = Query(None, max_length=20, description="zh-CN or en"),
) -> HTMLResponse:
    # The token stays in the URL only: the page reads it from location and sends no referrer.
    nonce = secrets.token_urlsafe(16)
    language = page_language(lang, request.headers.get("accept-language"))
    html = page_html(language).replace("{{nonce}}", nonce)
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
