"""The partner contract: an AsyncAPI 3.0 document built from the event JSON Schemas (docs/design.md §2).

The same files the services validate against (`shared/events/schemas/*.json`) are the
source of the document, so the published contract cannot drift from what is enforced.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any

import jsonschema
from fastapi import APIRouter, Response

from shared.events.envelope import ENVELOPE_SCHEMA, known_event_types, load_schema
from shared.events.topics import DEFAULT_PARTITIONS
from shared.rfc3339 import parse_time

ASYNCAPI_VERSION = "3.0.0"
CONTRACT_VERSION = "1.0.0"
DEAD_LETTER = "dead-letter"
KAFKA_BINDING_VERSION = "0.5.0"

EVERY_SERVICE = "*"
# docs/design.md §1: who publishes each event and who consumes it inside the platform (checked against
# each service's SPEC.publishes and handlers by tests/deploy/test_contract.py).
PRODUCERS = {
    "score-updated": "segmentation",
    "tier-changed": "segmentation",
    "churn-risk-detected": "segmentation",
    "satisfaction-scored": "survey",
    "ticket-verification-answered": "survey",
    "ticket-created": "feedback",
    "ticket-assigned": "feedback",
    "ticket-escalated": "feedback",
    "ticket-resolved": "feedback",
    "ticket-reopened": "feedback",
    "ticket-closed": "feedback",
    "action-created": "playbook",
    "action-completed": "playbook",
    "action-overdue": "playbook",
    "order-recorded": "segmentation",
    "customer-assigned": "segmentation",
    "customer-erased": "segmentation",
    "customer-erasure-confirmed": EVERY_SERVICE,
    "invitation-created": "survey",
    "digest-ready": "playbook",
    "report-published": "feedback",
    "message-status-changed": "notification",
    "webhook-disabled": "notification",
}
# The subject and message key of an event about no one in particular: an anonymous survey's answer
# (docs/design.md §11) carries no customer id.
ANONYMOUS_SUBJECT = "anonymous"
# Events whose subject and message key are not a customer id: what they are about instead.
SUBJECTS = {"digest-ready": "owner", "report-published": "month", "webhook-disabled": "subscription_id"}
_DOMAIN_CONSUMERS = {
    "score-updated": ["survey", "feedback", "playbook"],
    "tier-changed": ["feedback", "playbook"],
    "churn-risk-detected": ["playbook"],
    "satisfaction-scored": ["segmentation", "feedback", "playbook"],
    "ticket-verification-answered": ["feedback"],
    "ticket-created": ["segmentation", "playbook"],
    # The assignee and the team of each ticket: agents see their tickets' customers (§11).
    "ticket-assigned": ["segmentation"],
    "ticket-escalated": ["playbook"],
    "ticket-resolved": ["segmentation", "survey", "playbook"],
    "order-recorded": ["playbook"],
    # Owner and team of each customer, for the access scopes of docs/design.md §11.
    "customer-assigned": ["survey", "feedback", "playbook"],
    "message-status-changed": ["playbook"],
    # The monthly tiered service report is built by feedback from these (docs/design.md §9).
    "action-created": ["feedback"],
    "action-completed": ["feedback"],
    "action-overdue": ["feedback"],
    # docs/design.md §11: every service holding data about a customer redacts it and confirms.
    "customer-erased": ["survey", "feedback", "playbook"],
    "customer-erasure-confirmed": ["segmentation"],
}
# docs/design.md §10: the notification service consumes every event type, to send messages for
# some and to relay all of them to the partners' webhook subscriptions.
WEBHOOK_RELAY = "notification"
CONSUMERS = {
    event_type: [*_DOMAIN_CONSUMERS.get(event_type, []), WEBHOOK_RELAY]
    for event_type in known_event_types()
}
_PRODUCER_IN_DESCRIPTION = re.compile(r"\((segmentation|survey|feedback|playbook|notification)\b[^)]*\)")


class ContractViolation(AssertionError):
    """An event that does not match the published contract."""


def producer_of(event_type: str) -> str | None:
    """The service that publishes this event type (declared, else named in the schema)."""
    if event_type in PRODUCERS:
        return PRODUCERS[event_type]
    found = _PRODUCER_IN_DESCRIPTION.search(load_schema(event_type).get("description", ""))
    return found.group(1) if found else None


def _publisher_name(producer: str | None) -> str:
    return {None: "the platform", EVERY_SERVICE: "every service"}.get(producer, producer)


def _key_description(event_type: str) -> str:
    return f"The {SUBJECTS.get(event_type, 'customer id').replace('_', ' ')} (equals `subject`)."


def operation_id(event_type: str) -> str:
    """`score-updated` -> `publishScoreUpdated`."""
    return "publish" + "".join(part.capitalize() for part in event_type.split("-"))


def _plain_schema(name: str) -> dict[str, Any]:
    # `$id` would rebase references inside the document; the dialect is stated once per message.
    schema = copy.deepcopy(load_schema(name))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


def _channel(event_type: str) -> dict[str, Any]:
    schema = load_schema(event_type)
    producer = producer_of(event_type)
    consumers = CONSUMERS.get(event_type, [])
    description = (
        f"{schema.get('description', schema.get('title', event_type))} "
        f"Published by {_publisher_name(producer)}"
        + (f"; consumed inside the platform by {', '.join(consumers)}." if consumers else ".")
        + (f" Message key: the {SUBJECTS[event_type]}." if event_type in SUBJECTS
           else " Message key: the customer id (one customer's events stay in order).")
    )
    return {
        "address": "{prefix}" + event_type,
        "title": schema.get("title", event_type),
        "description": description,
        "parameters": {"prefix": {"$ref": "#/components/parameters/prefix"}},
        "messages": {event_type: {"$ref": f"#/components/messages/{event_type}"}},
        "bindings": {
            "kafka": {
                "topic": event_type,
                "partitions": DEFAULT_PARTITIONS,
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
    }


# Kafka record headers a traced platform adds (W3C Trace Context of the publish span).
_TRACE_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "Present when the platform traces; the envelope's traceparent is the same trace.",
    "properties": {
        "traceparent": {"type": "string", "description": "W3C traceparent of the publish span."},
        "tracestate": {"type": "string", "description": "W3C tracestate, when the trace has one."},
    },
}


def _message(event_type: str) -> dict[str, Any]:
    schema = load_schema(event_type)
    producer = producer_of(event_type)
    envelope_fields: dict[str, Any] = {
        "type": {"const": event_type},
        "dataschema": {"const": f"https://crm-care.dev/schemas/{event_type}.json"},
        "data": {"$ref": f"#/components/schemas/{event_type}"},
    }
    if producer not in (None, EVERY_SERVICE):
        envelope_fields["source"] = {"const": f"/crm/{producer}"}
    return {
        "name": event_type,
        "title": schema.get("title", event_type),
        "summary": schema.get("description", ""),
        "contentType": "application/json",
        "headers": _TRACE_HEADERS,
        "correlationId": {
            "description": "Request id of the HTTP call that caused the event.",
            "location": "$message.payload#/crmrequestid",
        },
        "payload": {
            "schemaFormat": "application/schema+json;version=draft-07",
            "schema": {
                "allOf": [
                    {"$ref": "#/components/schemas/cloudevent"},
                    {"type": "object", "properties": envelope_fields},
                ]
            },
        },
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": _key_description(event_type)},
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
        "x-version": schema.get("x-version", 1),
    }


def _dead_letter_parts() -> tuple[dict[str, Any], dict[str, Any]]:
    channel = {
        "address": "{prefix}" + DEAD_LETTER,
        "title": "Dead letters",
        "description": (
            "Events a consumer could not apply after its retries, or could not parse. The value "
            "and key are the original record's; headers say where it came from and why."
        ),
        "parameters": {"prefix": {"$ref": "#/components/parameters/prefix"}},
        "messages": {DEAD_LETTER: {"$ref": f"#/components/messages/{DEAD_LETTER}"}},
        "bindings": {
            "kafka": {"topic": DEAD_LETTER, "partitions": DEFAULT_PARTITIONS,
                      "bindingVersion": KAFKA_BINDING_VERSION}
        },
    }
    header = {"type": "string"}
    message = {
        "name": DEAD_LETTER,
        "title": "Dead-lettered record",
        "summary": "The original record, unchanged, with the reason in its headers.",
        "contentType": "application/json",
        "headers": {
            "type": "object",
            "required": ["original-topic", "original-offset", "consumer-group", "error"],
            "properties": {
                "original-topic": {**header, "description": "Topic the record was read from."},
                "original-offset": {**header, "description": "Its offset there."},
                "consumer-group": {**header, "description": "The consumer group that gave up."},
                "error": {**header, "description": "Why (at most 500 characters)."},
            },
        },
        "payload": {"description": "The original message value, possibly not valid JSON."},
        "bindings": {"kafka": {"key": {"type": "string"}, "bindingVersion": KAFKA_BINDING_VERSION}},
    }
    return channel, message


@cache
def asyncapi_document() -> dict[str, Any]:
    """The AsyncAPI 3.0 document of every event type and the dead-letter topic."""
    events = known_event_types()
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {ENVELOPE_SCHEMA: _plain_schema(ENVELOPE_SCHEMA)}
    for event_type in events:
        channels[event_type] = _channel(event_type)
        messages[event_type] = _message(event_type)
        schemas[event_type] = _plain_schema(event_type)
        operation = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{event_type}"},
            "title": f"Publish {event_type}",
            "summary": f"{_publisher_name(producer_of(event_type)).capitalize()} publishes `{event_type}` "
            "through its transactional outbox (at least once).",
            "messages": [{"$ref": f"#/channels/{event_type}/messages/{event_type}"}],
        }
        operations[operation_id(event_type)] = operation
    channels[DEAD_LETTER], messages[DEAD_LETTER] = _dead_letter_parts()
    operations[operation_id(DEAD_LETTER)] = {
        "action": "send",
        "channel": {"$ref": f"#/channels/{DEAD_LETTER}"},
        "summary": "A consumer moves a record it cannot apply to the dead-letter topic.",
        "messages": [{"$ref": f"#/channels/{DEAD_LETTER}/messages/{DEAD_LETTER}"}],
    }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": "urn:crm-care:events",
        "info": {
            "title": "Customer-care platform events",
            "version": CONTRACT_VERSION,
            "description": (
                "Every event the services publish, one Kafka topic per event type (a "
                "deployment may prefix the names). Envelope: CloudEvents 1.0 in JSON structured "
                "mode; `subject` and the message key are the customer id (a few events say what "
                "they are keyed by instead). Delivery is at least "
                "once: deduplicate on the event `id`. Events carry no personal data. Partners "
                "outside the Kafka network receive the same envelopes as signed webhooks. "
                "Tracing: when the platform traces, the envelope carries the W3C trace context of "
                "the request that caused the event (CloudEvents distributed-tracing extension "
                "attributes `traceparent` and `tracestate`), and the Kafka record the `traceparent` "
                "header of its publish span; continue the trace from either. "
                "See docs/partner-guide.md."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "production": {
                "host": "kafka:9092",
                "protocol": "kafka",
                "description": "The deployment's Kafka cluster (TLS in production).",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": schemas,
            "messages": messages,
            "parameters": {
                "prefix": {
                    "description": "The deployment's topic prefix (CRM_KAFKA_TOPIC_PREFIX), often empty.",
                    "default": "",
                }
            },
        },
    }


def asyncapi_yaml() -> str:
    """The document as YAML, stable key order (what docs/asyncapi.yaml holds)."""
    import yaml

    return yaml.safe_dump(asyncapi_document(), sort_keys=False, allow_unicode=True, width=100)


def contract_router() -> APIRouter:
    """GET /asyncapi.json and /asyncapi.yaml on every service: public documents, like /docs and
    /openapi.json, so they stay out of the OpenAPI document of the business API."""
    router = APIRouter(include_in_schema=False)

    @router.get("/asyncapi.json", summary="The AsyncAPI 3.0 document of the event stream")
    async def asyncapi_json() -> Response:
        return Response(json.dumps(asyncapi_document(), ensure_ascii=False), media_type="application/json")

    @router.get("/asyncapi.yaml", summary="The AsyncAPI 3.0 document of the event stream, as YAML")
    async def asyncapi_as_yaml() -> Response:
        return Response(asyncapi_yaml(), media_type="application/yaml")

    return router


_FORMATS = jsonschema.FormatChecker(formats=["uuid"])


@_FORMATS.checks("date-time", raises=ValueError)
def _is_rfc3339(value: object) -> bool:
    # Python's parser accepts RFC 3339; the contract also wants an explicit offset (UTC "Z").
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time")
    parse_time(value)
    return True


@cache
def _checker(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    return jsonschema.validators.validator_for(schema)(schema, format_checker=_FORMATS)


def assert_matches_contract(envelope: dict[str, Any]) -> None:
    """Raise ContractViolation unless a published envelope and its data match the contract."""
    fields = {k: v for k, v in envelope.items() if not k.startswith("_")}
    problems = [f"envelope: {e.message}" for e in _checker(ENVELOPE_SCHEMA).iter_errors(fields)]
    event_type = fields.get("type")
    if event_type not in known_event_types():
        problems.append(f"type {event_type!r} has no schema in the contract")
    else:
        data = fields.get("data")
        problems += [
            f"data{''.join(f'[{p!r}]' for p in e.absolute_path)}: {e.message}"
            for e in _checker(event_type).iter_errors(data)
        ]
        producer = producer_of(event_type)
        if producer not in (None, EVERY_SERVICE) and fields.get("source") != f"/crm/{producer}":
            problems.append(f"source {fields.get('source')!r} is not /crm/{producer}")
        subject_field = SUBJECTS.get(event_type, "customer_id")
        if isinstance(data, dict) and data.get(subject_field) != fields.get("subject"):
            # An anonymous survey's answer names no customer: its subject says so instead.
            if not (data.get("anonymous") is True and fields.get("subject") == ANONYMOUS_SUBJECT):
                problems.append(f"subject differs from data.{subject_field}")
        topic = envelope.get("_topic")
        if topic is not None and not topic.endswith(event_type):
            problems.append(f"published on {topic!r}, not the {event_type!r} topic")
    key = envelope.get("_key")
    if key is not None and key != fields.get("subject"):
        problems.append(f"message key {key!r} differs from subject {fields.get('subject')!r}")
    if problems:
        raise ContractViolation(f"{event_type} {fields.get('id')}: " + "; ".join(problems))
