"""A tiny Chrome DevTools Protocol driver for headless Chromium (just what the page tests need)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import websockets

from tests.support import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def chromium_installed() -> bool:
    return Path(CHROMIUM).exists()


class CdpError(RuntimeError):
    pass


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class Page:
    """One browser tab over its DevTools websocket."""

    def __init__(self, socket) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[str] = []  # names of the protocol events seen since the last navigation

    async def _receive(self) -> dict[str, Any]:
        message = json.loads(await asyncio.wait_for(self.socket.recv(), timeout=30))
        if "method" in message:
            self.events.append(message["method"])
        return message

    async def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        message_id = next(self.ids)
        await self.socket.send(json.dumps({"id": message_id, "method": method, "params": params or {}}))
        while True:  # events arrive in between; they are noted, the reply is returned
            reply = await self._receive()
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply["result"]

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
        })
        if "exceptionDetails" in result:
            raise CdpError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 20) -> Any:
        """Poll until the expression is truthy; a script error (an element not there yet) means not yet."""
        deadline = time.monotonic() + timeout
        last_error: CdpError | None = None
        while time.monotonic() < deadline:
            try:
                value = await self.evaluate(expression)
            except CdpError as error:
                last_error, value = error, None
            if value:
                return value
            await asyncio.sleep(0.1)
        body = await self.evaluate("document.body && document.body.innerText")
        raise AssertionError(
            f"{expression!r} not true within {timeout}s; page says: {body!r}; last error: {last_error}"
        )

    async def screenshot(self, path: Path) -> None:
        """The whole page (beyond the screen's height) as a PNG."""
        result = await self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        image = base64.b64decode(result["data"])
        await asyncio.to_thread(_write, path, image)

    async def goto(self, url: str, timeout: float = 30) -> None:
        """Navigate and return once the new document has loaded, so no check sees the old one."""
        self.events.clear()
        result = await self.send("Page.navigate", {"url": url})
        if "errorText" in result:
            raise CdpError(f"navigation to {url} failed: {result['errorText']}")
        deadline = time.monotonic() + timeout
        while "Page.loadEventFired" not in self.events:
            if time.monotonic() > deadline:
                raise CdpError(f"{url} did not load within {timeout}s")
            await asyncio.wait_for(self._receive(), timeout=max(deadline - time.monotonic(), 0.1))


class Chromium:
    """Headless Chromium with remote debugging on a free port and a throw-away profile."""

    def __init__(self) -> None:
        self.port = free_port()
        # Chromium helpers (crashpad) may still write into the profile as the browser exits.
        self.profile = tempfile.TemporaryDirectory(prefix="survey-chromium-", ignore_cleanup_errors=True)
        self.process: subprocess.Popen | None = None

    def _launch(self) -> subprocess.Popen:
        return subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--no-default-browser-check", f"--remote-debugging-port={self.port}",
             f"--user-data-dir={self.profile.name}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    async def __aenter__(self) -> Chromium:
        self.process = self._launch()
        deadline = time.monotonic() + 30
        async with httpx.AsyncClient() as client:
            while True:
                try:
                    await client.get(f"http://127.0.0.1:{self.port}/json/version")
                    return self
                except httpx.TransportError:
                    if time.monotonic() > deadline or self.process.poll() is not None:
                        raise RuntimeError("chromium did not start") from None
                    await asyncio.sleep(0.1)

    @contextlib.asynccontextmanager
    async def page(self, *, width: int = 390, height: int = 844, accept_language: str | None = None):
        """A new tab emulating a phone screen (and a browser preferring `accept_language`)."""
        async with httpx.AsyncClient() as client:
            target = (await client.put(f"http://127.0.0.1:{self.port}/json/new?about:blank")).json()
        async with websockets.connect(target["webSocketDebuggerUrl"], max_size=None) as socket:
            page = Page(socket)
            await page.send("Page.enable")
            await page.send("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 2, "mobile": True,
            })
            if accept_language:
                await page.send("Network.enable")
                await page.send("Network.setExtraHTTPHeaders",
                                {"headers": {"Accept-Language": accept_language}})
            yield page

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self._stop)

    def _stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.profile.cleanup()
