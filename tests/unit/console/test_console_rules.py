"""The console's pure rules: SLA clocks and badges, charts, the monthly report as CSV, forms, roles
and the words of both languages (docs/design.md §5, §12)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.console import i18n
from services.console.domain import access, charts, forms, reports
from services.console.domain.sla import ClockState, Metric, sla_clock
from shared.auth import Role
from shared.rfc3339 import format_time

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _sla(
    *,
    first_due_h: float,
    resolution_due_h: float,
    responded: bool = False,
    paused: bool = False,
    warning_h: float | None = None,
    breached: bool = False,
) -> dict:
    def at(hours: float) -> str:
        return format_time(NOW + timedelta(hours=hours))

    return {
        "first_response_due": at(first_due_h),
        "resolution_due": at(resolution_due_h),
        "first_responded_at": at(-1) if responded else None,
        "paused": paused,
        "first_response_warning_at": at(warning_h if warning_h is not None else first_due_h - 0.4),
        "resolution_warning_at": at(warning_h if warning_h is not None else resolution_due_h - 4),
        "first_response_breached": breached,
        "resolution_breached": False,
    }


def test_before_the_first_reply_the_first_response_clock_runs():
    clock = sla_clock("new", _sla(first_due_h=2, resolution_due_h=24), NOW)
    assert (clock.metric, clock.state, clock.seconds_left) == (
        Metric.FIRST_RESPONSE,
        ClockState.ON_TRACK,
        7200,
    )


def test_after_the_first_reply_the_resolution_clock_runs():
    clock = sla_clock("in_progress", _sla(first_due_h=2, resolution_due_h=24, responded=True), NOW)
    assert clock.metric is Metric.RESOLUTION and clock.seconds_left == 24 * 3600


def test_past_eighty_percent_of_a_target_is_a_warning_and_past_the_due_time_a_breach():
    assert (
        sla_clock("new", _sla(first_due_h=0.3, resolution_due_h=24, warning_h=-0.1), NOW).state
        is ClockState.WARNING
    )
    breached = sla_clock("new", _sla(first_due_h=-28, resolution_due_h=-6), NOW)
    assert breached.state is ClockState.BREACHED and breached.seconds_left == -28 * 3600
    flagged = sla_clock("assigned", _sla(first_due_h=1, resolution_due_h=24, breached=True), NOW)
    assert flagged.state is ClockState.BREACHED  # the service's breach flag wins over a moved due time


def test_waiting_for_the_customer_pauses_and_a_resolved_ticket_stops_the_clock():
    assert (
        sla_clock("pending_customer", _sla(first_due_h=2, resolution_due_h=24, paused=True), NOW).state
        is ClockState.PAUSED
    )
    assert sla_clock("resolved", _sla(first_due_h=2, resolution_due_h=24), NOW).state is ClockState.STOPPED


def test_the_queue_puts_breaches_first_then_warnings_then_the_nearest_due_time():
    clocks = [
        sla_clock("new", _sla(first_due_h=h, resolution_due_h=48, warning_h=w), NOW)
        for h, w in ((5, 4), (-1, -2), (0.5, -0.1), (1, 0.9))
    ]
    ordered = sorted(clocks, key=lambda c: c.urgency)
    assert [c.state for c in ordered] == [
        ClockState.BREACHED,
        ClockState.WARNING,
        ClockState.ON_TRACK,
        ClockState.ON_TRACK,
    ]
    assert ordered[2].seconds_left == 3600


def test_tier_shares_against_the_intended_shares_of_seed_004():
    shares = reports.tier_shares(
        {"VIP": 2, "Key": 2, "Regular": 4, "Observation": 2, "unscored": 5},
        {"VIP": 0.1, "Key": 0.2, "Regular": 0.5, "Observation": 0.2},
    )
    assert [(s.tier, s.customers, s.share, s.gap) for s in shares] == [
        ("VIP", 2, 0.2, 10.0),
        ("Key", 2, 0.2, 0.0),
        ("Regular", 4, 0.4, -10.0),
        ("Observation", 2, 0.2, 0.0),
    ]


def test_months_run_back_across_a_year_end():
    assert reports.previous_months("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert reports.valid_month("2026-12") and not reports.valid_month("2026-13")
    assert not reports.valid_month("26-1") and not reports.valid_month(None)


def test_the_monthly_report_flattens_to_csv_rows_a_spreadsheet_opens_safely():
    report = {
        "month": "2026-02",
        "sla": {"tiers": {"VIP": {"resolution_on_time_rate": 0.75}}},
        "notes": ["a", "b"],
        "effect": {"by_tier": {"Key": {"nps": -10}}},
        "owner": "=HYPERLINK(1)",
    }
    rows = reports.flatten(report)
    assert ("sla", "tiers/VIP", "resolution_on_time_rate", 0.75) in rows
    assert ("", "", "month", "2026-02") in rows and ("", "", "notes", "a; b") in rows
    text = reports.csv_text(rows)
    assert text.startswith("\ufeffsection,group,metric,value\r\n")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["effect", "by_tier/Key", "nps", "-10"] in parsed
    assert ["", "", "owner", "'=HYPERLINK(1)"] in parsed  # no formula runs in a spreadsheet


def test_a_line_chart_leaves_a_gap_where_a_month_has_no_figure():
    chart = charts.line_chart(["01", "02", "03", "04"], {"VIP": [50, None, 70, 80]}, low=0, high=100)
    [line] = chart.lines
    assert line.path.count("M") == 2 and line.path.count("L") == 1
    assert [p.value for p in line.points] == [50, 70, 80]
    ys = {t.label: t.position for t in chart.y_ticks}
    assert ys["0"] > ys["100"]  # higher values are drawn higher
    assert line.points[0].y == pytest.approx((ys["0"] + ys["100"]) / 2)


def test_a_bar_chart_groups_one_bar_per_series_in_each_category():
    chart = charts.bar_chart(["VIP", "Key"], {"actual": [30.0, 10.0], "intended": [10.0, 20.0]})
    assert len(chart.bars) == 4
    vip_actual = next(b for b in chart.bars if b.category == "VIP" and b.series == "actual")
    key_intended = next(b for b in chart.bars if b.category == "Key" and b.series == "intended")
    assert vip_actual.height == pytest.approx(key_intended.height * 1.5, abs=0.05)
    assert not chart.empty and charts.line_chart(["01"], {"x": [None]}).empty


def test_curve_points_are_read_as_input_colon_score():
    assert forms.parse_points("curves.R", "0:100, 30:95;60:85\n120:60") == [
        [0, 100],
        [30, 95],
        [60, 85],
        [120, 60],
    ]
    with pytest.raises(forms.FormError) as error:
        forms.parse_points("curves.R", "0:100, thirty")
    assert error.value.field == "curves.R"
    assert forms.format_points([(0, 100.0), (30, 95.5)]) == "0:100, 30:95.5"


def test_api_errors_land_on_the_form_field_whose_name_prefixes_their_path():
    problem = {
        "detail": "Invalid value",
        "errors": [
            {"field": "curves.R.2.1", "message": "not increasing"},
            {"field": "weights", "message": "sum to 1"},
            {"field": "thresholds.VIP", "message": "too high"},
        ],
    }
    placed = forms.errors_for_fields(forms.field_errors(problem), ["curves.R", "thresholds.VIP", "weights.R"])
    assert placed == {"curves.R": "not increasing", "body": "sum to 1", "thresholds.VIP": "too high"}


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        ("/customers/cust-a?tab=plan", "/customers/cust-a?tab=plan"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
        ("/ok\r\nSet-Cookie:x", "/"),
    ],
)
def test_after_sign_in_only_a_path_of_the_console_is_followed(asked, kept):
    assert forms.safe_next(asked) == kept


def test_each_role_has_its_pages_and_lands_on_its_work():
    assert access.pages_for(frozenset({Role.ANALYST})) == [access.Page.DASHBOARD, access.Page.SETTINGS]
    assert access.home_page(frozenset({Role.AGENT})) is access.Page.QUEUE
    assert access.home_page(frozenset({Role.ACCOUNT_MANAGER})) is access.Page.ACTIONS
    assert access.home_page(frozenset({Role.MANAGER})) is access.Page.DASHBOARD
    assert access.home_page(frozenset()) is None
    assert {u.roles[0] for u in access.DEMO_USERS} == set(Role)
    assert {"am-li", "am-wang"} <= {u.subject for u in access.DEMO_USERS}


def test_every_word_a_template_uses_exists_in_both_languages():
    templates = Path(access.__file__).resolve().parents[1] / "templates"
    used = set()
    for template in templates.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.-]+)["']""", template.read_text()))
    missing = sorted(key for key in used if key not in i18n.MESSAGES and not key.endswith("."))  # "x." ~ var
    assert missing == []
    for key, (english, chinese) in i18n.MESSAGES.items():
        assert (english and chinese) or key == "unit.join", key  # Chinese joins units with no space
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", chinese)), key


