"""Use cases on customer records: profile, contacts, orders, interactions, history."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, schemas, snapshot_repository
from services.segmentation.domain.signals import trend
from services.segmentation.models import (
    ContactRow,
    CustomerRow,
    InteractionRow,
    SatisfactionRow,
)
from services.segmentation.service.overrides import override_out
from services.segmentation.service.policy import current_policy
from services.segmentation.service.scoring import rescore_customer, rescore_in_transaction
from shared import audit
from shared.access import Scope, ensure_in_scope
from shared.app import ServiceContext
from shared.auth import Caller, mask_email, mask_phone
from shared.business_time import first_of_month, local_date
from shared.db import again_on_deadlock
from shared.errors import Conflict, NotFound
from shared.merge_patch import merged
from shared.pagination import Page
from shared.preconditions import NO_PRECONDITION, IfMatch, representation_tag
from shared.rfc3339 import format_time


async def _require_customer(session: AsyncSession, customer_id: str) -> CustomerRow:
    customer = await session.get(CustomerRow, customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id!r} does not exist")
    return customer


async def put_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, body: schemas.CustomerIn,
    scope: Scope, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> tuple[schemas.CustomerOut, bool]:
    """Create or replace the profile; returns its view and whether it was created."""
    _, created = await again_on_deadlock(
        lambda: upsert_customer(ctx, session, customer_id, body, scope, now, precondition), "customer-put")
    return await customer_view(ctx, session, customer_id, scope.caller), created


async def edit_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, patch: dict, scope: Scope,
    now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> schemas.CustomerOut:
    """Change the profile fields a merge patch names; returns the profile's view."""
    await again_on_deadlock(
        lambda: patch_customer(ctx, session, customer_id, patch, scope, now, precondition), "customer-edit")
    return await customer_view(ctx, session, customer_id, scope.caller)


async def rescore(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, caller: Caller, now: datetime
) -> schemas.ScoreOut:
    """Rescore one customer now (a review on request) and answer with the score as its profile
    shows it."""
    await again_on_deadlock(lambda: rescore_customer(ctx, session, customer_id, now), "rescore")
    view = await customer_view(ctx, session, customer_id, caller)
    assert view.score is not None
    return view.score


async def upsert_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, body: schemas.CustomerIn,
    scope: Scope, now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> tuple[CustomerRow, bool]:
    """Create or replace the profile; contacts are replaced as a whole. Returns (row, created).
    A new owner or team needs a manager (403 naming the field); another's customer is a 404."""
    async with session.begin():
        customer = await session.get(CustomerRow, customer_id, with_for_update=True)
        before = _assignment(customer)
        scope.check_assignment(body.owner, body.team, before)
        await _ensure_visible(session, scope, customer)
        await _check_precondition(ctx, session, customer, scope.caller, precondition, now)
        created = customer is None
        if created:
            # New customers are scored by the scheduler right away.
            customer = CustomerRow(id=customer_id, created_at=now, next_evaluation_at=now)
            session.add(customer)
        profile_before = None if created else await _audited_profile(session, customer)
        await _store_profile(session, customer, body, now)
        await _publish_assignment(ctx, session, customer, before, now)
        await _audit_profile(session, customer, profile_before, body, scope.caller, now)
    return customer, created


def _assignment(customer: CustomerRow | None) -> tuple[str | None, str | None] | None:
    """The stored (owner, team); None for a customer not created yet."""
    return None if customer is None else (customer.owner, customer.team)


async def _ensure_visible(session: AsyncSession, scope: Scope, customer: CustomerRow | None) -> None:
    """404 for a customer out of the caller's scope, as if it did not exist (docs/design.md §11)."""
    if customer is not None:
        await ensure_in_scope(session, repository.customer_in_scope(scope, customer.id),
                              f"customer {customer.id!r} does not exist")


async def _publish_assignment(
    ctx: ServiceContext, session: AsyncSession, customer: CustomerRow,
    before: tuple[str | None, str | None] | None, now: datetime,
) -> None:
    """`customer-assigned` when a customer is created or changes owner or team: the other services
    keep its owner and team to apply the same scopes (docs/design.md §11)."""
    if before == (customer.owner, customer.team):
        return
    await ctx.outbox.append(session, "customer-assigned", customer.id, {
        "customer_id": customer.id, "owner": customer.owner, "team": customer.team,
        "previous_owner": before[0] if before else None, "previous_team": before[1] if before else None,
        "assigned_at": format_time(now)})


