"""Routes of the playbook service (docs/design.md §8): parse, authorise, call a use case, reply."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository, schemas
from services.playbook.service import actions, cases, config, contacts, reports
from services.playbook.service.config import ConfigKind
from shared.access import Scope, scoped, scoped_object
from shared.auth import READERS, Caller, Role, require
from shared.db import db_session
from shared.merge_patch import json_or_merge_patch_body, merge_patch_openapi
from shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from shared.preconditions import ETags, IfMatch, if_match, response_etags, version_tag

router = APIRouter(prefix="/v1")
read = require(*READERS)
work = require(Role.ACCOUNT_MANAGER, Role.AGENT)
manage = require()  # manager (and admin) edit rules and the contact policy
# Care actions and plans hang off customers: account managers and agents within their scope, never
# analysts (docs/design.md §11); out of scope, an action or a customer answers 404.
actions_scope = scoped(Role.ACCOUNT_MANAGER, Role.AGENT)
on_action = scoped_object("action_id", repository.action_in_scope, "action", Role.ACCOUNT_MANAGER, Role.AGENT)
on_customer = scoped_object("customer_id", repository.customer_in_scope, "customer", Role.ACCOUNT_MANAGER)
manage_schedule = require(admin_only=True)  # the service's own settings (docs/design.md §7)

ActionStatusFilter = Literal["pending", "deferred", "done", "cancelled", "overdue"]


def _ctx(request: Request):
    return request.app.state.ctx


async def _now(request: Request) -> datetime:
    """The service clock (the test clock moves it outside production)."""
    return request.app.state.ctx.clock.now()


def _versioned(kind: ConfigKind, view, etags: ETags):
    """A version of a document never changes: its tag is its kind and version."""
    return etags.tag(view, version_tag(kind, view.version))


# --- rules -----------------------------------------------------------------------------------


@router.get("/rules", response_model=schemas.RuleSetOut, tags=["rules"],
            summary="The current rule set: triggers, conditions, action templates")
async def get_rules(session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
                    etags: ETags = Depends(response_etags)):
    return _versioned(ConfigKind.RULES, await config.rule_set(session), etags)


@router.put("/rules", response_model=schemas.RuleSetOut, tags=["rules"],
            summary="Replace the rule set (stored as a new version); a rule that can never fire is a 422")
async def put_rules(
    body: dict[str, Any] = Body(..., examples=[{"rules": []}]),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
    now: datetime = Depends(_now),
):
    view = await config.replace_rule_set(session, body, caller.subject, now, precondition)
    return _versioned(ConfigKind.RULES, view, etags)


@router.get("/rules/{rule_id}", response_model=schemas.RuleOut, tags=["rules"], summary="One rule")
async def get_rule(rule_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
                   etags: ETags = Depends(response_etags)):
    # One rule is edited as part of its set: the tag is the set's version.
    return _versioned(ConfigKind.RULES, await config.get_rule(session, rule_id), etags)


@router.put("/rules/{rule_id}", response_model=schemas.RuleOut, tags=["rules"],
            summary="Replace or add one rule (the set is stored as a new version)")
async def put_rule(
    rule_id: str, body: dict[str, Any] = Body(...), session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags), now: datetime = Depends(_now),
):
    view = await config.replace_rule(session, rule_id, body, caller.subject, now, precondition)
    return _versioned(ConfigKind.RULES, view, etags)


# --- the care schedule (docs/design.md §9) ---------------------------------------------------


@router.get("/care-schedule", response_model=schemas.CareScheduleOut, tags=["schedule"],
            summary="The care schedule: the presence check's window and the weekly digest's "
                    "at-risk window, in days")
async def get_care_schedule(session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
                            etags: ETags = Depends(response_etags)):
    return _versioned(ConfigKind.CARE_SCHEDULE, await config.care_schedule(session), etags)


@router.put("/care-schedule", response_model=schemas.CareScheduleOut, tags=["schedule"],
            summary="Replace the care schedule (admin; stored as a new version); a value out of "
                    "range is a 422 naming the field")
async def put_care_schedule(
    body: dict[str, Any] = Body(..., examples=[{"presence_check_days": 30, "digest_at_risk_days": 30}]),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage_schedule),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
    now: datetime = Depends(_now),
):
    view = await config.replace_care_schedule(session, body, caller.subject, now, precondition)
    return _versioned(ConfigKind.CARE_SCHEDULE, view, etags)


# --- contact policy and contacts -------------------------------------------------------------


@router.get("/contact-policy", response_model=schemas.ContactPolicyOut, tags=["contacts"],
            summary="Contact caps per value class, dormancy and channel pause numbers")
async def get_contact_policy(session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
                             etags: ETags = Depends(response_etags)):
    return _versioned(ConfigKind.CONTACT_POLICY, await config.contact_policy(session), etags)


@router.put("/contact-policy", response_model=schemas.ContactPolicyOut, tags=["contacts"],
            summary="Replace the contact policy (new version)")
async def put_contact_policy(
    body: dict[str, Any] = Body(...), session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags), now: datetime = Depends(_now),
):
    view = await config.replace_contact_policy(session, body, caller.subject, now, precondition)
    return _versioned(ConfigKind.CONTACT_POLICY, view, etags)


@router.post("/customers/{customer_id}/contacts", response_model=schemas.ContactOut, status_code=201,
             tags=["contacts"], summary="Record a contact outcome (opened or not); 3 unopened pause it")
async def post_contact(
    customer_id: str, body: schemas.ContactIn, request: Request, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
    now: datetime = Depends(_now),
):
    return await contacts.record_contact(_ctx(request), session, customer_id, body, scope.actor, now)


# --- actions and plans -----------------------------------------------------------------------


@router.get("/actions", response_model=Page[schemas.ActionOut], tags=["actions"],
            summary="Care actions, newest first, by customer, status (or overdue), owner, kind")
async def list_actions(
    customer_id: str | None = None, status_: ActionStatusFilter | None = Query(None, alias="status"),
    owner: str | None = None, kind: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(actions_scope),
    now: datetime = Depends(_now),
):
    return await actions.list_actions(session, customer_id=customer_id, status=status_, owner=owner,
                                      kind=kind, limit=limit, cursor=cursor, now=now, scope=scope)


@router.get("/actions/{action_id}", response_model=schemas.ActionOut, tags=["actions"],
            summary="One action with the rule, event and numbers that made it")
async def get_action(
    action_id: str, session: AsyncSession = Depends(db_session), scope: Scope = Depends(on_action),
    etags: ETags = Depends(response_etags),
    now: datetime = Depends(_now),
):
    return etags.tag(await actions.get_action(session, action_id, now))


@router.patch("/actions/{action_id}", response_model=schemas.ActionOut, tags=["actions"],
              summary="Change status (pending, done, cancelled), feedback, next step; 409 if not allowed. "
              "A JSON Merge Patch (RFC 7396) clears a note with null; plain JSON leaves null fields alone",
              openapi_extra=merge_patch_openapi(schemas.ActionPatch, also_json=True))
async def patch_action(
    action_id: str, request: Request, scope: Scope = Depends(on_action),
    changes: dict[str, Any] = Depends(json_or_merge_patch_body), session: AsyncSession = Depends(db_session),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
    now: datetime = Depends(_now),
):
    return etags.tag(await actions.update_action(_ctx(request), session, action_id, changes, scope.actor,
                                                 now, precondition))


@router.get("/customers/{customer_id}/plan", response_model=schemas.PlanOut, tags=["actions"],
            summary="The customer's care plan: open and recent actions, recurring care with its next "
                    "due dates, contact caps and paused channels")
async def get_plan(
    customer_id: str, request: Request, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
    now: datetime = Depends(_now),
):
    return await actions.care_plan(_ctx(request), session, customer_id, now)


# --- cases -----------------------------------------------------------------------------------


@router.post("/cases", response_model=schemas.CaseOut, status_code=status.HTTP_201_CREATED, tags=["cases"],
             summary="Record a case: background, strategy, execution, effect (before / after), lessons")
async def post_case(
    body: schemas.CaseIn, response: Response, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(work),
    now: datetime = Depends(_now),
):
    case = await cases.create_case(session, body, caller.subject, now)
    response.headers["Location"] = f"/v1/cases/{case.id}"
    return case


@router.get("/cases", response_model=Page[schemas.CaseOut], tags=["cases"], summary="Cases, newest first")
async def list_cases(
    tier: str | None = None, quadrant: str | None = None, customer_id: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
):
    return await cases.list_cases(session, tier=tier, quadrant=quadrant, customer_id=customer_id,
                                  limit=limit, cursor=cursor)


@router.get("/cases/{case_id}", response_model=schemas.CaseOut, tags=["cases"], summary="One case")
async def get_case(case_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
                   etags: ETags = Depends(response_etags)):
    return etags.tag(await cases.get_case(session, case_id))


# --- experiments and reports -----------------------------------------------------------------


@router.get("/experiments", response_model=Page[schemas.ExperimentOut], tags=["experiments"],
            summary="Rules with variants: arms and how many customers each holds, by id")
async def list_experiments(
    request: Request, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
):
    return await reports.list_experiments(_ctx(request), session, limit, cursor)


@router.get("/experiments/{experiment_id}/report", response_model=schemas.ExperimentReport,
            tags=["experiments"], summary="Outcome per arm with 95% confidence intervals")
async def experiment_report(experiment_id: str, request: Request, session: AsyncSession = Depends(db_session),
                            caller: Caller = Depends(read)):
    return await reports.experiment_report(_ctx(request), session, experiment_id)


@router.get("/reports/effect", response_model=schemas.EffectReport, tags=["reports"],
            summary="Retention, repurchase, complaints, NPS / CSAT, referrals per tier and quadrant")
async def effect_report(request: Request, month: str = Query(..., examples=["2026-03"]),
                        session: AsyncSession = Depends(db_session), caller: Caller = Depends(read)):
    return await reports.effect_report(_ctx(request), session, month)
