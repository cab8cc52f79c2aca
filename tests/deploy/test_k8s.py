"""deploy/k8s: the kustomize base and the production overlay, rendered by kustomize and checked
against the Kubernetes JSON schemas (kubernetes-validate) and, for the CRDs, by hand."""

from __future__ import annotations

import re
import shutil
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from shared.settings import Environment, PlatformSettings
from shared.tracing import _new_provider, configure_tracing
from tests.deploy.helpers import (
    APP_SERVICES,
    ROOT,
    STANDARD_OTEL_VARIABLES,
    env_name_is_a_setting,
    load_yaml,
    promtool,
    run,
)

KUBERNETES_VERSION = "1.32.0"
DNS_1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
CRD_KINDS = {"KafkaTopic", "ServiceMonitor", "PrometheusRule"}


def render(path: str) -> list[dict[str, Any]]:
    kubectl, kustomize = shutil.which("kubectl"), shutil.which("kustomize")
    if kustomize:
        result = run(kustomize, "build", path)
    elif kubectl:
        result = run(kubectl, "kustomize", path)
    else:
        pytest.skip("neither kustomize nor kubectl (with kustomize built in) is installed")
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module", params=["base", "overlays/production"])
def rendered(request) -> list[dict[str, Any]]:
    return render(f"deploy/k8s/{request.param}")


@pytest.fixture(scope="module")
def production() -> list[dict[str, Any]]:
    return render("deploy/k8s/overlays/production")


@pytest.fixture(scope="module")
def base() -> list[dict[str, Any]]:
    return render("deploy/k8s/base")


def of_kind(documents: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in documents if d["kind"] == kind}


def config_values(documents: list[dict]) -> dict[str, str]:
    (config,) = of_kind(documents, "ConfigMap").values()
    return config["data"]


def test_every_builtin_resource_is_valid_against_the_kubernetes_schemas(rendered):
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    builtin = [d for d in rendered if d["kind"] not in CRD_KINDS]
    assert {d["kind"] for d in builtin} >= {
        "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress",
        "ConfigMap", "Secret"}
    for document in builtin:
        try:
            kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            where = f"{document['kind']}/{document['metadata']['name']}"
            pytest.fail(f"{where}: {exc.message} at {list(exc.path)}")


def test_a_wrong_field_is_caught_by_the_schema_validation(production):
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    deployment = dict(of_kind(production, "Deployment")["feedback"])
    deployment["spec"] = {**deployment["spec"], "replicas": "three"}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_each_service_runs_with_probes_limits_and_a_locked_down_container(rendered):
    deployments = of_kind(rendered, "Deployment")
    assert set(deployments) == set(APP_SERVICES)
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz", name
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert container[probe]["httpGet"]["port"] in ports, f"{name} {probe} port"
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]) & set(resources["limits"])
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True and security["allowPrivilegeEscalation"] is False
        assert security["capabilities"]["drop"] == ["ALL"]
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], f"{name}: a read-only root needs a writable /tmp"
        env = {e["name"]: e for e in container["env"]}
        assert env["SERVICE"]["value"] == name
        assert f"CRM_{name.upper()}_DATABASE_URL" in env


def test_environment_names_are_settings_fields_and_references_resolve(rendered):
    configs, secrets = of_kind(rendered, "ConfigMap"), of_kind(rendered, "Secret")
    for name, deployment in of_kind(rendered, "Deployment").items():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        for source in container.get("envFrom", []):
            config = configs[source["configMapRef"]["name"]]
            for key in config["data"]:
                assert env_name_is_a_setting(key, name), f"config key {key} is no setting of {name}"
        for variable in container["env"]:
            if variable["name"] != "SERVICE":
                assert env_name_is_a_setting(variable["name"], name), f"{name}: {variable['name']}"
            reference = variable.get("valueFrom", {})
            if "secretKeyRef" in reference:
                secret = secrets[reference["secretKeyRef"]["name"]]
                assert reference["secretKeyRef"]["key"] in secret["stringData"]
            if "configMapKeyRef" in reference:
                key_ref = reference["configMapKeyRef"]
                assert key_ref["key"] in configs[key_ref["name"]]["data"]


def test_secrets_hold_placeholders_only(rendered):
    for name, secret in of_kind(rendered, "Secret").items():
        assert "data" not in secret, f"{name}: no encoded values in the repository"
        for key, value in secret["stringData"].items():
            assert "REPLACE-ME" in value, f"{name}.{key} looks like a real secret"


