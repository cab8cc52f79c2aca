"""Routes of the segmentation service (docs/design.md §8): parse, authorise, call a use case, reply."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, schemas
from services.segmentation.domain.quadrants import Quadrant
from services.segmentation.domain.scoring import Tier
from services.segmentation.service import (
    customers,
    erasure,
    jobs,
    overrides,
    policy,
    scoring_models,
    snapshots,
)
from shared.access import Scope, scoped, scoped_object
from shared.auth import CONTACT_ADDRESS_READ, READERS, Caller, Role, require, require_permission
from shared.db import db_session
from shared.errors import InvalidInput
from shared.merge_patch import merge_patch_body, merge_patch_openapi
from shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from shared.preconditions import ETags, IfMatch, if_match, response_etags

router = APIRouter(prefix="/v1")
read = require(*READERS)
manage = require()
# A customer and what hangs off it: account managers within their scope (agents read the summary and
# recent orders of their tickets' customers, as the ticket page shows them), never analysts
# (docs/design.md §11); out of scope, a customer is a 404.
customers_scope = scoped(Role.ACCOUNT_MANAGER, Role.AGENT)
write_customers = scoped(Role.ACCOUNT_MANAGER)
customer_summary = scoped_object("customer_id", repository.customer_in_scope, "customer",
                                 Role.ACCOUNT_MANAGER, Role.AGENT)
on_customer = scoped_object("customer_id", repository.customer_in_scope, "customer", Role.ACCOUNT_MANAGER)
overrides_scope = scoped(Role.ACCOUNT_MANAGER)
admin = require(admin_only=True)
CustomerPath = schemas.CustomerId


def _ctx(request: Request):
    return request.app.state.ctx


def _now(request: Request) -> datetime:
    """The service clock's time (the test clock outside production)."""
    return request.app.state.ctx.clock.now()


@router.put("/customers/{customer_id}", response_model=schemas.CustomerOut, tags=["customers"],
            summary="Create or update a customer profile")
