"""Use cases on customer records: profile, contacts, orders, interactions, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import schemas
from services.segmentation.models import (
    ChurnSignalRow,
    ComplaintRow,
    ContactRow,
    CustomerRow,
    InteractionRow,
    OrderRow,
    SatisfactionRow,
    ScoreHistoryRow,
    ScoreRow,
    TierChangeRow,
    TierOverrideRow,
)
from services.segmentation.service.overrides import override_out
from shared.auth import Caller, mask_email, mask_phone
from shared.errors import Conflict, NotFound
from shared.merge_patch import merged
from shared.pagination import Page, decode_cursor, page_of
from shared.preconditions import NO_PRECONDITION, IfMatch, representation_tag


async def _require_customer(session: AsyncSession, customer_id: str) -> CustomerRow:
    customer = await session.get(CustomerRow, customer_id)
    if customer is None:
        raise NotFound(f"customer {customer_id!r} does not exist")
    return customer


async def upsert_customer(
    session: AsyncSession, customer_id: str, body: schemas.CustomerIn, caller: Caller,
    precondition: IfMatch = NO_PRECONDITION,
) -> tuple[CustomerRow, bool]:
    """Create or replace the profile; contacts are replaced as a whole. Returns (row, created)."""
    now = datetime.now(UTC)
    async with session.begin():
        customer = await session.get(CustomerRow, customer_id, with_for_update=True)
        await _check_precondition(session, customer, caller, precondition, now)
        created = customer is None
        if created:
            # New customers are scored by the scheduler right away.
            customer = CustomerRow(id=customer_id, created_at=now, next_evaluation_at=now)
            session.add(customer)
        await _store_profile(session, customer, body, now)
    return customer, created


async def patch_customer(
    session: AsyncSession, customer_id: str, patch: dict, caller: Caller,
    precondition: IfMatch = NO_PRECONDITION,
) -> CustomerRow:
    """Change the fields a merge patch names and keep the others; the result is validated as a
    full profile. Contacts, a list, are replaced as a whole when the patch names them."""
    now = datetime.now(UTC)
    async with session.begin():
        customer = await session.get(CustomerRow, customer_id, with_for_update=True)
        if customer is None:
            raise NotFound(f"customer {customer_id!r} does not exist")
        await _check_precondition(session, customer, caller, precondition, now)
        contacts = (await session.scalars(
            select(ContactRow).where(ContactRow.customer_id == customer_id).order_by(ContactRow.id)
        )).all()
        stored = {
            "name": customer.name, "industry": customer.industry, "size": customer.size,
            "since": customer.since, "growth_pct": customer.growth_pct,
            "repurchase_rate": customer.repurchase_rate, "owner": customer.owner,
            "contacts": [{"name": c.name, "title": c.title, "phone": c.phone, "email": c.email}
                         for c in contacts],
        }
        await _store_profile(session, customer, merged(schemas.CustomerIn, stored, patch), now)
    return customer


async def _check_precondition(
    session: AsyncSession, customer: CustomerRow | None, caller: Caller, precondition: IfMatch,
    now: datetime,
) -> None:
    """If-Match against the profile as this caller reads it, under the row lock the write holds."""
    if not (precondition.given or precondition.required):
        return
    current = None
    if customer is not None:
        current = representation_tag(await _customer_view(session, customer.id, caller, now))
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
    customer.updated_at = now
    await session.flush()
    await session.execute(delete(ContactRow).where(ContactRow.customer_id == customer.id))
    session.add_all(
        ContactRow(customer_id=customer.id, **contact.model_dump()) for contact in body.contacts
    )


def contact_out(row: ContactRow, caller: Caller) -> schemas.ContactOut:
    if caller.can_read_pii:
        return schemas.ContactOut(name=row.name, title=row.title, phone=row.phone, email=row.email)
    return schemas.ContactOut(
        name=row.name, title=row.title, phone=mask_phone(row.phone), email=mask_email(row.email)
    )


async def customer_view(session: AsyncSession, customer_id: str, caller: Caller) -> schemas.CustomerOut:
    async with session.begin():
        return await _customer_view(session, customer_id, caller, datetime.now(UTC))


async def _customer_view(
    session: AsyncSession, customer_id: str, caller: Caller, now: datetime
) -> schemas.CustomerOut:
    """The profile as this caller may read it, inside the caller's transaction."""
    # Customer and score in one statement: under READ COMMITTED two reads could straddle a
    # scheduler commit and show a new score beside the old next evaluation date.
    found = (await session.execute(
        select(CustomerRow, ScoreRow)
        .outerjoin(ScoreRow, ScoreRow.customer_id == CustomerRow.id)
        .where(CustomerRow.id == customer_id)
    )).one_or_none()
    if found is None:
        raise NotFound(f"customer {customer_id!r} does not exist")
    customer, score = found
    contacts = (await session.scalars(
        select(ContactRow).where(ContactRow.customer_id == customer_id).order_by(ContactRow.id)
    )).all()
    override = await session.scalar(
        select(TierOverrideRow)
        .where(
            TierOverrideRow.customer_id == customer_id,
            ((TierOverrideRow.status == "approved") & (TierOverrideRow.expires_at > now))
            | (TierOverrideRow.status == "proposed"),
        )
        .order_by(TierOverrideRow.status, TierOverrideRow.proposed_at.desc())
        .limit(1)
    )
    signals = (await session.scalars(
        select(ChurnSignalRow).where(ChurnSignalRow.customer_id == customer_id)
    )).all()
    satisfaction = await session.get(SatisfactionRow, customer_id)
    p1 = await session.scalar(
        select(func.count()).select_from(ComplaintRow).where(
            ComplaintRow.customer_id == customer_id, ComplaintRow.priority == "P1",
            ComplaintRow.opened_at > now - timedelta(days=365),
        )
    )
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
        repurchase_rate=customer.repurchase_rate, owner=customer.owner,
        contacts=[contact_out(c, caller) for c in contacts],
        created_at=customer.created_at, updated_at=customer.updated_at,
        next_evaluation_at=customer.next_evaluation_at,
        score=score_out,
        override=override_out(override),
        churn_risk=[schemas.ChurnRiskOut(code=s.code, detail=s.detail, detected_at=s.detected_at)
                    for s in signals],
        satisfaction=schemas.SatisfactionOut.model_validate(satisfaction, from_attributes=True)
        if satisfaction else None,
        open_p1_complaints_12m=int(p1 or 0),
    )


