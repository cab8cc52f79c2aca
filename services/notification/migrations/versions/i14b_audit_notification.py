"""The audit log

Revision ID: i14b_audit_notification
Revises: 26428b88e0cc
Create Date: 2026-12-02 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op

from shared.audit import create_audit_log, drop_audit_log

revision: str = 'i14b_audit_notification'
down_revision: str | None = 'i14a_access_1d605c70ec74'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_audit_log(op)


def downgrade() -> None:
    drop_audit_log(op)
