"""contact outcomes of notification messages

Revision ID: e1cda5076c83
Revises: f3b2213f0ff9
Create Date: 2026-12-02 06:03:37.337877
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e1cda5076c83'
down_revision: str | None = 'f3b2213f0ff9'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint('uq_contacts_message_id', ['message_id'])


def downgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_constraint('uq_contacts_message_id', type_='unique')
        batch_op.drop_column('message_id')
