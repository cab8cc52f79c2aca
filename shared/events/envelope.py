"""CloudEvents 1.0 structured-mode JSON envelope, validated against the event's JSON Schema."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema

from shared.rfc3339 import format_time, parse_time

SCHEMA_DIR = Path(__file__).parent / "schemas"
ENVELOPE_SCHEMA = "cloudevent"
REQUEST_ID_EXTENSION = "crmrequestid"
# CloudEvents distributed-tracing extension: the W3C trace context of the span that made the event.
TRACE_EXTENSIONS = ("traceparent", "tracestate")


class InvalidEvent(ValueError):
    """An event that does not match the envelope or its type's schema."""


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    data: dict[str, Any]
    request_id: str | None = None
    traceparent: str | None = None
    tracestate: str | None = None

    def to_json(self) -> str:
        envelope = {
            "specversion": "1.0",
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "time": format_time(self.time),
            "subject": self.subject,
            "datacontenttype": "application/json",
            "dataschema": f"https://crm-care.dev/schemas/{self.type}.json",
            "data": self.data,
        }
        if self.request_id:
            envelope[REQUEST_ID_EXTENSION] = self.request_id
        if self.traceparent:
            envelope["traceparent"] = self.traceparent
            if self.tracestate:
                envelope["tracestate"] = self.tracestate
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), default=str)


def new_event(
    event_type: str, service: str, subject: str, data: dict[str, Any], request_id: str | None,
    trace_context: dict[str, str] | None = None, *, validate: bool = True,
) -> Event:
    """A fresh event; unless `validate` is off (production, by default: the data is our own, built
    by code the tests validate), the data is checked against the type's schema before it is stored
    (a batch of alike events may check only its first of each type: `Outbox.append_many`).
    Consumers validate every event they receive (`parse_event`) whatever this says."""
    trace_context = trace_context or {}
    if validate:
        validate_data(event_type, data)
    return Event(
        id=str(uuid.uuid4()),
        type=event_type,
        source=f"/crm/{service}",
        subject=str(subject),
        time=datetime.now(UTC),
        data=data,
        request_id=request_id,
        traceparent=trace_context.get("traceparent"),
        tracestate=trace_context.get("tracestate"),
    )


def parse_event(raw: bytes | str) -> Event:
    """Decode and validate a consumed message; raises InvalidEvent for anything malformed."""
    try:
        envelope = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidEvent(f"not JSON: {exc}") from exc
    _validate(ENVELOPE_SCHEMA, envelope)
    validate_data(envelope["type"], envelope["data"])
    return Event(
        id=envelope["id"],
        type=envelope["type"],
        source=envelope["source"],
        subject=envelope.get("subject", ""),
        time=parse_time(envelope["time"]),
        data=envelope["data"],
        request_id=envelope.get(REQUEST_ID_EXTENSION),
        traceparent=envelope.get("traceparent"),
        tracestate=envelope.get("tracestate"),
    )


def validate_data(event_type: str, data: dict[str, Any]) -> None:
    _validate(event_type, data)


def known_event_types() -> list[str]:
    return sorted(p.stem for p in SCHEMA_DIR.glob("*.json") if p.stem != ENVELOPE_SCHEMA)


@cache
def load_schema(name: str) -> dict[str, Any]:
    path = SCHEMA_DIR / f"{name}.json"
    if not path.exists():
        raise InvalidEvent(f"no JSON Schema for event type {name!r}")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _validator(name: str):
    # Compiled to Python once per schema: validating every published event stays cheap.
    return fastjsonschema.compile(load_schema(name))


def _validate(name: str, document: Any) -> None:
    try:
        _validator(name)(document)
    except fastjsonschema.JsonSchemaException as exc:
        raise InvalidEvent(f"{name}: {exc.message}") from exc