async def patch_customer(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, patch: dict, scope: Scope,
    now: datetime, precondition: IfMatch = NO_PRECONDITION,
) -> CustomerRow:
    """Change the fields a merge patch names and keep the others; the result is validated as a
    full profile. Contacts, a list, are replaced as a whole when the patch names them."""
    async with session.begin():
        customer = await session.get(CustomerRow, customer_id, with_for_update=True)
        if customer is None:
            raise NotFound(f"customer {customer_id!r} does not exist")
        before = _assignment(customer)
        scope.check_assignment(patch.get("owner", customer.owner), patch.get("team", customer.team), before)
        await _ensure_visible(session, scope, customer)
        await _check_precondition(ctx, session, customer, scope.caller, precondition, now)
        contacts = await repository.contacts_of(session, customer_id)
        stored = {
            "name": customer.name, "industry": customer.industry, "size": customer.size,
            "since": customer.since, "growth_pct": customer.growth_pct,
            "repurchase_rate": customer.repurchase_rate, "owner": customer.owner, "team": customer.team,
            "contacts": [{"name": c.name, "title": c.title, "phone": c.phone, "email": c.email}
                         for c in contacts],
        }
        profile = merged(schemas.CustomerIn, stored, patch)
        profile_before = await _audited_profile(session, customer)
        await _store_profile(session, customer, profile, now)
        await _publish_assignment(ctx, session, customer, before, now)
        await _audit_profile(session, customer, profile_before, profile, scope.caller, now)
    return customer


async def _check_precondition(
    ctx: ServiceContext, session: AsyncSession, customer: CustomerRow | None, caller: Caller,
    precondition: IfMatch, now: datetime,
) -> None:
    """If-Match against the profile as this caller reads it, under the row lock the write holds."""
    if not (precondition.given or precondition.required):
        return
    current = None
    if customer is not None:
        current = representation_tag(await _customer_view(ctx, session, customer.id, caller, now))
    precondition.check(current)


async def _store_profile(
    session: AsyncSession, customer: CustomerRow, body: schemas.CustomerIn, now: datetime
) -> None:
    customer.name = body.name
    customer.industry = body.industry
    customer.size = body.size
    customer.since = body.since
    customer.growth_pct = body.growth_pct
    customer.repurchase_rate = body.repurchase_rate
    customer.owner = body.owner
    customer.team = body.team
    customer.updated_at = now
    await session.flush()
    await repository.delete_contacts(session, customer.id)
    session.add_all(
        ContactRow(customer_id=customer.id, **contact.model_dump()) for contact in body.contacts
    )


# Profile fields whose values the audit keeps (not personal data); for the name and the contacts
# only the fact that they changed is kept, since an audit row outlives an erasure.
_AUDITED_VALUES = ("industry", "size", "since", "growth_pct", "repurchase_rate", "owner")


async def _audited_profile(session: AsyncSession, customer: CustomerRow) -> dict:
    contacts = await repository.contacts_of(session, customer.id)
    return {
        "name": customer.name,
        **{field: getattr(customer, field) for field in _AUDITED_VALUES},
        "contacts": [(c.name, c.title, c.phone, c.email) for c in contacts],
    }


async def _audit_profile(
    session: AsyncSession, customer: CustomerRow, before: dict | None, body: schemas.CustomerIn,
    caller: Caller, now: datetime,
) -> None:
    """Audit rows for a profile write (docs/design.md §11): the profile, and its contacts when they
    changed; values only for the fields that are not personal data."""
    after = {"name": body.name, **{field: getattr(body, field) for field in _AUDITED_VALUES},
             "contacts": [(c.name, c.title, c.phone, c.email) for c in body.contacts]}
    changed = [field for field in after if before is None or before[field] != after[field]]
    if before is None or set(changed) - {"contacts"}:
        values = [f for f in changed if f in _AUDITED_VALUES]
        action = audit.AuditAction.CREATED if before is None else audit.AuditAction.CHANGED
        await audit.record(
            session, caller.subject, action, "customer", customer.id, now,
            before={f: _plain(before[f]) for f in values} if before else None,
            after={f: _plain(after[f]) for f in values},
            detail={"fields": [f for f in changed if f != "contacts"]})
    if "contacts" in changed and (before is not None or body.contacts):
        await audit.record(session, caller.subject, audit.AuditAction.CHANGED, "contact", customer.id, now,
                           detail={"contacts_before": len(before["contacts"]) if before else 0,
                                   "contacts_after": len(body.contacts)})


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def contact_out(row: ContactRow, caller: Caller) -> schemas.ContactOut:
    if caller.can_read_pii:
        return schemas.ContactOut(name=row.name, title=row.title, phone=row.phone, email=row.email)
    return schemas.ContactOut(
        name=row.name, title=row.title, phone=mask_phone(row.phone), email=mask_email(row.email)
    )


async def customer_view(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, caller: Caller
) -> schemas.CustomerOut:
    """The profile as this caller may read it; a read of unmasked contacts is audited."""
    async with session.begin():
        now = ctx.clock.now()
        view = await _customer_view(ctx, session, customer_id, caller, now)
        await audit_personal_data_read(session, customer_id, len(view.contacts), caller, now)
        return view


