"""the survey schedule joins the platform's versioned documents (config_versions)

Revision ID: 1a25fb4d4990
Revises: 634d370559b8
Create Date: 2026-12-02 07:28:48.704188
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '1a25fb4d4990'
down_revision: str | None = '634d370559b8'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SURVEY_SCHEDULE = "survey-schedule"


def upgrade() -> None:
    op.create_table('config_versions',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'version')
    )
    # Every stored version of the schedule keeps its number, author and date.
    op.execute(
        "INSERT INTO config_versions (kind, version, definition, created_by, created_at) "
        f"SELECT '{SURVEY_SCHEDULE}', version, definition, created_by, created_at FROM schedule_versions"
    )
    op.drop_table('schedule_versions')


def downgrade() -> None:
    op.create_table('schedule_versions',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )
    op.execute(
        "INSERT INTO schedule_versions (version, definition, created_by, created_at) "
        f"SELECT version, definition, created_by, created_at FROM config_versions WHERE kind = '{SURVEY_SCHEDULE}'"
    )
    op.drop_table('config_versions')
