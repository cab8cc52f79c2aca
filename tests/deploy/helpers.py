"""What the deployment tests share: the repo root, the services and their settings fields."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from shared.settings import PlatformSettings

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("segmentation", "survey", "feedback", "playbook", "notification", "console")
_FIELD = re.compile(r"^\s{4}([a-z_][a-z0-9_]*)\s*:\s*[^=]+=", re.MULTILINE)
# Standard OpenTelemetry variables a service honours besides its CRM_OTEL_* settings: read by
# shared/settings.py and shared/tracing.py, or by the SDK itself (the resource attributes).
STANDARD_OTEL_VARIABLES = frozenset({
    "OTEL_SDK_DISABLED", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
    "OTEL_RESOURCE_ATTRIBUTES",
})


def load_yaml(relative: str) -> dict:
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def settings_fields(service: str) -> set[str]:
    """Fields of the service's settings class (imported, else read from its settings.py)."""
    fields = set(PlatformSettings.model_fields)
    path = ROOT / "services" / service / "settings.py"
    if not path.exists():
        return fields
    try:
        module = importlib.import_module(f"services.{service}.settings")
        classes = [v for v in vars(module).values()
                   if isinstance(v, type) and issubclass(v, PlatformSettings)]
        return fields | {name for cls in classes for name in cls.model_fields}
    except Exception:
        return fields | set(_FIELD.findall(path.read_text(encoding="utf-8")))


def env_name_is_a_setting(name: str, service: str) -> bool:
    """`CRM_<FIELD>` of the service's settings, the per-service database URL, or a standard
    OpenTelemetry variable the services honour."""
    if name == f"CRM_{service.upper()}_DATABASE_URL" or name in STANDARD_OTEL_VARIABLES:
        return True
    if not name.startswith("CRM_"):
        return False
    field = name.removeprefix("CRM_").lower()
    return field in settings_fields(service) and field != "service_database_url"


def promtool() -> str | None:
    return shutil.which("promtool")


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
