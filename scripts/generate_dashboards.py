"""Write the Grafana dashboards of deploy/grafana/dashboards/ from the panel lists below.

    .venv/bin/python -m scripts.generate_dashboards          # write them
    .venv/bin/python -m scripts.generate_dashboards --check  # exit 1 when a file is stale

Every metric a query names must be one a service exposes (tests/deploy/test_dashboards.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD_DIR = ROOT / "deploy" / "grafana" / "dashboards"
DATASOURCE = {"type": "prometheus", "uid": "crm-prometheus"}
SERVICE_FILTER = 'service=~"$service"'


@dataclass
class Panel:
    title: str
    queries: list[tuple[str, str]]  # (PromQL, legend)
    unit: str = "short"
    kind: str = "timeseries"
    description: str = ""
    width: int = 12
    stack: bool = False
    thresholds: list[tuple[float, str]] = field(default_factory=list)
    requires: str | None = None  # shown only once a service defines this metric


def metric_defined(name: str) -> bool:
    """Whether a service's code defines the metric (its name as a string literal)."""
    return any(f'"{name}"' in path.read_text(encoding="utf-8") for path in ROOT.glob("services/*/**/*.py"))


@dataclass
class Row:
    title: str
    panels: list[Panel]


def _panel_json(panel: Panel, panel_id: int, x: int, y: int) -> dict[str, Any]:
    defaults: dict[str, Any] = {"unit": panel.unit}
    if panel.thresholds:
        defaults["thresholds"] = {
            "mode": "absolute",
            "steps": [{"color": "green", "value": None}]
            + [{"color": color, "value": value} for value, color in panel.thresholds],
        }
    if panel.kind == "timeseries":
        defaults["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10,
                              "stacking": {"mode": "normal" if panel.stack else "none"}}
    options: dict[str, Any] = {"legend": {"displayMode": "list", "placement": "bottom"},
                               "tooltip": {"mode": "multi"}}
    if panel.kind in ("stat", "bargauge", "piechart"):
        options = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}}
    return {
        "id": panel_id,
        "type": panel.kind,
        "title": panel.title,
        "description": panel.description,
        "datasource": DATASOURCE,
        "gridPos": {"x": x, "y": y, "w": panel.width, "h": 8},
        "targets": [
            {"refId": chr(ord("A") + i), "datasource": DATASOURCE, "expr": expr, "legendFormat": legend}
            for i, (expr, legend) in enumerate(panel.queries)
        ],
        "fieldConfig": {"defaults": defaults, "overrides": []},
        "options": options,
    }


def dashboard(uid: str, title: str, description: str, rows: list[Row], service_variable: bool) -> dict:
    """A Grafana dashboard model (schemaVersion 39) with rows laid out on a 24-column grid."""
    panels: list[dict[str, Any]] = []
    y = 0
    next_id = 1
    for row in rows:
        panels.append({"id": next_id, "type": "row", "title": row.title, "collapsed": False,
                       "gridPos": {"x": 0, "y": y, "w": 24, "h": 1}, "panels": []})
        next_id += 1
        y += 1
        x = 0
        for panel in row.panels:
            if panel.requires and not metric_defined(panel.requires):
                continue
            if x + panel.width > 24:
                x, y = 0, y + 8
            panels.append(_panel_json(panel, next_id, x, y))
            next_id += 1
            x += panel.width
        y += 8
    templating = []
    if service_variable:
        templating.append({
            "name": "service", "label": "Service", "type": "query", "datasource": DATASOURCE,
            "query": {"query": "label_values(crm_http_requests_total, service)", "refId": "services"},
            "definition": "label_values(crm_http_requests_total, service)",
            "refresh": 2, "multi": True, "includeAll": True, "allValue": ".*",
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        })
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["crm-care"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": False,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": templating},
        "annotations": {"list": []},
        "links": [],
        "panels": panels,
    }


