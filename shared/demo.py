"""Demo data for `make run`: each service loads its own through its own HTTP API, once.

`load_demo(base_url, headers, *, transport=None)` in a service's demo.py opens
`demo_client(...)` and returns at once when `already_loaded(client, path)`: a list of the
service already has an item (demo data from an earlier run, or real data).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx


@asynccontextmanager
async def demo_client(
    base_url: str, headers: dict[str, str], transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30,
                                 transport=transport) as client:
        yield client


async def already_loaded(client: httpx.AsyncClient, path: str, **params: Any) -> bool:
    """True when the list at `path` has an item: load nothing."""
    response = await client.get(path, params={"limit": 1, **params})
    response.raise_for_status()
    return bool(response.json()["items"])
