"""The settings pages' reads and writes: scoring model (with dry run), SLA tables, calendar, rules and
contact policy, each through its service's API (docs/design.md §12).

Every write sends If-Match with the ETag the form was rendered with (its hidden `if_match`): a
version saved by someone else since answers 412, and the page shows why with the input kept."""

from __future__ import annotations

import json
from typing import Any

from services.console.domain.forms import (
    FormError,
    format_points,
    parse_lines,
    parse_number,
    parse_optional_number,
    parse_points,
    submitted_version,
)
from services.console.service.gateway import Gateway, Result, form_refusal
from services.console.service.sessions import ConsoleUser

FACTORS = ("R", "F", "M", "P", "L")
THRESHOLD_TIERS = ("VIP", "Key", "Regular")
PRIORITIES = ("P1", "P2", "P3")
TIERS = ("VIP", "Key", "Regular", "Observation")
VERSION_FIELDS = ("version", "created_by", "created_at", "active", "inputs")


# --- scoring model -----------------------------------------------------------------------------

MODEL_FIELDS = (
    [f"thresholds.{t}" for t in THRESHOLD_TIERS]
    + [f"weights.{f}" for f in FACTORS]
    + [f"curves.{f}" for f in FACTORS]
)


def model_form(model: dict[str, Any]) -> dict[str, str]:
    """The form's values of a model document (weights shown as they are stored: shares of 1)."""
    values = {f"thresholds.{t}": f"{model['thresholds'][t]:g}" for t in THRESHOLD_TIERS}
    values |= {f"weights.{f}": f"{model['weights'][f]:g}" for f in FACTORS}
    values |= {f"curves.{f}": format_points(model["curves"][f]) for f in FACTORS}
    return values


def model_document(form: dict[str, str]) -> dict[str, Any]:
    return {
        "thresholds": {
            t: parse_number(f"thresholds.{t}", form.get(f"thresholds.{t}")) for t in THRESHOLD_TIERS
        },
        "weights": {f: parse_number(f"weights.{f}", form.get(f"weights.{f}")) for f in FACTORS},
        "curves": {f: parse_points(f"curves.{f}", form.get(f"curves.{f}", "")) for f in FACTORS},
    }


async def scoring_model(gateway: Gateway, user: ConsoleUser) -> Result:
    return await gateway.call("segmentation", "GET", "/v1/scoring-model", user.access_token)


async def model_dry_run(gateway: Gateway, user: ConsoleUser, form: dict[str, str]) -> Result:
    try:
        document = model_document(form)
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        "segmentation", "POST", "/v1/scoring-model/dry-run", user.access_token, json=document
    )


async def apply_model(gateway: Gateway, user: ConsoleUser, form: dict[str, str]) -> Result:
    try:
        version = submitted_version(form)
        document = model_document(form)
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        "segmentation", "PUT", "/v1/scoring-model", user.access_token, json=document, if_match=version
    )


# --- SLA policy and calendar -------------------------------------------------------------------

SLA_FIELDS = (
    [f"priority_targets.{p}.{m}_hours" for p in PRIORITIES for m in ("first_response", "resolution")]
    + [f"tier_caps.{t}.{m}_hours" for t in TIERS for m in ("first_response", "resolution")]
    + ["escalation.warning_ratio", "escalation.task_force_after_ratio"]
)


def sla_form(policy: dict[str, Any]) -> dict[str, str]:
    values = {}
    for p in PRIORITIES:
        for m in ("first_response", "resolution"):
            values[f"priority_targets.{p}.{m}_hours"] = f"{policy['priority_targets'][p][f'{m}_hours']:g}"
    for t in TIERS:
        for m in ("first_response", "resolution"):
            hours = (policy["tier_caps"].get(t) or {}).get(f"{m}_hours")
            values[f"tier_caps.{t}.{m}_hours"] = "" if hours is None else f"{hours:g}"
    for key in ("warning_ratio", "task_force_after_ratio"):
        values[f"escalation.{key}"] = f"{policy['escalation'][key]:g}"
    return values


def _document(current: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in current.items() if k not in VERSION_FIELDS}


async def sla_policy(gateway: Gateway, user: ConsoleUser) -> Result:
    return await gateway.call("feedback", "GET", "/v1/sla-policy", user.access_token)


