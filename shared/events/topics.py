"""Topic creation: one topic per event type, created by whoever first needs it."""

from __future__ import annotations

from typing import Any

import structlog
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from shared.settings import PlatformSettings

log = structlog.get_logger()
DEFAULT_PARTITIONS = 3


async def ensure_topics(settings: PlatformSettings, event_types: list[str]) -> None:
    """Create the topics of these event types (and the dead-letter topic) when missing."""
    wanted = {settings.topic(t) for t in event_types} | {settings.dead_letter_topic}
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=5000,
        **kafka_security(settings),
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = sorted(wanted - existing)
        if missing:
            try:
                await admin.create_topics(
                    [NewTopic(name, DEFAULT_PARTITIONS, 1) for name in missing]
                )
            except TopicAlreadyExistsError:
                pass  # another replica created it first
            log.info("topics_created", topics=missing)
    finally:
        await admin.close()

# How long stopping a Kafka client (producer, consumer) may take: a stop flushes or leaves its
# group and may wait on a slow or rebalancing broker; what it leaves undone is redone (at least once).
CLIENT_STOP_SECONDS = 5.0


def kafka_security(settings: PlatformSettings) -> dict[str, Any]:
    """TLS options for aiokafka clients when the deployment configures them."""
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        from aiokafka.helpers import create_ssl_context

        return {
            "security_protocol": settings.kafka_security_protocol,
            "ssl_context": create_ssl_context(
                cafile=settings.kafka_ssl_cafile,
                certfile=settings.kafka_ssl_certfile,
                keyfile=settings.kafka_ssl_keyfile,
            ),
        }
    return {}
