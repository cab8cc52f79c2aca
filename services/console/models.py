"""Tables of the console: its sessions and the sign-ins under way (it owns no business data)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.db import UTCDateTime
from shared.events.outbox import platform_tables


class Base(DeclarativeBase):
    pass


PLATFORM_TABLES = platform_tables(Base.metadata)


class ConsoleSessionRow(Base):
    """A signed-in user. The cookie holds only a random id; the row is keyed by its SHA-256, so the
    table alone does not let anyone act as a user. The access token stays here, never in the page."""

    __tablename__ = "console_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list] = mapped_column(JSON)
    team: Mapped[str | None] = mapped_column(String(100))
    sign_in_method: Mapped[str] = mapped_column(String(10))  # demo | oidc
    access_token: Mapped[str] = mapped_column(Text)
    refresh_token: Mapped[str | None] = mapped_column(Text)
    id_token: Mapped[str | None] = mapped_column(Text)
    token_expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    csrf_token: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignInAttemptRow(Base):
    """An OpenID Connect sign-in between the redirect to the provider and its callback."""

    __tablename__ = "sign_in_attempts"
    state: Mapped[str] = mapped_column(String(128), primary_key=True)
    code_verifier: Mapped[str] = mapped_column(String(128))
    nonce: Mapped[str] = mapped_column(String(128))
    next_path: Mapped[str] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
