"""Cursor pagination: an opaque cursor carries the sort key of the last row returned."""

from __future__ import annotations

import base64
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from shared.errors import InvalidInput

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        position = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput("cursor is not one this service issued", field="cursor") from exc
    if not isinstance(position, dict):
        raise InvalidInput("cursor is not one this service issued", field="cursor")
    return position


def page_of(rows: list[T], limit: int, position_of) -> Page[T]:
    """Build a page from `limit + 1` fetched rows: the extra row only says a next page exists."""
    has_more = len(rows) > limit
    items = rows[:limit]
    next_cursor = encode_cursor(position_of(items[-1])) if has_more and items else None
    return Page[T](items=items, next_cursor=next_cursor)
