"""Routes of the feedback service (docs/design.md §8): parse, authorise, call a use case, reply."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from services.feedback import repository, schemas
from services.feedback.domain.csat import CsatGroup
from services.feedback.domain.lifecycle import Status
from services.feedback.domain.sla import Priority
from services.feedback.service import config, conversation, reports, tickets
from services.feedback.service import monthly_report as monthly
from services.feedback.service.config import ConfigKind
from shared.access import Scope, scoped, scoped_object
from shared.auth import READERS, TICKET_RESOLUTION_READ, Caller, Role, require, require_permission
from shared.db import db_session
from shared.merge_patch import merge_patch_body, merge_patch_openapi
from shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from shared.preconditions import ETags, IfMatch, if_match, response_etags, version_tag

router = APIRouter(prefix="/v1")
read = require(*READERS)
# Tickets are single customer objects: agents and account managers within their scope, never analysts
# (docs/design.md §11); out of scope, a ticket answers 404.
tickets_scope = scoped(Role.AGENT, Role.ACCOUNT_MANAGER)
work_on_ticket = scoped_object("ticket_id", repository.ticket_in_scope, "ticket",
                               Role.AGENT, Role.ACCOUNT_MANAGER)
manage = require()  # manager (and admin) edit policies and rules


def _ctx(request: Request):
    return request.app.state.ctx


def _now(request: Request) -> datetime:
    """The service clock's time (the test clock outside production)."""
    return request.app.state.ctx.clock.now()


@router.post("/tickets", response_model=schemas.TicketOut, status_code=status.HTTP_201_CREATED,
             tags=["tickets"], summary="Open a ticket: priority (given or proposed), team, SLA due times")
async def post_ticket(
    body: schemas.TicketIn, request: Request, response: Response, scope: Scope = Depends(tickets_scope),
) -> schemas.TicketOut:
    # No request session: an agent's ticket needs none, and the use case opens one for the others.
    view = await tickets.open_ticket(_ctx(request), body, scope, _now(request))
    response.headers["Location"] = f"/v1/tickets/{view.id}"
    return view


@router.get("/tickets/{ticket_id}", response_model=schemas.TicketOut, tags=["tickets"],
            summary="A ticket with its SLA (rows, calendar, due times) and its full history")
