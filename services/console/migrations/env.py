from alembic import context

from services.console.models import Base
from shared.migrations import run_env

run_env(context, Base.metadata)
