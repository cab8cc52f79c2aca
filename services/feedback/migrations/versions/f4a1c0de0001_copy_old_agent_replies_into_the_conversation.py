"""copy agent replies of tickets opened before the conversation into ticket_messages

Revision ID: f4a1c0de0001
Revises: 6bd29d20105c
Create Date: 2026-12-02 11:05:00

Before revision 210729d11afa an agent's reply (`POST .../responses`) was kept only in the ticket's
history: a `responded` row whose detail holds the message. Since then each reply is also a row of
`ticket_messages`, written in the same transaction with the same time, author and text. This data
migration copies every reply that has no such row yet, so the conversation of an older ticket shows
its replies too. The conversation's index becomes (ticket, time, id): the order it is read in, and
what finds a reply already copied. A reply already in the conversation (answered since, or copied by an earlier run)
matches on ticket, time and text and is left alone: running it again copies nothing twice.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f4a1c0de0001"
down_revision: str | None = "i14b_audit_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables as they stand at this revision (not the models, which may move on).
history = sa.table(
    "ticket_history",
    sa.column("id", sa.BigInteger),
    sa.column("ticket_id", sa.String),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("detail", sa.JSON),
)
messages = sa.table(
    "ticket_messages",
    sa.column("ticket_id", sa.String),
    sa.column("author", sa.String),
    sa.column("actor", sa.String),
    sa.column("channel", sa.String),
    sa.column("body", sa.Text),
    sa.column("at", sa.DateTime(timezone=True)),
)


def copy_old_replies() -> sa.Insert:
    """INSERT ... SELECT of every `responded` history row whose reply the conversation lacks."""
    body = history.c.detail["message"].as_string()
    channel = history.c.detail["channel"].as_string()
    in_conversation = (
        sa.select(sa.literal(1))
        .select_from(messages)
        .where(
            messages.c.ticket_id == history.c.ticket_id,
            messages.c.author == "agent",
            messages.c.at == history.c.at,
            messages.c.body == body,
        )
        .exists()
    )
    replies = (
        sa.select(history.c.ticket_id, sa.literal("agent"), history.c.actor, channel, body, history.c.at)
        .where(history.c.action == "responded", body.is_not(None), body != "", ~in_conversation)
        .order_by(history.c.ticket_id, history.c.at, history.c.id)
    )
    return messages.insert().from_select(["ticket_id", "author", "actor", "channel", "body", "at"], replies)


def upgrade() -> None:
    # The conversation is read in time order; the same index finds a reply already copied.
    with op.batch_alter_table("ticket_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_messages_ticket")
        batch_op.create_index("ix_ticket_messages_ticket_at", ["ticket_id", "at", "id"], unique=False)
    op.execute(copy_old_replies())


def downgrade() -> None:
    # The copies are ordinary conversation rows, valid at the revision before as well; a copied
    # reply cannot be told from one written since, so going back leaves the conversation as it is.
    with op.batch_alter_table("ticket_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_messages_ticket_at")
        batch_op.create_index("ix_ticket_messages_ticket", ["ticket_id", "id"], unique=False)