def platform_dashboard() -> dict:
    s = SERVICE_FILTER
    rows = [
        Row("HTTP: rate, errors, latency per service", [
            Panel("Request rate", [(f"sum by (service) (rate(crm_http_requests_total{{{s}}}[5m]))",
                                    "{{service}}")], unit="reqps", width=8),
            Panel("5xx error ratio", [(
                f'sum by (service) (rate(crm_http_requests_total{{{s},status=~"5.."}}[5m]))'
                f" / clamp_min(sum by (service) (rate(crm_http_requests_total{{{s}}}[5m])), 1e-9)",
                "{{service}}")], unit="percentunit", width=8, thresholds=[(0.05, "red")]),
            Panel("Latency p50 / p95 / p99", [
                (f"histogram_quantile({q}, sum by (service, le) "
                 f"(rate(crm_http_request_duration_seconds_bucket{{{s}}}[5m])))", f"{{{{service}}}} p{p}")
                for q, p in (("0.5", "50"), ("0.95", "95"), ("0.99", "99"))
            ], unit="s", width=8),
            Panel("4xx by route", [(
                f'sum by (service, route, status) (rate(crm_http_requests_total{{{s},status=~"4.."}}[5m]))',
                "{{service}} {{route}} {{status}}")], unit="reqps", width=12),
            Panel("Mean latency by route", [(
                f"sum by (service, route) (rate(crm_http_request_duration_seconds_sum{{{s}}}[5m]))"
                f" / clamp_min(sum by (service, route) "
                f"(rate(crm_http_request_duration_seconds_count{{{s}}}[5m])), 1e-9)",
                "{{service}} {{route}}")], unit="s", width=12),
        ]),
        Row("Events: per topic, consumer lag, outbox", [
            Panel("Events published per topic", [(
                f"sum by (event_type) (rate(crm_events_produced_total{{{s}}}[5m]))", "{{event_type}}")],
                unit="ops", width=8, stack=True),
            Panel("Events consumed by outcome", [(
                f"sum by (service, event_type, outcome) (rate(crm_events_consumed_total{{{s}}}[5m]))",
                "{{service}} {{event_type}} {{outcome}}")], unit="ops", width=8),
            Panel("Handler failures and dead letters", [
                (f"sum by (service, event_type) (increase(crm_events_failed_total{{{s}}}[15m]))",
                 "failed {{service}} {{event_type}}"),
                (f"sum by (service, event_type) (increase(crm_events_dead_lettered_total{{{s}}}[15m]))",
                 "dead-lettered {{service}} {{event_type}}"),
            ], width=8),
            Panel("Consumer lag per topic", [(
                f"sum by (service, topic) (crm_consumer_lag{{{s}}})", "{{service}} ← {{topic}}")],
                width=12, thresholds=[(1000, "red")]),
            Panel("Outbox backlog", [(f"max by (service) (crm_outbox_backlog{{{s}}})", "{{service}}")],
                  width=12, thresholds=[(1000, "red")],
                  description="Events committed but not yet published by the relay."),
        ]),
        Row("Staff console: its calls to the services, sign-ins", [
            Panel("Console calls by service and outcome", [(
                "sum by (service, outcome) (rate(crm_console_api_calls_total[5m]))",
                "{{service}} {{outcome}}")], unit="reqps", width=8,
                description="What the pages got from each service; `unavailable` parts of pages show here."),
            Panel("Console call latency p95 per service", [(
                "histogram_quantile(0.95, sum by (service, le) "
                "(rate(crm_console_api_call_duration_seconds_bucket[5m])))", "{{service}}")],
                unit="s", width=8),
            Panel("Console sign-ins", [(
                "sum by (method, outcome) (increase(crm_console_sign_ins_total[1h]))",
                "{{method}} {{outcome}}")], width=8),
        ]),
    ]
    return dashboard("crm-platform", "CRM platform: services and events",
                     "Request rate, errors and latency per service; events per topic, lag, outbox.",
                     rows, service_variable=True)