async def audit_personal_data_read(
    session: AsyncSession, customer_id: str, contacts: int, caller: Caller, now: datetime
) -> None:
    """Record that a `pii:read` caller saw a customer's contacts unmasked (docs/design.md §11)."""
    if contacts and caller.can_read_pii:
        await audit.record(session, caller.subject, audit.AuditAction.READ_PERSONAL_DATA, "contact",
                           customer_id, now, detail={"contacts": contacts})


async def _customer_view(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, caller: Caller, now: datetime
) -> schemas.CustomerOut:
    """The profile as this caller may read it, inside the caller's transaction."""
    customer, score = await repository.customer_with_score(session, customer_id)
    contacts = await repository.contacts_of(session, customer_id)
    override = await repository.override_shown(session, customer_id, now)
    signals = await repository.churn_signals_of(session, [customer_id])
    satisfaction = await session.get(SatisfactionRow, customer_id)
    p1 = await repository.p1_complaints_since(session, customer_id, now - timedelta(days=365))
    trend = await _trend(ctx, session, customer_id, score.value if score else None, now)
    score_out = None
    if score is not None:
        score_out = schemas.ScoreOut(
            value=score.value, tier=score.tier, computed_tier=score.computed_tier,
            quadrant=score.quadrant, model_version=score.model_version,
            computed_at=score.computed_at, components=score.components,
            amount_12m=score.amount_12m, orders_12m=score.orders_12m,
            override=override_out(override) if override and override.status == "approved" else None,
        )
    return schemas.CustomerOut(
        id=customer.id, name=customer.name, industry=customer.industry, size=customer.size,
        since=customer.since, growth_pct=customer.growth_pct,
        repurchase_rate=customer.repurchase_rate, owner=customer.owner, team=customer.team,
        contacts=[contact_out(c, caller) for c in contacts],
        created_at=customer.created_at, updated_at=customer.updated_at,
        next_evaluation_at=customer.next_evaluation_at,
        score=score_out,
        override=override_out(override),
        churn_risk=[schemas.ChurnRiskOut(code=s.code, detail=s.detail, detected_at=s.detected_at)
                    for s in signals],
        satisfaction=schemas.SatisfactionOut.model_validate(satisfaction, from_attributes=True)
        if satisfaction else None,
        open_p1_complaints_12m=p1,
        trend=trend,
    )


TREND_MONTHS = (1, 3, 6, 12)


async def _trend(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, current: float | None, now: datetime
) -> schemas.TrendOut:
    """The month-end snapshots 1, 3, 6 and 12 months ago, and the direction of the score."""
    this_month = local_date(now, ctx.clock.zone).replace(day=1)
    months = {ago: first_of_month(this_month, -ago) for ago in TREND_MONTHS}
    found = (await snapshot_repository.month_end_scores(
        session, [customer_id], list(months.values())))[customer_id]
    by_age = {ago: found[month] for ago, month in months.items() if month in found}
    result = trend(current, by_age, await current_policy(ctx, session))
    return schemas.TrendOut(m1=result.m1, m3=result.m3, m6=result.m6, m12=result.m12,
                            direction=result.direction)


async def list_customers(
    session: AsyncSession, tier: str | None, quadrant: str | None, owner: str | None,
    limit: int, cursor: str | None, scope: Scope,
) -> Page[schemas.CustomerSummary]:
    """The customers in the caller's scope (filtered in the query, so the pages stay whole)."""
    async with session.begin():
        page = await repository.list_customers(session, tier, quadrant, owner, limit, cursor,
                                               repository.customers_in_scope(scope))
    return page.map(lambda r: schemas.CustomerSummary(
        id=r.id, name=r.name, owner=r.owner, team=r.team, score=r.value, tier=r.tier, quadrant=r.quadrant))


async def tier_counts(session: AsyncSession) -> schemas.TierCountsOut:
    """How many customers each tier holds: an aggregate every role reads (docs/design.md §11)."""
    async with session.begin():
        counts = await repository.tier_counts(session)
    return schemas.TierCountsOut(
        customers=sum(counts.values()),
        tiers={tier or "unscored": count for tier, count in counts.items()})


async def add_orders(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, orders: list[schemas.OrderIn],
    now: datetime,
) -> schemas.OrdersAccepted:
    """Store new orders; an order id seen before is reported, not counted twice. In the same
    transaction the customer is rescored (docs/design.md §9: orders move the score at once; the tier
    waits for the review) and each new order is published as `order-recorded`."""
    ids = [o.order_id for o in orders]
    if len(set(ids)) != len(ids):
        raise Conflict("the same order_id appears twice in the request", field="order_id")
    return await again_on_deadlock(lambda: _add_orders_once(ctx, session, customer_id, orders, ids, now),
                                   "orders")


