"""Addresses that bounced for good, and the digest of the address each message went to

Revision ID: dsn_undeliverable_addresses
Revises: i14b_audit_notification
Create Date: 2026-12-02 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'dsn_undeliverable_addresses'
down_revision: str | None = 'i14b_audit_notification'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('messages', sa.Column('address_digest', sa.String(length=64), nullable=True))
    op.create_table(
        'undeliverable_addresses',
        sa.Column('recipient_kind', sa.String(length=10), nullable=False),
        sa.Column('recipient', sa.String(length=100), nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('address_digest', sa.String(length=64), nullable=False),
        sa.Column('message_id', sa.String(length=36), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('bounced_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('recipient_kind', 'recipient', 'channel', 'address_digest'),
    )


def downgrade() -> None:
    op.drop_table('undeliverable_addresses')
    op.drop_column('messages', 'address_digest')