def test_the_language_follows_the_browser_and_falls_back_to_chinese():
    assert i18n.negotiate("en-US,en;q=0.9", "zh-CN") == "en"
    assert i18n.negotiate("zh-TW,zh;q=0.9,en;q=0.8", "zh-CN") == "zh-CN"
    assert i18n.negotiate("fr-FR", "zh-CN") == "zh-CN"
    t = i18n.translator("zh-CN")
    assert t("sla.left", duration="2小时") == "剩余2小时"
    assert t("no.such.key", default="fallback") == "fallback"


def test_production_needs_an_identity_provider_a_secure_cookie_and_offers_no_demo_users():
    from pydantic import ValidationError

    from services.console.settings import console_settings

    production = {"env": "production", "jwt_secret": "a-production-secret-0123456789abcdef-xyz"}
    with pytest.raises(ValidationError, match="CRM_OIDC_ISSUER"):
        console_settings(**production)
    provider = {"oidc_issuer": "https://id.example.com", "oidc_client_id": "console",
                "oidc_redirect_url": "https://console.example.com/auth/callback"}
    with pytest.raises(ValidationError, match="CRM_COOKIE_SECURE"):
        console_settings(**production, **provider, cookie_secure=False)
    settings = console_settings(**production, **provider, demo_sign_in=True)
    assert settings.oidc_enabled and not settings.demo_sign_in_enabled
    assert settings.session_cookie == "__Host-crm_console"
