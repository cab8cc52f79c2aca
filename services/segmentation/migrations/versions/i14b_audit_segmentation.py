"""The audit log, erasures and their confirmations

Revision ID: i14b_audit_segmentation
Revises: abcd889a6580
Create Date: 2026-12-02 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op

from shared.audit import create_audit_log, drop_audit_log

revision: str = 'i14b_audit_segmentation'
down_revision: str | None = 'i14a_access_f8575a1a3def'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_log(op)

    op.create_table('erasures',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('customer_id', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.String(length=200), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('customer_id', name='uq_erasures_customer')
    )
    op.create_table('erasure_confirmations',
    sa.Column('erasure_id', sa.String(length=36), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('redacted', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['erasure_id'], ['erasures.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('erasure_id', 'service')
    )


def downgrade() -> None:
    op.drop_table('erasure_confirmations')
    op.drop_table('erasures')
    drop_audit_log(op)
