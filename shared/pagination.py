"""Cursor pagination: an opaque cursor carries the sort key of the last row returned.

A list declares its order once as a `Keyset` (a time column, then the id as the tie-break, or the
id alone); the repository runs `keyset.seek(query, cursor, limit)` and returns
`keyset.page(rows, limit)`, a page of rows; the service turns the rows into API items with
`page.map(...)`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, and_, or_

from shared.errors import InvalidInput
from shared.rfc3339 import format_time, parse_time

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
_NOT_OURS = "cursor is not one this service issued"


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None

    def map(self, convert: Callable[[Any], Any]) -> Page:
        """The same page with each item converted (a row into its API item)."""
        return Page(items=[convert(item) for item in self.items], next_cursor=self.next_cursor)


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
        raise InvalidInput(_NOT_OURS, field="cursor") from exc
    if not isinstance(position, dict):
        raise InvalidInput(_NOT_OURS, field="cursor")
    return position


def page_of(rows: list[T], limit: int, position_of) -> Page[T]:
    """Build a page from `limit + 1` fetched rows: the extra row only says a next page exists."""
    has_more = len(rows) > limit
    items = rows[:limit]
    next_cursor = encode_cursor(position_of(items[-1])) if has_more and items else None
    return Page[T](items=items, next_cursor=next_cursor)


@dataclass(frozen=True)
class Keyset:
    """The order of a paginated list: `time` (when given), then `id`, unique, as the tie-break.

    The cursor carries the last row's `{"t": time, "id": id}`; the next page starts strictly
    after it, so rows written meanwhile never shift a page (unlike OFFSET)."""

    id: Any
    time: Any = None
    descending: bool = False

    def seek(self, query: Select, cursor: str | None, limit: int) -> Select:
        """`query` in this order, starting after the cursor's row, one row more than a page."""
        condition = self._after(decode_cursor(cursor))
        if condition is not None:
            query = query.where(condition)
        columns = [column for column in (self.time, self.id) if column is not None]
        return query.order_by(*(c.desc() if self.descending else c for c in columns)).limit(limit + 1)

    def page(self, rows: Iterable[T], limit: int) -> Page[T]:
        """The page of `seek`'s rows (attributes named like the keyset's columns)."""
        return page_of(list(rows), limit, self.position)

    def position(self, row: Any) -> dict[str, Any]:
        position: dict[str, Any] = {"id": getattr(row, self.id.key)}
        if self.time is not None:
            position["t"] = format_time(getattr(row, self.time.key))
        return position

    def _after(self, position: dict[str, Any] | None):
        if position is None:
            return None
        try:
            last_id = str(position["id"])
            at = parse_time(position["t"]) if self.time is not None else None
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise InvalidInput(_NOT_OURS, field="cursor") from exc

        def beyond(column, value):
            return column < value if self.descending else column > value

        if self.time is None:
            return beyond(self.id, last_id)
        return or_(beyond(self.time, at), and_(self.time == at, beyond(self.id, last_id)))
