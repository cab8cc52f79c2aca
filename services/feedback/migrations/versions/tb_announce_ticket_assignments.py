"""announce the assignee and team of every ticket assigned before ticket-assigned existed

Revision ID: tb_announce_ticket_assignments
Revises: f4a1c0de0001
Create Date: 2026-12-02 15:30:00

Segmentation lets an agent read the summary of the customers of the tickets assigned to it, and
follows a ticket moved to another team's queue, from the `ticket-assigned` event (docs/design.md §11).
Tickets assigned before that event existed were never announced: their assignee saw the ticket but
not its customer, and a ticket moved to another queue still counted for the old team. This data
migration appends one `ticket-assigned` per ticket with an assignee to the outbox, built by the same
code as the service's own events (`new_event`, `Event.to_json`), in batches; the relay then publishes
them. `assigned_at` is the time of the ticket's last assignment in its history (its last update when
the history has none), previous assignee and team are null. Segmentation keeps the newest assignment
by `assigned_at`, so an announcement repeated by a second run, or arriving after a newer assignment,
changes nothing.

Downgrade: nothing to undo (the events are published, or will be; the read model they fill is
correct at any revision).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime
from shared.events.envelope import new_event
from shared.rfc3339 import format_time

revision: str = "tb_announce_ticket_assignments"
down_revision: str | None = "f4a1c0de0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERVICE = "feedback"
EVENT_TYPE = "ticket-assigned"
BATCH = 1000

# The tables as they stand at this revision (not the models, which may move on).
tickets = sa.table(
    "tickets",
    sa.column("id", sa.String),
    sa.column("customer_id", sa.String),
    sa.column("priority", sa.String),
    sa.column("tier", sa.String),
    sa.column("team", sa.String),
    sa.column("assignee", sa.String),
    sa.column("updated_at", UTCDateTime),
)
history = sa.table(
    "ticket_history",
    sa.column("ticket_id", sa.String),
    sa.column("at", UTCDateTime),
    sa.column("action", sa.String),
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


def announcement(row) -> dict:
    """The outbox row of one ticket's `ticket-assigned`, as `Outbox.append` writes it."""
    event = new_event(
        EVENT_TYPE,
        SERVICE,
        row.customer_id,
        {
            "customer_id": row.customer_id,
            "ticket_id": row.id,
            "priority": row.priority,
            "tier": row.tier,
            "assignee": row.assignee,
            "team": row.team,
            "previous_assignee": None,
            "previous_team": None,
            "assigned_at": format_time(row.assigned_at),
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
    last_assigned = (
        sa.select(sa.func.max(history.c.at))
        .where(history.c.ticket_id == tickets.c.id, history.c.action.in_(("assigned", "reassigned")))
        .scalar_subquery()
    )
    page = (
        sa.select(
            tickets.c.id, tickets.c.customer_id, tickets.c.priority, tickets.c.tier, tickets.c.team,
            tickets.c.assignee, sa.func.coalesce(last_assigned, tickets.c.updated_at).label("assigned_at"),
        )
        .where(tickets.c.assignee.is_not(None))
        .order_by(tickets.c.id)
        .limit(BATCH)
    )
    after: str | None = None
    while True:
        query = page if after is None else page.where(tickets.c.id > after)
        rows = bind.execute(query).all()
        if not rows:
            break
        bind.execute(outbox.insert(), [announcement(row) for row in rows])
        after = rows[-1].id
        if len(rows) < BATCH:
            break


def downgrade() -> None:
    # Nothing to undo: announcing the current assignee and team is right at the revision before as well.
    pass
