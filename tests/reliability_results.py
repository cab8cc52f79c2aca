"""Figures measured by the reliability, security and load suites, merged into bench/results/.

Each suite records its own section (`record("faults.database_outage", {...})`); the JSON file
keeps every section's latest figures and the Markdown file is rewritten from it, so runs of
different suites (default and slow) add up instead of overwriting each other.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent.parent / "bench" / "results"
JSON_FILE = RESULTS_DIR / "reliability.json"
MD_FILE = RESULTS_DIR / "reliability.md"


@contextlib.contextmanager
def _locked():
    """Several pytest runs may go in parallel: one writer at a time."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with open(Path(tempfile.gettempdir()) / "crm-reliability-results.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load() -> dict[str, Any]:
    if not JSON_FILE.exists():
        return {"sections": {}}
    try:
        return json.loads(JSON_FILE.read_text(encoding="utf-8"))
    except ValueError:
        return {"sections": {}}


def record(section: str, figures: dict[str, Any]) -> None:
    """Merge the figures of one section (replacing its previous ones) and rewrite both files."""
    with _locked():
        document = load()
        document.setdefault("sections", {})[section] = {
            **figures,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        }
        document["machine"] = {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.system(),
        }
        tmp = JSON_FILE.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(document, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
        tmp.replace(JSON_FILE)
        MD_FILE.write_text(render_markdown(document), encoding="utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, dict | list):
        return "`" + json.dumps(value, sort_keys=True, default=str) + "`"
    return str(value)


def render_markdown(document: dict[str, Any]) -> str:
    machine = document.get("machine", {})
    lines = [
        "# Reliability, security and load figures",
        "",
        "Written by the suites under `tests/security`, `tests/faults` and `tests/load`",
        "(`make test` runs the default ones, `make test-slow` the slow ones). Each section keeps",
        "the figures of its latest run.",
        "",
        f"Machine: {machine.get('cpus', '?')} CPUs, Python {machine.get('python', '?')}, "
        f"{machine.get('system', '?')}.",
        "",
    ]
    for section, figures in sorted(document.get("sections", {}).items()):
        lines += [f"## {section}", "", "| figure | value |", "|---|---|"]
        for key, value in figures.items():
            lines.append(f"| {key} | {_cell(value)} |")
        lines.append("")
    return "\n".join(lines)