async def get_ticket(
    ticket_id: str, session: AsyncSession = Depends(db_session), scope: Scope = Depends(work_on_ticket),
    etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    return etags.tag(await tickets.get_ticket(session, ticket_id))


@router.patch("/tickets/{ticket_id}", response_model=schemas.TicketOut, tags=["tickets"],
              summary="Correct channel, type, category or description (JSON Merge Patch, RFC 7396)",
              openapi_extra=merge_patch_openapi(schemas.TicketIn))
async def patch_ticket(
    request: Request, ticket_id: str, scope: Scope = Depends(work_on_ticket),
    patch: dict = Depends(merge_patch_body),
    session: AsyncSession = Depends(db_session),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await tickets.edit(session, ticket_id, patch, scope.actor, _now(request), precondition)
    return etags.tag(view)


@router.get("/tickets/{ticket_id}/resolution", response_model=schemas.TicketResolutionOut,
            tags=["tickets"],
            summary="A ticket's solution and improvement (for the notification service's identity only)")
async def get_ticket_resolution(
    ticket_id: str, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(require_permission(TICKET_RESOLUTION_READ)),
) -> schemas.TicketResolutionOut:
    return await tickets.ticket_resolution(session, ticket_id)


@router.get("/tickets", response_model=Page[schemas.TicketOut], tags=["tickets"],
            summary="Tickets, newest first, filtered by status, priority, breach or customer")
async def list_tickets(
    request: Request, status_: Status | None = Query(None, alias="status"), priority: Priority | None = None,
    breached: bool | None = None, customer_id: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(tickets_scope),
) -> Page[schemas.TicketOut]:
    return await tickets.list_tickets(
        session, status=status_, priority=priority.value if priority else None, breached=breached,
        customer_id=customer_id, limit=limit, cursor=cursor, now=_now(request), scope=scope,
    )


@router.post("/tickets/{ticket_id}/assign", response_model=schemas.TicketOut, tags=["tickets"],
             summary="Assign to an agent (and optionally another team)")
async def assign_ticket(
    request: Request, ticket_id: str, body: schemas.AssignIn, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(work_on_ticket), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await tickets.assign(_ctx(request), session, ticket_id, body, scope.actor, _now(request),
                                precondition)
    return etags.tag(view)


@router.post("/tickets/{ticket_id}/responses", response_model=schemas.TicketOut, tags=["tickets"],
             summary="Reply; the first reply stops the first-response clock, any reply the next-reply one")
async def respond(
    request: Request, ticket_id: str, body: schemas.ResponseIn, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(work_on_ticket), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await conversation.respond(_ctx(request), session, ticket_id, body, scope.actor, _now(request),
                                      precondition)
    return etags.tag(view)


@router.post("/tickets/{ticket_id}/messages", response_model=schemas.TicketOut, status_code=201,
             tags=["tickets"],
             summary="A message from the customer (the team owes a reply) or an agent (a reply)",
             description="A customer message starts the next-reply clock, resumes a ticket pending "
             "the customer, reopens a resolved ticket, and reopens a closed one within the SLA "
             "policy's `reopening.closed_within_days` (7 by default); later it is a 409.")
async def post_message(
    ticket_id: str, body: schemas.MessageIn, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(work_on_ticket),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await conversation.add_message(_ctx(request), session, ticket_id, body, scope.actor,
                                          _now(request), precondition)
    return etags.tag(view)


@router.post("/tickets/{ticket_id}/status", response_model=schemas.TicketOut, tags=["tickets"],
             summary="pending_customer pauses the SLA clocks, in_progress resumes them; on_hold waits "
             "on a third party with the clocks running")
async def change_status(
    ticket_id: str, body: schemas.StatusIn, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(work_on_ticket),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await tickets.change_status(_ctx(request), session, ticket_id, body, scope.actor, _now(request),
                                        precondition)
    return etags.tag(view)


@router.post("/tickets/{ticket_id}/resolve", response_model=schemas.TicketOut, tags=["tickets"],
             summary="Resolve with the solution and improvement measures")
async def resolve(
    ticket_id: str, body: schemas.ResolveIn, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(work_on_ticket),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await tickets.resolve(_ctx(request), session, ticket_id, body, scope.actor, _now(request),
                                  precondition)
    return etags.tag(view)


@router.post("/tickets/{ticket_id}/verification", response_model=schemas.TicketOut, tags=["tickets"],
             summary="The customer's answer (with an optional 1-5 rating): solved closes, not solved "
             "reopens with a new clock")
async def verification(
    ticket_id: str, body: schemas.VerificationIn, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(work_on_ticket),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.TicketOut:
    view = await tickets.verify(_ctx(request), session, ticket_id, body, scope.actor, _now(request),
                                 precondition)
    return etags.tag(view)


def _versioned(kind: ConfigKind, view, etags: ETags):
    """A version of a document never changes: its tag is its kind and version."""
    return etags.tag(view, version_tag(kind, view.version))


@router.get("/sla-policy", response_model=schemas.SlaPolicyOut, tags=["policy"],
            summary="The SLA policy in force: priority targets, tier caps, clocks, escalation, calendar")
async def get_sla_policy(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.SlaPolicyOut:
    return _versioned(ConfigKind.SLA_POLICY, await config.document(session, ConfigKind.SLA_POLICY), etags)


@router.put("/sla-policy", response_model=schemas.SlaPolicyOut, tags=["policy"],
            summary="Save a new SLA policy version (open tickets keep the version they started with)")
async def put_sla_policy(
    request: Request, body: schemas.SlaPolicyDoc, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.SlaPolicyOut:
    view = await config.replace_document(session, ConfigKind.SLA_POLICY, body, caller.subject, _now(request),
                                         precondition)
    return _versioned(ConfigKind.SLA_POLICY, view, etags)


@router.get("/calendar", response_model=schemas.CalendarOut, tags=["policy"],
            summary="The business calendar of the SLA policy in force (hours, holidays, working days)")
async def get_calendar(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.CalendarOut:
    return _versioned(ConfigKind.SLA_POLICY, await config.calendar(session), etags)


@router.put("/calendar", response_model=schemas.CalendarOut, tags=["policy"],
            summary="Edit holidays and working days: saves a new SLA policy version")
async def put_calendar(
    request: Request, body: schemas.CalendarDoc, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.CalendarOut:
    view = await config.replace_calendar(session, body, caller.subject, _now(request), precondition)
    return _versioned(ConfigKind.SLA_POLICY, view, etags)


@router.get("/priority-rules", response_model=schemas.PriorityRulesOut, tags=["policy"],
            summary="Keyword and type rules that propose a priority")
async def get_priority_rules(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.PriorityRulesOut:
    view = await config.document(session, ConfigKind.PRIORITY_RULES)
    return _versioned(ConfigKind.PRIORITY_RULES, view, etags)


@router.put("/priority-rules", response_model=schemas.PriorityRulesOut, tags=["policy"],
            summary="Replace the priority rules (new version)")
async def put_priority_rules(
    request: Request, body: schemas.PriorityRulesDoc, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.PriorityRulesOut:
    view = await config.replace_document(session, ConfigKind.PRIORITY_RULES, body, caller.subject,
                                         _now(request),
                                         precondition)
    return _versioned(ConfigKind.PRIORITY_RULES, view, etags)


@router.get("/routing", response_model=schemas.RoutingOut, tags=["policy"],
            summary="Team per ticket category")
async def get_routing(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.RoutingOut:
    return _versioned(ConfigKind.ROUTING, await config.document(session, ConfigKind.ROUTING), etags)


@router.put("/routing", response_model=schemas.RoutingOut, tags=["policy"],
            summary="Replace the routing table (new version)")
async def put_routing(
    request: Request, body: schemas.RoutingDoc, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.RoutingOut:
    view = await config.replace_document(session, ConfigKind.ROUTING, body, caller.subject, _now(request),
                                         precondition)
    return _versioned(ConfigKind.ROUTING, view, etags)


@router.get("/reports/sla", response_model=schemas.SlaReportOut, tags=["reports"],
            summary="Per tier and month: on-time rates, first-contact resolution, reopens, satisfaction")
async def sla_report(
    request: Request, month: str = Query(..., description="YYYY-MM"),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.SlaReportOut:
    return await reports.monthly_sla_report(session, month, _now(request), _ctx(request).clock.zone)


@router.get("/reports/csat", response_model=schemas.CsatReportOut, tags=["reports"],
            summary="CSAT after resolution in a business month, per agent, team or tier")
async def csat_report(
    request: Request, month: str = Query(..., description="YYYY-MM"), by: CsatGroup = CsatGroup.AGENT,
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.CsatReportOut:
    return await reports.monthly_csat_report(session, month, by, _now(request), _ctx(request).clock.zone)


@router.get("/reports/sla/trend", response_model=schemas.SlaTrendOut, tags=["reports"],
            summary="First-response, next-reply and resolution on-time rates per business month and tier")
async def sla_trend(
    request: Request,
    from_month: str | None = Query(None, alias="from", description="YYYY-MM; 11 months before `to`"),
    to_month: str | None = Query(None, alias="to", description="YYYY-MM; this month by default"),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.SlaTrendOut:
    return await reports.monthly_sla_trend(session, from_month, to_month, _now(request),
                                           _ctx(request).clock.zone)


@router.get("/reports/ticket-topics", response_model=schemas.TicketTopicsOut, tags=["reports"],
            summary="Topics of ticket descriptions (Chinese and English keyword clusters) per category "
            "and business month")
async def ticket_topics(
    request: Request,
    from_month: str | None = Query(None, alias="from", description="YYYY-MM; 2 months before `to`"),
    to_month: str | None = Query(None, alias="to", description="YYYY-MM; this month by default"),
    category: str | None = Query(None, min_length=1, max_length=100, description="Only this category"),
    max_topics: int = Query(8, ge=2, le=20), session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(read),
) -> schemas.TicketTopicsOut:
    ctx = _ctx(request)
    return await reports.topics_of_tickets(session, from_month, to_month, category, max_topics,
                                           ctx.settings.topics_max_tickets, _now(request), ctx.clock.zone)


@router.get("/reports/monthly", response_model=schemas.MonthlyReportOut, tags=["reports"],
            summary="The monthly tiered service report built on the 1st for the month before: SLA "
                    "by tier and priority, satisfaction and NPS, actions, tier moves, effect")
async def monthly_report(
    month: str = Query(..., description="YYYY-MM, a business month"),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.MonthlyReportOut:
    return await monthly.stored_report(session, month)


@router.get("/verification-policy", response_model=schemas.VerificationPolicyOut, tags=["policy"],
            summary="How long a resolved ticket waits for the customer's answer before it closes")
async def get_verification_policy(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.VerificationPolicyOut:
    view = await config.document(session, ConfigKind.VERIFICATION_POLICY)
    return _versioned(ConfigKind.VERIFICATION_POLICY, view, etags)


@router.put("/verification-policy", response_model=schemas.VerificationPolicyOut, tags=["policy"],
            summary="Save a new verification policy version (admin)")
async def put_verification_policy(
    body: schemas.VerificationPolicyDoc, request: Request, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(require(admin_only=True)), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.VerificationPolicyOut:
    view = await config.replace_document(session, ConfigKind.VERIFICATION_POLICY, body, caller.subject,
                                         _now(request), precondition)
    return _versioned(ConfigKind.VERIFICATION_POLICY, view, etags)
