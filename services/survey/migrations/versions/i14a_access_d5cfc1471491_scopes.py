"""access scopes: customer owner and team

Revision ID: i14a_access_d5cfc1471491
Revises: 30e68f07940f
Create Date: 2026-12-02 10:53:25.136793
"""

from collections.abc import Sequence

from alembic import op

from shared.access import create_customer_access, drop_customer_access

revision: str = 'i14a_access_d5cfc1471491'
down_revision: str | None = '30e68f07940f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_customer_access(op)


def downgrade() -> None:
    drop_customer_access(op)
