"""Playbook service: rules, care actions, contact caps, cases, experiments, effect reports.

The rules are in docs/design.md §6.
"""

from pathlib import Path

from fastapi import FastAPI

from services.playbook.api import router
from services.playbook.events import HANDLERS
from services.playbook.models import Base, ConfigVersionRow
from services.playbook.service import digest, erasure, recurring
from services.playbook.service.config import seed_defaults
from services.playbook.service.workers import overdue_sweeper, survey_inviter
from services.playbook.settings import PlaybookSettings, playbook_settings
from shared.app import ServiceSpec, create_service_app
from shared.erasure import retention_schedule

SPEC = ServiceSpec(
    name="playbook",
    title="Playbook service",
    description=(
        "Turns events into care actions for the people who own each account: editable rules "
        "(trigger, conditions, action templates), a care plan per customer, contact caps by value "
        "class with channel pauses (a capped action is deferred with the reason and a date, never "
        "dropped; promised actions never deferred), recurring care planned per period for each "
        "customer's tier and quadrant, the presence check, the weekly owner digest, cases, rule "
        "experiments with a control group, and monthly effect reports. Publishes `action-created`, "
        "`action-completed`, `action-overdue`, `digest-ready` and `customer-erasure-confirmed` (free "
        "text about a customer erased on request and after the retention period)."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[router],
    publishes=["action-created", "action-completed", "action-overdue", "digest-ready",
               "customer-erasure-confirmed"],
    handlers=HANDLERS,
    workers=[overdue_sweeper, survey_inviter],
    schedules=[*recurring.SCHEDULES, *digest.SCHEDULES, retention_schedule(
        erasure.sweep_old_texts, "the customer feedback and next steps recorded on actions")],
    config_versions=ConfigVersionRow,
    on_startup=[seed_defaults],
)


def create_app(settings: PlaybookSettings | None = None) -> FastAPI:
    return create_service_app(SPEC, settings or playbook_settings())
