"""complaints: the ticket's assignee and when it was assigned (ticket-assigned)

Revision ID: ta_ticket_assignee
Revises: bf_announce_existing_assignments
Create Date: 2026-12-02 15:20:00

An agent sees the summary of the customers of the tickets assigned to it as well as of those routed
to its team (docs/design.md §11); `ticket-assigned` keeps the assignee and the team of each ticket.
Tickets assigned before this revision keep a null assignee until they are assigned again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ta_ticket_assignee"
down_revision: str | None = "bf_announce_existing_assignments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_complaints_assignee"), ["assignee"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_assignee"))
        batch_op.drop_column("assigned_at")
        batch_op.drop_column("assignee")
