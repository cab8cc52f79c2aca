"""announce every existing customer's owner and team (customer-assigned)

Revision ID: bf_announce_existing_assignments
Revises: i14b_audit_segmentation
Create Date: 2026-12-02 12:30:00

Survey, feedback, playbook and notification know a customer's owner and team only from the
`customer-assigned` event (their `customer_access` projection, docs/design.md §11). Customers created
before that event existed were never announced, so those services treated them as unassigned. This
data migration appends one `customer-assigned` per existing customer to the outbox, built by the
same code as the service's own events (`new_event`, `Event.to_json`), in batches; the relay then
publishes them. Customers without an owner are announced too (owner null); previous owner and team
are null, `assigned_at` is the time of the migration. Consumers apply each event once and keep the
newest owner and team as an upsert, so an announcement repeated by a second run is harmless.

On PostgreSQL the customers are read FOR SHARE: a replica of the previous version changing an owner
meanwhile waits for this transaction, and its event follows the announcement in the outbox.

Downgrade: nothing to undo (the events are published, or will be; the projections they fill are
correct at any revision).
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime
from shared.events.envelope import new_event
from shared.rfc3339 import format_time

revision: str = "bf_announce_existing_assignments"
down_revision: str | None = "i14b_audit_segmentation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERVICE = "segmentation"
EVENT_TYPE = "customer-assigned"
BATCH = 1000

# The tables as they stand at this revision (not the models, which may move on).
customers = sa.table(
    "customers",
    sa.column("id", sa.String),
    sa.column("owner", sa.String),
    sa.column("team", sa.String),
)
outbox = sa.table(
    "outbox",
    sa.column("event_id", sa.String),
    sa.column("event_type", sa.String),
    sa.column("message_key", sa.String),
    sa.column("envelope", sa.Text),
    sa.column("created_at", UTCDateTime),
    sa.column("attempts", sa.Integer),
)


def announcement(customer_id: str, owner: str | None, team: str | None, assigned_at: str) -> dict:
    """The outbox row of one customer's `customer-assigned`, as `Outbox.append` writes it."""
    event = new_event(
        EVENT_TYPE,
        SERVICE,
        customer_id,
        {
            "customer_id": customer_id,
            "owner": owner,
            "team": team,
            "previous_owner": None,
            "previous_team": None,
            "assigned_at": assigned_at,
        },
        None,
    )
    return {
        "event_id": event.id,
        "event_type": event.type,
        "message_key": event.subject,
        "envelope": event.to_json(),
        "created_at": event.time,
        "attempts": 0,
    }


def upgrade() -> None:
    bind = op.get_bind()
    assigned_at = format_time(datetime.now(UTC))
    columns = (customers.c.id, customers.c.owner, customers.c.team)
    page = sa.select(*columns).order_by(customers.c.id).limit(BATCH)
    if bind.dialect.name == "postgresql":
        page = page.with_for_update(read=True)
    after: str | None = None
    while True:
        query = page if after is None else page.where(customers.c.id > after)
        rows = bind.execute(query).all()
        if not rows:
            break
        bind.execute(outbox.insert(), [announcement(r.id, r.owner, r.team, assigned_at) for r in rows])
        after = rows[-1].id
        if len(rows) < BATCH:
            break


def downgrade() -> None:
    # Nothing to undo: announcing the current owner and team is right at the revision before as well.
    pass