def test_services_hpa_and_pdb_point_at_each_deployment(rendered):
    deployments = of_kind(rendered, "Deployment")
    services = of_kind(rendered, "Service")
    hpas = of_kind(rendered, "HorizontalPodAutoscaler")
    pdbs = of_kind(rendered, "PodDisruptionBudget")
    for name, deployment in deployments.items():
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        service = services[name]
        assert service["spec"]["selector"].items() <= pod_labels.items()
        ports = {p["name"] for p in deployment["spec"]["template"]["spec"]["containers"][0]["ports"]}
        assert all(p["targetPort"] in ports for p in service["spec"]["ports"])
        target = hpas[name]["spec"]["scaleTargetRef"]
        assert (target["kind"], target["name"]) == ("Deployment", name)
        assert hpas[name]["spec"]["minReplicas"] >= 2, "several replicas side by side (docs/design.md §7)"
        assert pdbs[name]["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        assert pdbs[name]["spec"]["minAvailable"] < hpas[name]["spec"]["minReplicas"], "drains must work"


def test_ingress_routes_each_host_to_an_existing_service_and_hides_operations(rendered):
    services = of_kind(rendered, "Service")
    (ingress,) = of_kind(rendered, "Ingress").values()
    hosts = set()
    for rule in ingress["spec"]["rules"]:
        hosts.add(rule["host"])
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            port_names = {p["name"] for p in services[backend["name"]]["spec"]["ports"]}
            assert backend["port"]["name"] in port_names
            assert path["path"] not in ("/metrics", "/healthz", "/readyz")
            # Only the staff console is served at the root of its host (its pages); it keeps its
            # operations endpoints from proxied requests itself (services/console/web.py).
            assert path["path"] != "/" or backend["name"] == "console", rule["host"]
    assert len(hosts) == len(APP_SERVICES)


def test_network_policies_admit_the_ingress_prometheus_and_playbook_to_survey(rendered):
    policies = of_kind(rendered, "NetworkPolicy")
    deployments = of_kind(rendered, "Deployment")

    def admits(pod_labels: dict, source: dict) -> bool:
        for policy in policies.values():
            if not policy["spec"]["podSelector"]["matchLabels"].items() <= pod_labels.items():
                continue
            for rule in policy["spec"]["ingress"]:
                if any(peer.items() <= source.items() for peer in rule["from"]):
                    return True
        return False

    def namespace(name: str) -> dict:
        return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}

    ingress_controller, prometheus = namespace("ingress-nginx"), namespace("monitoring")
    for name, deployment in deployments.items():
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert admits(pod_labels, ingress_controller) and admits(pod_labels, prometheus), name
    playbook = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "playbook"}}}
    assert admits(deployments["survey"]["spec"]["template"]["metadata"]["labels"], playbook)
    assert not admits(deployments["feedback"]["spec"]["template"]["metadata"]["labels"], playbook)
    # The notification service fetches addresses, links and solutions at send time.
    notification = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "notification"}}}
    for peer in ("segmentation", "survey", "feedback"):
        assert admits(deployments[peer]["spec"]["template"]["metadata"]["labels"], notification), peer
    assert not admits(deployments["playbook"]["spec"]["template"]["metadata"]["labels"], notification)


def test_a_strimzi_topic_exists_for_every_event_type_and_the_dead_letters(rendered):
    topics = of_kind(rendered, "KafkaTopic")
    schemas = {p.stem for p in (ROOT / "shared/events/schemas").glob("*.json")} - {"cloudevent"}
    prefix = config_values(rendered).get("CRM_KAFKA_TOPIC_PREFIX", "")
    wanted = {prefix + topic for topic in schemas | {"dead-letter"}}
    assert {t["spec"]["topicName"] for t in topics.values()} == wanted
    for name, topic in topics.items():
        assert topic["apiVersion"] == "kafka.strimzi.io/v1beta2"
        assert DNS_1123.match(name) and len(name) <= 253
        assert topic["metadata"]["labels"]["strimzi.io/cluster"]
        spec = topic["spec"]
        assert set(spec) <= {"topicName", "partitions", "replicas", "config"}
        assert isinstance(spec["partitions"], int) and spec["partitions"] >= 1
        assert isinstance(spec["replicas"], int) and 1 <= spec["replicas"] <= 32767
        assert all(isinstance(v, (str, int, float, bool)) for v in spec["config"].values())
        assert spec["config"]["min.insync.replicas"] <= spec["replicas"]


def test_service_monitor_scrapes_the_metrics_port_of_every_service(rendered):
    (monitor,) = of_kind(rendered, "ServiceMonitor").values()
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    selector = monitor["spec"]["selector"]["matchLabels"]
    selected = [s for s in of_kind(rendered, "Service").values()
                if selector.items() <= s["metadata"].get("labels", {}).items()]
    assert sorted(s["metadata"]["name"] for s in selected) == sorted(APP_SERVICES)
    for endpoint in monitor["spec"]["endpoints"]:
        assert endpoint["path"] == "/metrics"
        assert all(endpoint["port"] in {p["name"] for p in s["spec"]["ports"]} for s in selected)


def test_prometheus_rule_alerts_on_sla_breaches_backlog_lag_and_errors(rendered, tmp_path):
    (rule,) = of_kind(rendered, "PrometheusRule").values()
    assert rule["apiVersion"] == "monitoring.coreos.com/v1"
    alerts = {r["alert"]: r for group in rule["spec"]["groups"] for r in group["rules"]}
    assert {"CrmSlaBreachRateHigh", "CrmOutboxBacklog", "CrmConsumerLag", "CrmHighErrorRate"} <= set(alerts)
    for name, alert in alerts.items():
        assert alert["expr"].strip() and alert["labels"]["severity"] in ("warning", "critical"), name
        assert alert["annotations"]["summary"], name
    assert rule["spec"]["groups"] == load_yaml("deploy/prometheus/alerts.yml")["groups"], (
        "the PrometheusRule drifted from deploy/prometheus/alerts.yml")
    if promtool():
        path = tmp_path / "rules.yml"
        path.write_text(yaml.safe_dump({"groups": rule["spec"]["groups"]}))
        result = run(promtool(), "check", "rules", str(path))
        assert result.returncode == 0, result.stdout + result.stderr


