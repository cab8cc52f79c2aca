"""The alert rules fire when they should (promtool unit tests in alert_cases.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.deploy.helpers import ROOT, load_yaml, promtool, run

CASES = Path(__file__).parent / "alert_cases.yml"

pytestmark = pytest.mark.skipif(promtool() is None, reason="no promtool (Debian package prometheus)")


def cases_for(rule_file: Path, tmp_path: Path) -> Path:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    cases["rule_files"] = [str(rule_file)]
    path = tmp_path / "cases.yml"
    path.write_text(yaml.safe_dump(cases, sort_keys=False), encoding="utf-8")
    return path


def test_alert_rules_fire_on_backlog_lag_errors_downtime_and_sla_breaches(tmp_path):
    result = run(promtool(), "test", "rules", str(cases_for(ROOT / "deploy/prometheus/alerts.yml", tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_a_unit_case():
    alerts = {r["alert"] for g in load_yaml("deploy/prometheus/alerts.yml")["groups"] for r in g["rules"]}
    tested = {check["alertname"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["tests"]
              for check in case["alert_rule_test"]}
    assert alerts == tested, alerts ^ tested


def test_a_broken_rule_fails_its_unit_case(tmp_path):
    rules = load_yaml("deploy/prometheus/alerts.yml")
    for group in rules["groups"]:
        for rule in group["rules"]:
            if rule["alert"] == "CrmConsumerLag":
                rule["expr"] = rule["expr"].replace("> 1000", "> 100000")
    broken = tmp_path / "broken.yml"
    broken.write_text(yaml.safe_dump(rules), encoding="utf-8")
    result = run(promtool(), "test", "rules", str(cases_for(broken, tmp_path)))
    assert result.returncode != 0 and "CrmConsumerLag" in result.stdout + result.stderr
