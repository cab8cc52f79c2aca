"""Erasure of a customer's personal data (docs/design.md §11, PIPL / GDPR right to deletion).

Segmentation removes the contacts and anonymises the profile in one transaction that also stores
the erasure, its own confirmation, the audit row and the `customer-erased` event (outbox): after a
crash either all of it is there and the relay publishes the event, or none of it and the request
is repeated. Every other service redacts what it holds on that event and answers with
`customer-erasure-confirmed`; the erasure is complete when each of them has confirmed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.segmentation import repository, schemas
from services.segmentation.models import (
    CustomerRow,
    ErasureConfirmationRow,
    ErasureRow,
    TierOverrideRow,
)
from shared import audit
from shared.app import ServiceContext
from shared.auth import Caller
from shared.db import PerDialect
from shared.erasure import forget_stored_responses
from shared.errors import NotFound
from shared.rfc3339 import format_time, parse_time

SERVICE = "segmentation"
# The services that hold data about a customer and must confirm its erasure (docs/design.md §1).
CONFIRMING_SERVICES = ("survey", "feedback", "playbook", "notification")
ERASED_NAME = "(erased)"
ERASED_TEXT = "(erased)"

_RECORD_CONFIRMATION = PerDialect(
    lambda insert: insert(ErasureConfirmationRow).on_conflict_do_nothing(
        index_elements=["erasure_id", "service"]
    )
)


async def erase_customer(
    ctx: ServiceContext,
    session: AsyncSession,
    customer_id: str,
    reason: str,
    caller: Caller,
    now: datetime,
) -> schemas.ErasureOut:
    """Erase the customer's personal data here and ask every service to do the same; a second
    request answers with the erasure already made."""
    async with session.begin():
        existing = await session.scalar(select(ErasureRow).where(ErasureRow.customer_id == customer_id))
        if existing is not None:
            return await _view(session, existing)
        customer = await session.get(CustomerRow, customer_id, with_for_update=True)
        if customer is None:
            raise NotFound(f"customer {customer_id!r} does not exist")
        erasure = ErasureRow(
            id=str(uuid.uuid4()),
            customer_id=customer_id,
            reason=reason,
            requested_by=caller.subject,
            requested_at=now,
        )
        session.add(erasure)
        redacted = await _anonymise(session, customer, now)
        redacted["stored_responses"] = await forget_stored_responses(ctx, session, customer_id)
        await session.flush()
        session.add(
            ErasureConfirmationRow(
                erasure_id=erasure.id, service=SERVICE, confirmed_at=now, redacted=redacted
            )
        )
        await audit.record(
            session,
            caller.subject,
            audit.AuditAction.ERASED,
            "customer",
            customer_id,
            now,
            detail={"erasure_id": erasure.id, "reason": reason, "redacted": redacted},
        )
        await ctx.outbox.append(
            session,
            "customer-erased",
            customer_id,
            {
                "customer_id": customer_id,
                "erasure_id": erasure.id,
                "requested_at": format_time(now),
            },
        )
        return await _view(session, erasure)


async def _anonymise(session: AsyncSession, customer: CustomerRow, now: datetime) -> dict[str, int]:
    """Contacts removed; the name and the override texts replaced. Tier, scores, orders and figures
    stay: they are not personal data and the aggregates need them."""
    contacts = await repository.contacts_of(session, customer.id)
    await repository.delete_contacts(session, customer.id)
    customer.name = ERASED_NAME
    customer.updated_at = now
    overrides = (
        await session.scalars(select(TierOverrideRow).where(TierOverrideRow.customer_id == customer.id))
    ).all()
    for override in overrides:
        override.reason = ERASED_TEXT
        if override.decision_note:
            override.decision_note = ERASED_TEXT
    return {"contacts": len(contacts), "profiles": 1, "override_texts": len(overrides)}


async def get_erasure(session: AsyncSession, erasure_id: str) -> schemas.ErasureOut:
    async with session.begin():
        erasure = await session.get(ErasureRow, erasure_id)
        if erasure is None:
            raise NotFound(f"erasure {erasure_id!r} does not exist")
        return await _view(session, erasure)


async def record_confirmation(ctx: ServiceContext, session: AsyncSession, data: dict) -> None:
    """Record a service's confirmation (once, whatever the redelivery); the last one completes the
    erasure. Runs inside the consumer's transaction."""
    erasure = await session.get(ErasureRow, data["erasure_id"], with_for_update=True)
    if erasure is None or data["service"] == SERVICE:
        return
    await session.execute(
        _RECORD_CONFIRMATION.for_session(session),
        {
            "erasure_id": erasure.id,
            "service": data["service"],
            "confirmed_at": parse_time(data["confirmed_at"]),
            "redacted": data.get("redacted") or {},
        },
    )
    confirmed = set(
        (
            await session.scalars(
                select(ErasureConfirmationRow.service).where(ErasureConfirmationRow.erasure_id == erasure.id)
            )
        ).all()
    )
    if erasure.completed_at is None and confirmed >= set(CONFIRMING_SERVICES):
        erasure.completed_at = ctx.clock.now()


async def _view(session: AsyncSession, erasure: ErasureRow) -> schemas.ErasureOut:
    confirmations = (
        await session.scalars(
            select(ErasureConfirmationRow)
            .where(ErasureConfirmationRow.erasure_id == erasure.id)
            .order_by(ErasureConfirmationRow.confirmed_at)
        )
    ).all()
    confirmed = {c.service for c in confirmations}
    return schemas.ErasureOut(
        id=erasure.id,
        customer_id=erasure.customer_id,
        reason=erasure.reason,
        requested_by=erasure.requested_by,
        requested_at=erasure.requested_at,
        completed_at=erasure.completed_at,
        status="complete" if erasure.completed_at else "in-progress",
        confirmations=[
            schemas.ErasureConfirmationOut(
                service=c.service, confirmed_at=c.confirmed_at, redacted=c.redacted
            )
            for c in confirmations
        ],
        waiting_for=[s for s in CONFIRMING_SERVICES if s not in confirmed],
    )
