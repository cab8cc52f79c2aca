"""The audit log; anonymous responses keep no customer id; when texts were redacted

Revision ID: i14b_audit_survey
Revises: 30e68f07940f
Create Date: 2026-12-02 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op

from shared.audit import create_audit_log, drop_audit_log

revision: str = 'i14b_audit_survey'
down_revision: str | None = 'i14a_access_d5cfc1471491'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_log(op)
    with op.batch_alter_table('responses') as batch:
        batch.add_column(sa.Column('redacted_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('invitations') as batch:
        batch.add_column(sa.Column('redacted_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('responses') as batch:
        batch.alter_column('customer_id', existing_type=sa.String(length=64), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('responses') as batch:
        batch.drop_column('redacted_at')
    with op.batch_alter_table('invitations') as batch:
        batch.drop_column('redacted_at')
    with op.batch_alter_table('responses') as batch:
        batch.alter_column('customer_id', existing_type=sa.String(length=64), nullable=False)
    drop_audit_log(op)