async def _add_orders_once(
    ctx: ServiceContext, session: AsyncSession, customer_id: str, orders: list[schemas.OrderIn],
    ids: list[str], now: datetime,
) -> schemas.OrdersAccepted:
    async with session.begin():
        # The customer first, as the rescore below locks it: two requests recording orders of one
        # customer queue here instead of deadlocking (each order's key check shares the customer
        # row; each request then adds to the same order month and locks the customer to rescore).
        if not await repository.lock_customer(session, customer_id):
            raise NotFound(f"customer {customer_id!r} does not exist")
        existing = await repository.order_owners(session, ids)
        foreign = [oid for oid, owner in existing.items() if owner != customer_id]
        if foreign:
            raise Conflict(f"order {foreign[0]!r} belongs to another customer", field="order_id")
        fresh = [o for o in orders if o.order_id not in existing]
        rescored = None
        if fresh:
            await repository.insert_orders(session, [
                {"order_id": o.order_id, "customer_id": customer_id, "amount": o.amount,
                 "ordered_at": o.ordered_at} for o in fresh], ctx.clock.zone)
            await ctx.outbox.append_many(session, [("order-recorded", customer_id, {
                "customer_id": customer_id, "order_id": o.order_id, "amount": float(o.amount),
                "ordered_at": format_time(o.ordered_at), "recorded_at": format_time(now),
            }) for o in fresh])
            rescored = await rescore_in_transaction(ctx, session, [customer_id], now, "order")
    return schemas.OrdersAccepted(accepted=len(fresh), duplicates=sorted(existing),
                                  score_changed=bool(rescored and rescored.changed))


async def list_orders(
    session: AsyncSession, customer_id: str, limit: int, cursor: str | None
) -> Page[schemas.OrderOut]:
    """A customer's orders, newest first (404 for an unknown customer, like its profile)."""
    async with session.begin():
        await _require_customer(session, customer_id)
        page = await repository.orders_of(session, customer_id, limit, cursor)
    return page.map(lambda o: schemas.OrderOut(order_id=o.order_id, amount=float(o.amount),
                                               ordered_at=o.ordered_at))


async def add_interactions(
    session: AsyncSession, customer_id: str, interactions: list[schemas.InteractionIn]
) -> list[schemas.InteractionOut]:
    async with session.begin():
        await _require_customer(session, customer_id)
        rows = [InteractionRow(customer_id=customer_id, kind=i.kind.value,
                               occurred_at=i.occurred_at, opened=i.opened) for i in interactions]
        session.add_all(rows)
        await session.flush()
    return [schemas.InteractionOut(id=r.id, customer_id=customer_id, kind=r.kind,
                                   occurred_at=r.occurred_at, opened=r.opened) for r in rows]


async def history(session: AsyncSession, customer_id: str, limit: int) -> schemas.HistoryOut:
    async with session.begin():
        await _require_customer(session, customer_id)
        month_ends = await snapshot_repository.month_ends_of(session, customer_id, limit)
        scores = await repository.score_history_of(session, customer_id, limit)
        changes = await repository.tier_changes_of(session, customer_id, limit)
    return schemas.HistoryOut(
        customer_id=customer_id,
        scores=[schemas.HistoryScore.model_validate(s, from_attributes=True) for s in scores],
        tier_changes=[schemas.HistoryTierChange.model_validate(c, from_attributes=True)
                      for c in changes],
        month_ends=[schemas.MonthEndScore(month=m.month.strftime("%Y-%m"), value=m.value, tier=m.tier,
                                          computed_tier=m.computed_tier, quadrant=m.quadrant)
                    for m in month_ends],
    )


async def contact_address(
    session: AsyncSession, customer_id: str, caller: Caller, now: datetime
) -> schemas.ContactAddressOut:
    """The first contact that has an e-mail address or a phone number (the notification service
    asks at send time, so an address is never copied into its events or tables). The read is
    audited: an address is unmasked personal data."""
    async with session.begin():
        if await session.get(CustomerRow, customer_id) is None:
            raise NotFound(f"customer {customer_id!r} does not exist")
        contact = await repository.first_reachable_contact(session, customer_id)
        if contact is not None:
            await audit.record(session, caller.subject, audit.AuditAction.READ_PERSONAL_DATA, "contact",
                               customer_id, now, detail={"contacts": 1, "purpose": "contact-address"})
    if contact is None:
        return schemas.ContactAddressOut(customer_id=customer_id)
    return schemas.ContactAddressOut(customer_id=customer_id, name=contact.name, email=contact.email,
                                     phone=contact.phone)