async def list_customers(
    session: AsyncSession, tier: str | None, quadrant: str | None, owner: str | None,
    limit: int, cursor: str | None,
) -> Page[schemas.CustomerSummary]:
    position = decode_cursor(cursor)
    query = (
        select(CustomerRow.id, CustomerRow.name, CustomerRow.owner, ScoreRow.value, ScoreRow.tier,
               ScoreRow.quadrant)
        .outerjoin(ScoreRow, ScoreRow.customer_id == CustomerRow.id)
        .order_by(CustomerRow.id)
        .limit(limit + 1)
    )
    if tier:
        query = query.where(ScoreRow.tier == tier)
    if quadrant:
        query = query.where(ScoreRow.quadrant == quadrant)
    if owner:
        query = query.where(CustomerRow.owner == owner)
    if position:
        query = query.where(CustomerRow.id > str(position.get("id", "")))
    async with session.begin():
        rows = (await session.execute(query)).all()
    items = [
        schemas.CustomerSummary(id=r[0], name=r[1], owner=r[2], score=r[3], tier=r[4], quadrant=r[5])
        for r in rows
    ]
    return page_of(items, limit, lambda item: {"id": item.id})


async def add_orders(
    session: AsyncSession, customer_id: str, orders: list[schemas.OrderIn]
) -> schemas.OrdersAccepted:
    """Store new orders; an order id seen before is reported, not counted twice."""
    ids = [o.order_id for o in orders]
    if len(set(ids)) != len(ids):
        raise Conflict("the same order_id appears twice in the request", field="order_id")
    async with session.begin():
        await _require_customer(session, customer_id)
        existing = {
            row.order_id: row.customer_id
            for row in (await session.execute(
                select(OrderRow.order_id, OrderRow.customer_id).where(OrderRow.order_id.in_(ids))
            )).all()
        }
        foreign = [oid for oid, owner in existing.items() if owner != customer_id]
        if foreign:
            raise Conflict(f"order {foreign[0]!r} belongs to another customer", field="order_id")
        fresh = [o for o in orders if o.order_id not in existing]
        if fresh:
            await session.execute(
                OrderRow.__table__.insert(),
                [{"order_id": o.order_id, "customer_id": customer_id, "amount": o.amount,
                  "ordered_at": o.ordered_at} for o in fresh],
            )
    return schemas.OrdersAccepted(accepted=len(fresh), duplicates=sorted(existing))


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
        scores = (await session.scalars(
            select(ScoreHistoryRow).where(ScoreHistoryRow.customer_id == customer_id)
            .order_by(ScoreHistoryRow.computed_at.desc(), ScoreHistoryRow.id.desc()).limit(limit)
        )).all()
        changes = (await session.scalars(
            select(TierChangeRow).where(TierChangeRow.customer_id == customer_id)
            .order_by(TierChangeRow.changed_at.desc(), TierChangeRow.id.desc()).limit(limit)
        )).all()
    return schemas.HistoryOut(
        customer_id=customer_id,
        scores=[schemas.HistoryScore.model_validate(s, from_attributes=True) for s in scores],
        tier_changes=[schemas.HistoryTierChange.model_validate(c, from_attributes=True)
                      for c in changes],
    )
