"""access scopes: customer owner and team

Revision ID: i14a_access_6a6a2af4efb5
Revises: 6bd29d20105c
Create Date: 2026-12-02 10:53:21.187354
"""

from collections.abc import Sequence

from alembic import op

from shared.access import create_customer_access, drop_customer_access

revision: str = 'i14a_access_6a6a2af4efb5'
down_revision: str | None = '6bd29d20105c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_customer_access(op)


def downgrade() -> None:
    drop_customer_access(op)