async def save_sla_policy(gateway: Gateway, user: ConsoleUser, form: dict[str, str]) -> Result:
    try:
        version = submitted_version(form)
    except FormError as error:
        return form_refusal(error)
    current = await sla_policy(gateway, user)
    if not current.ok:
        return current
    document = _document(current.data)  # round-the-clock rules and the calendar stay as they are
    try:
        # Targets the form does not show (the next-reply hours) stay as they are.
        for p in PRIORITIES:
            document["priority_targets"][p] = {**document["priority_targets"].get(p, {}), **{
                f"{m}_hours": parse_number(
                    f"priority_targets.{p}.{m}_hours", form.get(f"priority_targets.{p}.{m}_hours")
                )
                for m in ("first_response", "resolution")
            }}
        for t in TIERS:
            document["tier_caps"][t] = {**document["tier_caps"].get(t, {}), **{
                f"{m}_hours": parse_optional_number(
                    f"tier_caps.{t}.{m}_hours", form.get(f"tier_caps.{t}.{m}_hours")
                )
                for m in ("first_response", "resolution")
            }}
        for key in ("warning_ratio", "task_force_after_ratio"):
            document["escalation"][key] = parse_number(f"escalation.{key}", form.get(f"escalation.{key}"))
    except FormError as error:
        return form_refusal(error)
    # The version the form was read at, not the one just read: a change saved meanwhile is a 412.
    return await gateway.call("feedback", "PUT", "/v1/sla-policy", user.access_token, json=document,
                              if_match=version)


CALENDAR_FIELDS = ["timezone", "work_start", "work_end", "holidays", "workdays", "use_chinese_calendar"]


def calendar_form(calendar: dict[str, Any]) -> dict[str, str]:
    return {
        "timezone": calendar["timezone"],
        "work_start": calendar["work_start"],
        "work_end": calendar["work_end"],
        "holidays": "\n".join(calendar.get("holidays", [])),
        "workdays": "\n".join(calendar.get("workdays", [])),
        "use_chinese_calendar": "on" if calendar.get("use_chinese_calendar") else "",
    }


async def calendar(gateway: Gateway, user: ConsoleUser) -> Result:
    return await gateway.call("feedback", "GET", "/v1/calendar", user.access_token)


async def save_calendar(gateway: Gateway, user: ConsoleUser, form: dict[str, str]) -> Result:
    try:
        version = submitted_version(form)
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        "feedback",
        "PUT",
        "/v1/calendar",
        user.access_token,
        json={
            "timezone": form.get("timezone", "").strip(),
            "work_start": form.get("work_start", "").strip(),
            "work_end": form.get("work_end", "").strip(),
            "holidays": parse_lines(form.get("holidays")),
            "workdays": parse_lines(form.get("workdays")),
            "use_chinese_calendar": form.get("use_chinese_calendar") == "on",
        },
        if_match=version,
    )


# --- rules and contact policy (JSON documents) -------------------------------------------------


def pretty(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _json(field: str, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise FormError(field, f"not valid JSON: {error}") from None


async def rules(gateway: Gateway, user: ConsoleUser) -> Result:
    return await gateway.call("playbook", "GET", "/v1/rules", user.access_token)


async def save_rule(gateway: Gateway, user: ConsoleUser, rule_id: str, form: dict[str, str]) -> Result:
    """One rule of the set; If-Match carries the set's version (a rule is edited within its set)."""
    try:
        version = submitted_version(form)
        rule = _json("rule", form.get("rule", ""))
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        "playbook", "PUT", f"/v1/rules/{rule_id}", user.access_token, json=rule, if_match=version
    )


async def contact_policy(gateway: Gateway, user: ConsoleUser) -> Result:
    return await gateway.call("playbook", "GET", "/v1/contact-policy", user.access_token)


async def save_contact_policy(gateway: Gateway, user: ConsoleUser, form: dict[str, str]) -> Result:
    try:
        version = submitted_version(form)
        policy = _json("policy", form.get("policy", ""))
    except FormError as error:
        return form_refusal(error)
    return await gateway.call(
        "playbook", "PUT", "/v1/contact-policy", user.access_token, json=policy, if_match=version
    )