async def put_customer(
    customer_id: CustomerPath, body: schemas.CustomerIn, response: Response, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(write_customers),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.CustomerOut:
    view, created = await customers.put_customer(_ctx(request), session, customer_id, body, scope,
                                                 _now(request), precondition)
    if created:
        response.status_code = status.HTTP_201_CREATED
    return etags.tag(view)


@router.patch("/customers/{customer_id}", response_model=schemas.CustomerOut, tags=["customers"],
              summary="Change some profile fields (JSON Merge Patch, RFC 7396); the others are kept",
              openapi_extra=merge_patch_openapi(schemas.CustomerIn))
async def patch_customer(
    customer_id: CustomerPath, request: Request, scope: Scope = Depends(write_customers),
    patch: dict = Depends(merge_patch_body), session: AsyncSession = Depends(db_session),
    precondition: IfMatch = Depends(if_match), etags: ETags = Depends(response_etags),
) -> schemas.CustomerOut:
    return etags.tag(await customers.edit_customer(_ctx(request), session, customer_id, patch, scope,
                                                   _now(request), precondition))


@router.get("/customers/{customer_id}", response_model=schemas.CustomerOut, tags=["customers"],
            summary="A customer's profile, score with its explanation, override and churn risk")
async def get_customer(
    customer_id: str, request: Request, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(customer_summary), etags: ETags = Depends(response_etags),
) -> schemas.CustomerOut:
    return etags.tag(await customers.customer_view(_ctx(request), session, customer_id, scope.caller))


@router.delete("/customers/{customer_id}", response_model=schemas.ErasureOut, status_code=202,
               tags=["privacy"],
               summary="Erase the customer's personal data everywhere (admin; a reason in the body or "
                       "the query); publishes customer-erased")
async def erase_customer(
    customer_id: str, request: Request,
    reason: str | None = Query(None, min_length=1, max_length=500, description="Why (or in the body)"),
    body: schemas.ErasureIn | None = Body(None),
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(admin),
) -> schemas.ErasureOut:
    given = body.reason if body is not None else reason
    if not given:
        raise InvalidInput("an erasure needs a reason", field="reason")
    return await erasure.erase_customer(_ctx(request), session, customer_id, given, caller, _now(request))


@router.get("/erasures/{erasure_id}", response_model=schemas.ErasureOut, tags=["privacy"],
            summary="An erasure and each service's confirmation (admin)")
async def get_erasure(
    erasure_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(admin),
) -> schemas.ErasureOut:
    return await erasure.get_erasure(session, erasure_id)


@router.get("/customers/{customer_id}/contact-address", response_model=schemas.ContactAddressOut,
            tags=["customers"],
            summary="Where to reach the customer (for the notification service's identity only)")
async def get_contact_address(
    customer_id: str, request: Request, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(require_permission(CONTACT_ADDRESS_READ)),
) -> schemas.ContactAddressOut:
    return await customers.contact_address(session, customer_id, caller, _now(request))


@router.get("/customers", response_model=Page[schemas.CustomerSummary], tags=["customers"],
            summary="Customers, filtered by tier, quadrant or owner")
async def list_customers(
    tier: Tier | None = None, quadrant: Quadrant | None = None, owner: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(customers_scope),
) -> Page[schemas.CustomerSummary]:
    return await customers.list_customers(
        session, tier.value if tier else None, quadrant.value if quadrant else None, owner,
        limit, cursor, scope,
    )


@router.get("/reports/tiers", response_model=schemas.TierCountsOut, tags=["reports"],
            summary="Customers per tier: the tier mix, for every role (analysts read aggregates only)")
async def tier_report(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
) -> schemas.TierCountsOut:
    return await customers.tier_counts(session)


@router.post("/customers/{customer_id}/orders", response_model=schemas.OrdersAccepted,
             tags=["customers"],
             summary="Record one order or a list (an order id is counted once); rescores the customer "
                     "and publishes order-recorded")
async def post_orders(
    customer_id: str, request: Request,
    body: schemas.OrderIn | list[schemas.OrderIn] = Body(...),
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(on_customer),
) -> schemas.OrdersAccepted:
    orders = body if isinstance(body, list) else [body]
    return await customers.add_orders(_ctx(request), session, customer_id, orders, _now(request))


@router.get("/customers/{customer_id}/orders", response_model=Page[schemas.OrderOut], tags=["customers"],
            summary="A customer's orders, newest first")
async def get_orders(
    customer_id: str, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(customer_summary),
) -> Page[schemas.OrderOut]:
    return await customers.list_orders(session, customer_id, limit, cursor)


@router.post("/customers/{customer_id}/interactions", response_model=list[schemas.InteractionOut],
             status_code=201, tags=["customers"], summary="Record interactions (visit, call, ...)")
async def post_interactions(
    customer_id: str,
    body: schemas.InteractionIn | list[schemas.InteractionIn] = Body(...),
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(on_customer),
) -> list[schemas.InteractionOut]:
    items = body if isinstance(body, list) else [body]
    return await customers.add_interactions(session, customer_id, items)


@router.post("/customers/{customer_id}/rescore", response_model=schemas.ScoreOut, tags=["scoring"],
             summary="Rescore now; publishes score-updated (and tier-changed when the tier moved)")
async def rescore_customer(
    customer_id: str, request: Request, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
) -> schemas.ScoreOut:
    return await customers.rescore(_ctx(request), session, customer_id, scope.caller, _now(request))


@router.get("/customers/{customer_id}/history", response_model=schemas.HistoryOut,
            tags=["customers"], summary="Scores and tier changes over time, newest first")
async def get_history(
    customer_id: str, limit: int = Query(200, ge=1, le=1000),
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(on_customer),
) -> schemas.HistoryOut:
    return await customers.history(session, customer_id, limit)


@router.post("/rescore", response_model=schemas.JobOut, status_code=202, tags=["scoring"],
             summary="Rescore every customer as a background job")
async def rescore_all(
    request: Request, session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage),
) -> schemas.JobOut:
    return await jobs.rescore_everyone(session, caller.subject, _now(request))


@router.get("/jobs/{job_id}", response_model=schemas.JobOut, tags=["scoring"],
            summary="Progress and result of a rescore job")
