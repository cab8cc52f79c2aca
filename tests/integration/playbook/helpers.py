import asyncio
import contextlib
import json

import uvicorn

from shared.events.envelope import new_event
from shared.launcher import KEEP_ALIVE_SECONDS
from tests.support import ADMIN, eventually


async def actions_of(playbook, customer_id: str, **params) -> list[dict]:
    response = await playbook.get("/v1/actions", params={"customer_id": customer_id, **params}, headers=ADMIN)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def wait_for_actions(
    playbook, customer_id: str, count: int, timeout: float = 20, **params
) -> list[dict]:
    async def check():
        items = await actions_of(playbook, customer_id, **params)
        return items if len(items) >= count else None

    return await eventually(check, timeout=timeout)


async def publish(producer, event_type: str, customer_id: str, data: dict, *, raw: str | None = None) -> dict:
    """Produce one event as another service would; returns the envelope (send `raw` again to duplicate)."""
    data = {"customer_id": customer_id, **data}
    message = raw or new_event(event_type, "test", customer_id, data, None).to_json()
    await producer.send_and_wait(event_type, value=message.encode(), key=customer_id.encode())
    return json.loads(message)


@contextlib.asynccontextmanager
async def uvicorn_server(app, port: int):
    """A real HTTP server for `app` on 127.0.0.1:port, inside this event loop."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on", timeout_keep_alive=KEEP_ALIVE_SECONDS))
    task = asyncio.create_task(server.serve())
    for _ in range(600):
        if server.started or task.done():
            break
        await asyncio.sleep(0.05)
    if not server.started:
        task.cancel()
        raise RuntimeError("the server did not start")
    try:
        yield
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)
