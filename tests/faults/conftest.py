"""Fixtures of the fault suites."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from tests.conftest import PG_ADMIN_DSN


@pytest.fixture
async def own_database():
    """A database of the test's own (a killed process must not leave locks on the shared one)."""
    name = f"crm_kill_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    yield f"postgresql+asyncpg://postgres@{host}/{name}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()