async def get_job(
    job_id: str, session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.JobOut:
    return etags.tag(await jobs.get_job(session, job_id))


@router.get("/scoring-model", response_model=schemas.ScoringModelOut, tags=["scoring"],
            summary="The active scoring model: curves, weights, thresholds")
async def get_scoring_model(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.ScoringModelOut:
    view = await scoring_models.active_model_out(session)
    return etags.tag(view, scoring_models.model_tag(view.version))


@router.put("/scoring-model", response_model=schemas.ModelApplied, tags=["scoring"],
            summary="Save a new model version, make it active and rescore everyone with it")
async def put_scoring_model(
    body: schemas.ScoringModelIn, request: Request, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(manage), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.ModelApplied:
    applied = await scoring_models.replace_model(session, body, caller.subject, _now(request), precondition)
    etags.response.headers["ETag"] = scoring_models.model_tag(applied.model.version)
    return applied


@router.post("/scoring-model/dry-run", response_model=schemas.DryRunOut, tags=["scoring"],
             summary="How many customers a model would move between tiers; nothing is saved")
async def dry_run(
    body: schemas.ScoringModelIn, request: Request, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(require(Role.ANALYST)),
) -> schemas.DryRunOut:
    return await scoring_models.dry_run(_ctx(request), session, body)


@router.post("/customers/{customer_id}/tier-overrides", response_model=schemas.OverrideOut,
             status_code=201, tags=["tier overrides"], summary="Propose a tier for a customer")
async def propose_override(
    customer_id: str, body: schemas.OverrideIn, request: Request,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(on_customer),
) -> schemas.OverrideOut:
    return await overrides.propose(_ctx(request), session, customer_id, body, scope.caller, _now(request))


@router.get("/customers/{customer_id}/tier-overrides", response_model=Page[schemas.OverrideOut],
            tags=["tier overrides"], summary="Override proposals and decisions of a customer")
async def customer_overrides(
    customer_id: str, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None, session: AsyncSession = Depends(db_session),
    scope: Scope = Depends(on_customer),
) -> Page[schemas.OverrideOut]:
    return await overrides.list_overrides(session, customer_id, None, limit, cursor, scope)


@router.get("/tier-overrides", response_model=Page[schemas.OverrideOut], tags=["tier overrides"],
            summary="Overrides by status, e.g. the proposals waiting for a manager")
async def list_overrides(
    status_filter: str | None = Query(
        None, alias="status", pattern="^(proposed|approved|rejected|expired|superseded)$"
    ),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT), cursor: str | None = None,
    session: AsyncSession = Depends(db_session), scope: Scope = Depends(overrides_scope),
) -> Page[schemas.OverrideOut]:
    return await overrides.list_overrides(session, None, status_filter, limit, cursor, scope)


@router.post("/tier-overrides/{override_id}/approve", response_model=schemas.OverrideOut,
             tags=["tier overrides"], summary="Approve a proposal (manager); the tier applies now")
async def approve_override(
    override_id: str, request: Request, body: schemas.DecisionIn | None = None,
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage),
) -> schemas.OverrideOut:
    note = body.note if body else None
    return await overrides.approve(_ctx(request), session, override_id, note, caller, _now(request))


@router.post("/tier-overrides/{override_id}/reject", response_model=schemas.OverrideOut,
             tags=["tier overrides"], summary="Reject a proposal (manager)")
async def reject_override(
    override_id: str, request: Request, body: schemas.DecisionIn | None = None,
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(manage),
) -> schemas.OverrideOut:
    note = body.note if body else None
    return await overrides.reject(session, override_id, note, caller, _now(request))


@router.get("/evaluation-policy", response_model=schemas.EvaluationPolicyOut, tags=["policy"],
            summary="Review intervals, quadrant line, churn thresholds, override validity, trend band")
async def get_evaluation_policy(
    session: AsyncSession = Depends(db_session), caller: Caller = Depends(read),
    etags: ETags = Depends(response_etags),
) -> schemas.EvaluationPolicyOut:
    view = await policy.read_policy(session)
    return etags.tag(view, policy.policy_tag(view.version))


@router.put("/evaluation-policy", response_model=schemas.EvaluationPolicyOut, tags=["policy"],
            summary="Save a new evaluation policy version (admin); 422 names a value out of range")
async def put_evaluation_policy(
    body: schemas.EvaluationPolicyDoc, request: Request, session: AsyncSession = Depends(db_session),
    caller: Caller = Depends(require(admin_only=True)), precondition: IfMatch = Depends(if_match),
    etags: ETags = Depends(response_etags),
) -> schemas.EvaluationPolicyOut:
    view = await policy.replace_policy(session, body.model_dump(mode="json"), caller.subject,
                                       _now(request), precondition)
    return etags.tag(view, policy.policy_tag(view.version))


@router.post("/monthly-snapshots", response_model=schemas.SnapshotOut, tags=["scoring"],
             summary="Build the month-end snapshot of a past month now (backfill after importing "
                     "orders); rows already there are kept")
async def post_monthly_snapshot(
    body: schemas.SnapshotIn, request: Request, caller: Caller = Depends(manage),
) -> schemas.SnapshotOut:
    return schemas.SnapshotOut(**await snapshots.snapshot_past_month(_ctx(request), body.month))
