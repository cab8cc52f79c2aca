"""The data migration that announces the assignee and team of every ticket assigned before
`ticket-assigned` existed (docs/design.md §11): tickets assigned and moved through the service, their
events gone as if never published, the revision before, upgrade: one `ticket-assigned` per assigned
ticket in the outbox, valid against its schema, dated by the ticket's last assignment."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from services.feedback.app import create_app
from services.feedback.settings import feedback_settings
from shared.db import Database, alembic_config
from shared.events.envelope import parse_event
from shared.rfc3339 import parse_time
from tests.integration.feedback.helpers import MANAGER, new_id, open_ticket, post
from tests.support import TEST_JWT_SECRET, running_service

MIGRATIONS = Path(__file__).resolve().parents[3] / "services" / "feedback" / "migrations"
BEFORE = "f4a1c0de0001"  # the revision before the announcement
ANNOUNCE = "tb_announce_ticket_assignments"


async def _alembic(db: Database, step: str, revision: str) -> None:
    def run(sync_connection) -> None:
        config = alembic_config(MIGRATIONS)
        config.attributes["connection"] = sync_connection
        getattr(command, step)(config, revision)

    async with db.engine.begin() as conn:
        await conn.run_sync(run)


async def test_tickets_assigned_before_the_event_are_announced_once_each(each_database, broker):
    url = each_database
    # The HTTP API only: no relay, and no consumer joining the run's consumer group.
    settings = feedback_settings(database_url=url, kafka_bootstrap=broker.bootstrap, run_workers=False,
                                 run_relay=False, run_consumers=False, jwt_secret=TEST_JWT_SECRET)
    customer_id = new_id()
    async with running_service(create_app(settings)) as fb:
        moved = (await open_ticket(fb, customer_id))["id"]
        kept = (await open_ticket(fb, customer_id))["id"]
        waiting = (await open_ticket(fb, customer_id))["id"]  # never assigned: nothing to announce
        await post(fb, moved, "assign", {"assignee": "agent-7"})
        last = await post(fb, moved, "assign", {"assignee": "agent-9", "team": "billing-team"},
                          headers=MANAGER)
        await post(fb, kept, "assign", {"assignee": "agent-7"})
    last_assigned = max(parse_time(h["at"]) for h in last["history"]
                        if h["action"] in ("assigned", "reassigned"))

    db = Database(url, "feedback")
    try:
        # As the revision before left them: the assignments were never announced.
        async with db.engine.begin() as conn:
            await conn.execute(text("DELETE FROM outbox"))
        await _alembic(db, "downgrade", BEFORE)
        await _alembic(db, "upgrade", ANNOUNCE)
        async with db.engine.connect() as conn:
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
            rows = (await conn.execute(text(
                "SELECT event_id, event_type, message_key, envelope, published_at, attempts FROM outbox"
            ))).all()
    finally:
        await db.dispose()
    assert version == ANNOUNCE
    announced = {}
    for row in rows:
        event = parse_event(row.envelope)  # envelope and data valid against their schemas
        assert (row.event_type, event.type) == ("ticket-assigned", "ticket-assigned")
        assert row.event_id == event.id and row.message_key == event.subject == customer_id
        assert event.source == "/crm/feedback"
        assert row.published_at is None and row.attempts == 0
        assert "description" not in event.data and "导出" not in row.envelope
        assert event.data["ticket_id"] not in announced
        announced[event.data["ticket_id"]] = event.data
    assert set(announced) == {moved, kept} and waiting not in announced
    assert (announced[moved]["assignee"], announced[moved]["team"]) == ("agent-9", "billing-team")
    assert (announced[kept]["assignee"], announced[kept]["team"]) == ("agent-7", "tech-support")
    assert parse_time(announced[moved]["assigned_at"]) == last_assigned
    assert announced[moved]["previous_assignee"] is None and announced[moved]["previous_team"] is None
