"""The audit log; when an action's free text was redacted

Revision ID: i14b_audit_playbook
Revises: e1cda5076c83
Create Date: 2026-12-02 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op

from shared.audit import create_audit_log, drop_audit_log

revision: str = 'i14b_audit_playbook'
down_revision: str | None = 'i14a_access_a81b4dbf49d3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_log(op)
    with op.batch_alter_table('care_actions') as batch:
        batch.add_column(sa.Column('redacted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('care_actions') as batch:
        batch.drop_column('redacted_at')
    drop_audit_log(op)
