"""The data migration that puts the agent replies of tickets from before the conversation into it, on
PostgreSQL: rows in the old shape at the revision before, upgrade, check; a second run copies
nothing twice (docs/design.md §5 Conversation)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import delete, func, select

from services.feedback.app import create_app
from services.feedback.models import TicketHistoryRow, TicketMessageRow
from services.feedback.settings import feedback_settings
from shared.db import Database, alembic_config
from tests.integration.feedback.helpers import AGENT, get_ticket, open_ticket, post
from tests.support import TEST_JWT_SECRET, bearer, running_service

MIGRATIONS = Path(__file__).resolve().parents[3] / "services" / "feedback" / "migrations"
BEFORE = "i14b_audit_feedback"  # the revision before the copy
COPY = "f4a1c0de0001"


async def _alembic(db: Database, step: str, revision: str) -> None:
    def run(sync_connection) -> None:
        config = alembic_config(MIGRATIONS)
        config.attributes["connection"] = sync_connection
        getattr(command, step)(config, revision)

    async with db.engine.begin() as conn:
        await conn.run_sync(run)


async def _revision(db: Database) -> str:
    async with db.engine.connect() as conn:
        return (await conn.exec_driver_sql("SELECT version_num FROM alembic_version")).scalar_one()


async def _conversation(db: Database, ticket_id: str) -> list[tuple[str, str, str, str | None]]:
    async with db.session() as session:
        rows = await session.execute(
            select(TicketMessageRow.author, TicketMessageRow.body, TicketMessageRow.actor,
                   TicketMessageRow.channel)
            .where(TicketMessageRow.ticket_id == ticket_id).order_by(TicketMessageRow.id))
        return [tuple(row) for row in rows]


async def test_replies_kept_only_in_the_history_join_the_conversation_once(own_database, broker):
    settings = feedback_settings(database_url=own_database, kafka_bootstrap=broker.bootstrap,
                                 kafka_topic_prefix="old-replies.", run_workers=False,
                                 jwt_secret=TEST_JWT_SECRET)
    other_agent = bearer("agent", sub="agent-2", team="tech-support")
    async with running_service(create_app(settings)) as fb:
        old = await open_ticket(fb, description="打印机无法连接")
        await post(fb, old["id"], "responses", {"message": "请重启打印机 / Please restart it"})
        await post(fb, old["id"], "responses", {"message": "Driver 2.1 fixes it"}, headers=other_agent)
        # A ticket answered since the conversation exists: its reply is in both places already.
        recent = await open_ticket(fb, description="Export stuck at 99%")
        for message in ({"author": "agent", "body": "Looking into it", "channel": "email"},
                        {"author": "customer", "body": "Still stuck"}):
            sent = await fb.post(f"/v1/tickets/{recent['id']}/messages", json=message, headers=AGENT)
            assert sent.status_code == 201, sent.text
    db = Database(own_database, "feedback")
    try:
        # Back to the revision before, with the older ticket in the old shape: replies in the history
        # only. Later, in the old shape too, a customer message was recorded on it after the release.
        await _alembic(db, "downgrade", BEFORE)
        assert await _revision(db) == BEFORE
        async with db.session() as session, session.begin():
            await session.execute(delete(TicketMessageRow).where(TicketMessageRow.ticket_id == old["id"]))
            history = (await session.scalars(
                select(TicketHistoryRow).where(TicketHistoryRow.ticket_id == old["id"],
                                               TicketHistoryRow.action == "responded")
                .order_by(TicketHistoryRow.id))).all()
            replied_at = [h.at for h in history]
            later = max(replied_at) + timedelta(minutes=5)
            session.add(TicketMessageRow(ticket_id=old["id"], author="customer", actor="agent-1",
                                         channel="phone", body="还是连不上", at=later))
        assert len(replied_at) == 2
        assert await _conversation(db, old["id"]) == [("customer", "还是连不上", "agent-1", "phone")]

        await _alembic(db, "upgrade", COPY)
        assert await _revision(db) == COPY
        assert await _conversation(db, old["id"]) == [
            ("customer", "还是连不上", "agent-1", "phone"),
            ("agent", "请重启打印机 / Please restart it", "agent-1", None),
            ("agent", "Driver 2.1 fixes it", "agent-2", None),
        ]
        assert await _conversation(db, recent["id"]) == [
            ("agent", "Looking into it", "agent-1", "email"), ("customer", "Still stuck", "agent-1", None)]
        async with db.session() as session:
            copied = (await session.scalars(
                select(TicketMessageRow.at).where(TicketMessageRow.ticket_id == old["id"],
                                                  TicketMessageRow.author == "agent")
                .order_by(TicketMessageRow.id))).all()
        assert copied == replied_at  # each at the time it was sent

        # Run again (a restored database, a second replica racing): nothing is copied twice.
        await _alembic(db, "downgrade", BEFORE)
        await _alembic(db, "upgrade", COPY)
        async with db.session() as session:
            counts = dict((await session.execute(
                select(TicketMessageRow.ticket_id, func.count()).where(
                    TicketMessageRow.ticket_id.in_([old["id"], recent["id"]]))
                .group_by(TicketMessageRow.ticket_id))).all())
        assert counts == {old["id"]: 3, recent["id"]: 2}
    finally:
        await db.dispose()

    # The service reads the conversation in the order it happened, the copies before the later message.
    # (Reading needs neither the relay nor the consumers: without them the service also stops at once.)
    reader = settings.model_copy(update={"run_relay": False, "run_consumers": False})
    async with running_service(create_app(reader)) as fb:
        shown = await get_ticket(fb, old["id"])
    assert [(m["author"], m["body"]) for m in shown["messages"]] == [
        ("agent", "请重启打印机 / Please restart it"),
        ("agent", "Driver 2.1 fixes it"),
        ("customer", "还是连不上"),
    ]
    assert shown["response_count"] == 2