def business_dashboard() -> dict:
    rows = [
        Row("Segmentation: tiers and quadrants", [
            Panel("Customers per tier", [("sum by (tier) (crm_segmentation_customers_by_tier)", "{{tier}}")],
                  kind="piechart", width=8),
            Panel("Customers per quadrant", [(
                "sum by (quadrant) (crm_segmentation_customers_by_quadrant)", "{{quadrant}}")],
                kind="piechart", width=8),
            Panel("Tier changes", [(
                "sum by (from_tier, to_tier) (increase(crm_segmentation_tier_changes_total[1h]))",
                "{{from_tier}} → {{to_tier}}")], width=8),
            Panel("Churn-risk signals", [(
                "sum by (reason) (increase(crm_segmentation_churn_signals_total[1h]))", "{{reason}}")],
                width=12),
            Panel("Customers rescored", [(
                "sum by (reason) (rate(crm_segmentation_customers_rescored_total[5m]))", "{{reason}}")],
                unit="ops", width=6),
            Panel("Rescore job progress", [(
                "max(crm_segmentation_rescore_job_processed)", "customers processed")], width=6),
        ]),
        Row("Feedback: tickets and SLAs by tier", [
            Panel("Open tickets by priority", [(
                "sum by (priority) (crm_feedback_open_tickets)", "{{priority}}")], kind="bargauge", width=8),
            Panel("SLA breaches by tier (per hour)", [(
                "sum by (tier, metric) (increase(crm_feedback_sla_breaches_total[1h]))",
                "{{tier}} {{metric}}")], width=8),
            Panel("Breaches per ticket opened (24 h)", [(
                "sum(increase(crm_feedback_sla_breaches_total[24h])) / clamp_min(sum(increase("
                'crm_events_produced_total{event_type="ticket-created"}[24h])), 1)', "breach rate")],
                kind="stat", unit="percentunit", width=8, thresholds=[(0.1, "red")]),
            Panel("Escalations by level", [(
                "sum by (level, metric) (increase(crm_feedback_escalations_total[1h]))",
                "level {{level}} {{metric}}")], width=12),
            Panel("On-time rate by tier and metric (30 d)", [(
                'sum by (tier, metric) (increase(crm_feedback_sla_outcomes_total{outcome="on_time"}[30d]))'
                " / clamp_min(sum by (tier, metric) (increase(crm_feedback_sla_outcomes_total[30d])), 1)",
                "{{tier}} {{metric}}")], kind="bargauge", unit="percentunit", width=12,
                requires="crm_feedback_sla_outcomes_total"),
            Panel("First response time p50 / p90 by priority", [
                (f"histogram_quantile({q}, sum by (priority, le) "
                 f"(rate(crm_feedback_first_response_seconds_bucket[1h])))", f"{{{{priority}}}} p{p}")
                for q, p in (("0.5", "50"), ("0.9", "90"))
            ], unit="s", width=12),
            Panel("Breach detection delay p95", [(
                "histogram_quantile(0.95, sum by (metric, le) "
                "(rate(crm_feedback_breach_lag_seconds_bucket[1h])))",
                "{{metric}}")], unit="s", width=12,
                description="Seconds between a due time and the escalation event for it (sweeper lag)."),
            Panel("Holiday calendar fallbacks", [(
                "sum by (year) (increase(crm_feedback_calendar_fallbacks_total[1d]))", "{{year}}")], width=12,
                description="Due times computed for a year the holiday library does not know: add holidays."),
        ]),
        Row("Survey: satisfaction and responses", [
            Panel("Mean satisfaction by tier (1-5)", [(
                "sum by (tier) (rate(crm_survey_satisfaction_sum[1d])) / "
                "clamp_min(sum by (tier) (rate(crm_survey_satisfaction_count[1d])), 1e-9)", "{{tier}}")],
                width=8, thresholds=[(3.5, "yellow"), (4.5, "green")]),
            Panel("Responses by tier", [(
                "sum by (kind, tier) (increase(crm_survey_responses_total[1h]))", "{{kind}} {{tier}}")],
                width=8),
            Panel("Verification answers", [(
                "sum by (solved) (increase(crm_survey_verifications_answered_total[1h]))",
                "solved={{solved}}")], width=8),
            Panel("Response rate per survey", [(
                "max by (survey_id) (crm_survey_response_rate)", "{{survey_id}}")], kind="bargauge",
                unit="percentunit", width=8),
            Panel("Invitations created", [(
                "sum by (kind) (increase(crm_survey_invitations_total[1h]))", "{{kind}}")], width=8),
            Panel("Public answering calls refused (429)", [(
                "sum by (scope) (increase(crm_survey_rate_limited_total[1h]))", "{{scope}}")], width=8),
            Panel("NPS by tier (30 d)", [(
                '100 * (sum by (tier) (increase(crm_survey_nps_answers_total{group="promoter"}[30d]))'
                ' - sum by (tier) (increase(crm_survey_nps_answers_total{group="detractor"}[30d])))'
                " / clamp_min(sum by (tier) (increase(crm_survey_nps_answers_total[30d])), 1)", "{{tier}}")],
                kind="bargauge", width=12, requires="crm_survey_nps_answers_total"),
        ]),
        Row("Playbook: care actions", [
            Panel("Actions created by status", [(
                "sum by (status) (increase(crm_playbook_actions_created_total[1h]))", "{{status}}")],
                width=8),
            Panel("Actions completed", [(
                "sum by (kind) (increase(crm_playbook_actions_completed_total[1h]))", "{{kind}}")], width=8),
            Panel("Actions found overdue", [(
                "sum by (kind) (increase(crm_playbook_actions_overdue_total[1h]))", "{{kind}}")], width=8),
            Panel("Survey invitations requested by playbook", [(
                "sum by (outcome) (increase(crm_playbook_survey_invitations_total[1h]))", "{{outcome}}")],
                width=12),
            Panel("Open actions: due and overdue", [(
                "sum by (status) (crm_playbook_open_actions)", "{{status}}")], kind="stat", width=12,
                requires="crm_playbook_open_actions"),
        ]),
        Row("Notification: messages and partner webhooks", [
            Panel("Messages by channel and status", [(
                "sum by (channel, status) (increase(crm_notification_messages_total[1h]))",
                "{{channel}} {{status}}")], width=8, stack=True),
            Panel("Message send retries", [(
                "sum by (channel) (increase(crm_notification_message_retries_total[1h]))", "{{channel}}")],
                width=8),
            Panel("Oldest undelivered", [(
                "max by (kind) (crm_notification_oldest_undelivered_seconds)", "{{kind}}")], unit="s",
                width=8, thresholds=[(900, "orange"), (3600, "red")],
                description="Age of the oldest message or webhook delivery still waiting to go out."),
            Panel("Webhook deliveries by outcome", [(
                "sum by (outcome) (rate(crm_notification_webhook_deliveries_total[5m]))", "{{outcome}}")],
                unit="ops", width=8),
            Panel("Webhook receiver latency p95", [(
                "histogram_quantile(0.95, sum by (le) "
                "(rate(crm_notification_webhook_request_seconds_bucket[5m])))", "p95")], unit="s", width=8),
            Panel("Waiting to go out", [(
                "max by (kind) (crm_notification_undelivered)", "{{kind}}")], kind="stat", width=8),
        ]),
    ]
    return dashboard("crm-business", "Customer care: tiers, SLAs, satisfaction, actions",
                     "Tier distribution; tickets, breaches and on-time rates by tier; satisfaction; actions.",
                     rows, service_variable=False)


def dashboards() -> dict[str, dict]:
    return {"crm-platform.json": platform_dashboard(), "crm-business.json": business_dashboard()}


def render(model: dict) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for name, model in dashboards().items():
        path = DASHBOARD_DIR / name
        text = render(model)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for name in stale:
        print(("stale: " if args.check else "written: ") + name)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
