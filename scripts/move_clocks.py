"""Move the test clock of every service of a running platform (`make run`) to the same time.

    .venv/bin/python -m scripts.move_clocks --months 1          # to the 2nd of next month, 10:00
    .venv/bin/python -m scripts.move_clocks --days 3            # three days on
    .venv/bin/python -m scripts.move_clocks 2027-01-02T10:00:00+08:00

Outside production only (production serves no clock). Each service's schedules then catch up as
if the time had passed; the script waits until none is running and prints what each one did.
Ports come from CRM_<SERVICE>_PORT as `make run` uses them; the token is a development admin's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timedelta

import httpx

from shared.auth import issue_token
from shared.business_time import at_local, first_of_month, local_date, zone_named
from shared.settings import DEVELOPMENT_JWT_SECRET, SERVICE_PORTS

SCHEDULED_SERVICES = ("segmentation", "survey", "feedback", "playbook")


def _clients(headers: dict[str, str]) -> dict[str, httpx.Client]:
    host = os.environ.get("CRM_BIND_HOST", "127.0.0.1")
    ports = {name: int(os.environ.get(f"CRM_{name.upper()}_PORT", SERVICE_PORTS[name]))
             for name in SCHEDULED_SERVICES}
    return {name: httpx.Client(base_url=f"http://{host}:{port}", headers=headers, timeout=30)
            for name, port in ports.items()}


def _target(clients: dict[str, httpx.Client], value: str | None, months: int, days: int | None) -> datetime:
    if value:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    clock = clients["segmentation"].get("/v1/clock").raise_for_status().json()
    now = datetime.fromisoformat(clock["now"].replace("Z", "+00:00"))
    if days is not None:
        return now + timedelta(days=days)
    zone = zone_named(clock["time_zone"])
    return at_local(first_of_month(local_date(now, zone), months), zone) + timedelta(days=1, hours=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("to", nargs="?", help="RFC 3339 time to move every clock to")
    parser.add_argument("--months", type=int, default=1,
                        help="without a time: to the 2nd of the month this many months on, 10:00")
    parser.add_argument("--days", type=int, help="without a time: this many days on")
    args = parser.parse_args()
    secret = os.environ.get("CRM_JWT_SECRET", DEVELOPMENT_JWT_SECRET)
    headers = {"Authorization": f"Bearer {issue_token(secret, 'clock-mover', ['admin'])}"}
    clients = _clients(headers)
    target = _target(clients, args.to, args.months, args.days)
    for name, client in clients.items():
        response = client.put("/v1/clock", json={"now": target.isoformat()})
        if response.status_code != 200:
            print(f"{name}: {response.status_code} {response.text}", file=sys.stderr)
            return 1
        print(f"{name:<13} clock at {response.json()['business_time']}")
    time.sleep(2)  # let every scheduler wake and claim what fell due
    for name, client in clients.items():
        for _ in range(300):
            listing = client.get("/v1/schedules").raise_for_status().json()
            if not any(s["last_run"] and s["last_run"]["status"] == "running" for s in listing):
                break
            time.sleep(1)
        for schedule in listing:
            run = schedule["last_run"] or {}
            print(f"  {name}/{schedule['name']}: {run.get('status', 'not run')} "
                  f"{run.get('outcome') or run.get('error') or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
