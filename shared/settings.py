"""Configuration from the environment (docs/design.md §7), one settings object per service."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from shared.business_time import DEFAULT_BUSINESS_TIMEZONE, zone_named

DEVELOPMENT_JWT_SECRET = "dev-secret-change-me-in-production-0123456789"
SERVICE_PORTS = {
    "segmentation": 8001, "survey": 8002, "feedback": 8003, "playbook": 8004, "notification": 8005,
}
# The staff console (docs/design.md §12): a web application over the services' APIs, not one of them.
CONSOLE_PORT = 8000


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class PlatformSettings(BaseSettings):
    """Settings every service shares; `CRM_<SERVICE>_DATABASE_URL` overrides the database."""

    model_config = SettingsConfigDict(env_prefix="CRM_", extra="ignore")

    service_name: str = "crm"
    env: Environment = Environment.DEVELOPMENT
    data_dir: Path = Path("data")
    database_url: str | None = None
    # Connections each process keeps to PostgreSQL (as many again may open under a burst).
    database_pool_size: int = Field(default=10, ge=1, le=200)
    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_topic_prefix: str = ""
    kafka_security_protocol: str = "PLAINTEXT"
    kafka_ssl_cafile: str | None = None
    kafka_ssl_certfile: str | None = None
    kafka_ssl_keyfile: str | None = None
    jwt_secret: str = DEVELOPMENT_JWT_SECRET
    jwt_algorithms: list[str] = ["HS256"]
    jwt_jwks_url: str | None = None
    jwt_audience: str | None = None
    public_base_url: str | None = None
    outbox_poll_seconds: float = 0.1
    outbox_batch_size: int = 2000
    # Batches the relay pipelines under one hold of its lock (the next produced while the last is
    # acknowledged); a crash re-sends at most this many batches.
    outbox_batches_per_lock: int = Field(default=4, ge=1, le=64)
    # Woken by a commit, the relay waits this long before reading, so the events committed meanwhile
    # go out in the same round (its lock, read, produce, mark and commit) instead of one round each.
    outbox_linger_ms: int = Field(default=20, ge=0, le=1000)
    consumer_max_attempts: int = 3
    # Events fetched (from all partitions) and applied in one transaction; 1 applies them one by one.
    consumer_batch_size: int = Field(default=200, ge=1, le=5000)
    # How long a fetch may wait at the broker for new records. Some brokers (the embedded one)
    # answer only when the wait ends, so this bounds the delivery latency of a quiet topic.
    consumer_fetch_wait_ms: int = 50
    # Once a fetch brought events, how long the consumer goes on collecting before applying them:
    # a transaction, an offset commit and a relay round for several events instead of each one or
    # two (latency for CPU; 0 applies what each fetch brings at once).
    consumer_linger_ms: int = Field(default=0, ge=0, le=5000)
    consumer_retry_backoff_seconds: float = 0.2
    sweep_interval_seconds: float = 5.0
    # docs/design.md §9: day, week, month and quarter boundaries of schedules, caps and reports.
    business_timezone: str = DEFAULT_BUSINESS_TIMEZONE
    # A scheduled run whose replica stops beating its heartbeat this long is taken over.
    schedule_lease_seconds: float = Field(default=60.0, gt=0)
    # First retry delay of a failed scheduled run; doubled per attempt, at most an hour.
    schedule_retry_seconds: float = Field(default=30.0, gt=0)
    # docs/design.md §11: free text (open answers, ticket texts, action notes, message bodies) older
    # than this is redacted by the daily retention job of each service.
    text_retention_days: int = Field(default=3 * 365, ge=1)
    # A response kept for `Idempotency-Key` retries is forgotten this long after the first request:
    # a retry later than that runs anew (the hourly `idempotency-keys` job deletes them).
    idempotency_key_hours: int = Field(default=24, ge=1)
    log_level: str = "INFO"
    # Browser origins allowed to call the API (docs/design.md §13); none by default. A comma-separated
    # list or a JSON list; `*` allows any origin (refused in production together with credentials).
    cors_origins: Annotated[list[str], NoDecode] = []
    cors_allow_credentials: bool = False
    # Updates of versioned resources must carry If-Match (428 without it); development allows it
    # to be left out, so curl walks keep working.
    require_if_match: bool = False
    # Responses at least this large are gzip-compressed for clients that accept it.
    gzip_minimum_bytes: int = Field(default=1400, ge=0)
    # OpenTelemetry traces: off unless enabled or an OTLP endpoint is configured (the standard
    # OTEL_EXPORTER_OTLP_ENDPOINT counts too); off, no instrumentation is installed at all.
    otel_enabled: bool | None = None
    otel_exporter_otlp_endpoint: str | None = None
    # Share of new traces sampled (parent-based: a sampled caller's trace is always continued);
    # the standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG take precedence when set.
    otel_sampling_ratio: float = Field(default=1.0, ge=0.0, le=1.0)
    # Check every event a service publishes against its JSON Schema before storing it. None (the
    # default): on outside production (tests and development catch a wrong event where it is
    # made), off in production, where the data is our own and consumers validate what they
    # receive anyway.
    validate_published_events: bool | None = None
    run_relay: bool = True
    run_consumers: bool = True
    run_workers: bool = True
    service_database_url: str | None = Field(default=None, exclude=True)

    @field_validator("business_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone_named(value)
        return value

    @property
    def test_clock_allowed(self) -> bool:
        """docs/design.md §9: the clock may be moved outside production only."""
        return self.env is not Environment.PRODUCTION

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins_from_text(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [origin.strip().rstrip("/") for origin in text.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> PlatformSettings:
        # docs/design.md §7: the development secret is allowed only outside production.
        if self.env is Environment.PRODUCTION:
            if self.jwt_secret == DEVELOPMENT_JWT_SECRET and not self.jwt_jwks_url:
                raise ValueError("CRM_JWT_SECRET must be set (or CRM_JWT_JWKS_URL) in production")
            if self.kafka_security_protocol in ("SSL", "SASL_SSL") and not self.kafka_ssl_cafile:
                raise ValueError("CRM_KAFKA_SSL_CAFILE is required when Kafka uses TLS")
            if "*" in self.cors_origins and self.cors_allow_credentials:
                # Any origin with cookies or tokens would let every web page act as the user.
                raise ValueError("CRM_CORS_ORIGINS='*' cannot be combined with "
                                 "CRM_CORS_ALLOW_CREDENTIALS in production; list the origins")
        return self

    @property
    def validates_published_events(self) -> bool:
        if self.validate_published_events is not None:
            return self.validate_published_events
        return self.env is not Environment.PRODUCTION

    @property
    def tracing_enabled(self) -> bool:
        """Tracing is on when asked for, or when an OTLP endpoint is configured (ours or the
        standard variable), unless the standard OTEL_SDK_DISABLED says otherwise."""
        if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
            return False
        if self.otel_enabled is not None:
            return self.otel_enabled
        return bool(self.otel_exporter_otlp_endpoint or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"))

    @property
    def effective_database_url(self) -> str:
        """The service's own URL, else the shared one, else a SQLite file under data_dir."""
        if self.service_database_url:
            return self.service_database_url
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{self.service_name}.db').resolve()}"

    @property
    def port(self) -> int:
        return SERVICE_PORTS.get(self.service_name, CONSOLE_PORT)

    def topic(self, event_type: str) -> str:
        """Kafka topic of an event type: one topic per event name, with the deployment prefix."""
        return f"{self.kafka_topic_prefix}{event_type}"

    @property
    def dead_letter_topic(self) -> str:
        return f"{self.kafka_topic_prefix}dead-letter"


def load_settings(cls: type[PlatformSettings], service_name: str, **overrides) -> PlatformSettings:
    """Read settings once at start, honouring `CRM_<SERVICE>_DATABASE_URL`."""
    service_url = os.environ.get(f"CRM_{service_name.upper()}_DATABASE_URL")
    values = {"service_name": service_name, "service_database_url": service_url}
    values.update(overrides)
    return cls(**values)
