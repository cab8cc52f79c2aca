"""access scopes: customer owner and team

Revision ID: i14a_access_a81b4dbf49d3
Revises: e1cda5076c83
Create Date: 2026-12-02 10:53:23.434889
"""

from collections.abc import Sequence

from alembic import op

from shared.access import create_customer_access, drop_customer_access

revision: str = 'i14a_access_a81b4dbf49d3'
down_revision: str | None = 'e1cda5076c83'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_customer_access(op)
    # The owners this service already knew (from score-updated) until customer-assigned arrives.
    op.execute(
        "INSERT INTO customer_access (customer_id, owner, team) SELECT customer_id, owner, NULL FROM customers"
    )


def downgrade() -> None:
    drop_customer_access(op)
