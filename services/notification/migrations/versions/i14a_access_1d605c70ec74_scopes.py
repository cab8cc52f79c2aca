"""access scopes: customer owner and team

Revision ID: i14a_access_1d605c70ec74
Revises: 26428b88e0cc
Create Date: 2026-12-02 10:53:26.769290
"""

from collections.abc import Sequence

from alembic import op

from shared.access import create_customer_access, drop_customer_access

revision: str = 'i14a_access_1d605c70ec74'
down_revision: str | None = '26428b88e0cc'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_customer_access(op)


def downgrade() -> None:
    drop_customer_access(op)