def test_production_uses_tls_replicated_topics_and_a_pinned_image(production):
    config = config_values(production)
    assert config["CRM_ENV"] == "production"
    assert config["CRM_KAFKA_SECURITY_PROTOCOL"] in ("SSL", "SASL_SSL")
    for name, deployment in of_kind(production, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        image = pod["containers"][0]["image"]
        assert ":" in image and not image.endswith(":latest"), image
        mounts = {m["mountPath"] for m in pod["containers"][0]["volumeMounts"]}
        assert config["CRM_KAFKA_SSL_CAFILE"].rsplit("/", 1)[0] in mounts, name
        assert deployment["spec"]["replicas"] >= 3
    for topic in of_kind(production, "KafkaTopic").values():
        assert topic["spec"]["replicas"] == 3 and topic["spec"]["config"]["min.insync.replicas"] == 2
    assert all(d["metadata"].get("namespace") == "crm-care-prod"
               for d in production if d["kind"] != "Namespace")


def test_production_settings_pass_the_services_startup_checks(production):
    """The rendered production environment is accepted by the settings validator (docs/design.md §7)."""
    environment = {k.removeprefix("CRM_").lower(): v for k, v in config_values(production).items()}
    secret = of_kind(production, "Secret")["crm-jwt"]["stringData"]["secret"]
    settings = PlatformSettings(**environment, jwt_secret=secret)
    assert settings.env is Environment.PRODUCTION
    with pytest.raises(ValueError, match="CRM_JWT_SECRET"):
        PlatformSettings(**environment)


def settings_in_a_pod(documents: list[dict], monkeypatch, service: str) -> PlatformSettings:
    """The settings a service's container builds from the rendered ConfigMap and secrets: CRM_*
    values as fields, the standard OTEL_* ones in its environment (and no others of the test's)."""
    config = config_values(documents)
    for name in STANDARD_OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in config.items():
        if name in STANDARD_OTEL_VARIABLES:
            monkeypatch.setenv(name, value)
    fields = {k.removeprefix("CRM_").lower(): v for k, v in config.items() if k.startswith("CRM_")}
    secret = of_kind(documents, "Secret")["crm-jwt"]["stringData"]["secret"]
    return PlatformSettings(**fields, jwt_secret=secret, service_name=service)


def test_tracing_is_off_in_the_base_so_nothing_is_instrumented(base, monkeypatch):
    config = config_values(base)
    assert config["CRM_OTEL_ENABLED"] == "false"
    assert not {k for k in config if k.startswith("OTEL_") or k == "CRM_OTEL_EXPORTER_OTLP_ENDPOINT"}
    settings = settings_in_a_pod(base, monkeypatch, "survey")
    assert settings.tracing_enabled is False
    assert configure_tracing(settings) is False  # what the app factory calls: it installs nothing


def test_production_sends_sampled_traces_to_a_collector_over_otlp_http(production, monkeypatch):
    """shared/tracing.py exports with the OTLP/HTTP exporter: the collector's HTTP receiver (4318),
    never its gRPC port (4317), and never a collector on the pod's own loopback."""
    settings = settings_in_a_pod(production, monkeypatch, "survey")
    assert settings.tracing_enabled is True
    endpoint = urlsplit(settings.otel_exporter_otlp_endpoint or "")
    assert endpoint.scheme in ("http", "https") and endpoint.hostname, settings.otel_exporter_otlp_endpoint
    assert endpoint.hostname not in ("localhost", "127.0.0.1", "::1")
    assert endpoint.port != 4317, "4317 is the collector's gRPC receiver; the services speak OTLP/HTTP"
    assert 0 < settings.otel_sampling_ratio < 1, "production keeps a share of the new traces"
    provider = _new_provider(settings)  # the provider a production pod installs
    try:
        assert provider.sampler.get_description() == (
            f"ParentBased{{root:TraceIdRatioBased{{{settings.otel_sampling_ratio}}},"
            "remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,"
            "localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler}")
        attributes = provider.resource.attributes
        assert attributes["service.name"] == "crm-survey"
        assert attributes["deployment.environment.name"] == "production"
    finally:
        provider.shutdown()


def test_no_network_policy_keeps_the_services_from_their_trace_collector(production):
    """The policies restrict who may call the services (ingress); one that restricted their egress
    would silently drop every exported span."""
    for name, policy in of_kind(production, "NetworkPolicy").items():
        assert "Egress" not in policy["spec"].get("policyTypes", []), (
            f"{name} restricts egress: admit the OTLP collector (and Kafka, PostgreSQL) first")
