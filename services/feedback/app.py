"""Feedback service: tickets under tiered SLAs, escalations, closed loop (docs/design.md §5)."""

from datetime import time
from pathlib import Path

from fastapi import FastAPI

from services.feedback.api import router
from services.feedback.events import HANDLERS
from services.feedback.models import Base, ConfigVersionRow
from services.feedback.service import erasure
from services.feedback.service.closure import auto_close
from services.feedback.service.config import seed_defaults
from services.feedback.service.monthly_report import monthly_report
from services.feedback.service.sweeper import sla_sweeper
from services.feedback.settings import FeedbackSettings, feedback_settings
from shared.app import ServiceSpec, create_service_app
from shared.erasure import retention_schedule
from shared.recurrence import Recurrence
from shared.scheduler import CatchUp, Schedule

SCHEDULES = [
    Schedule(
        "auto-close", Recurrence.every_minutes(10), auto_close,
        "Resolved tickets with no verification answer after the verification policy's days (7) "
        "close by themselves, recorded as closed without confirmation",
        catch_up=CatchUp.LATEST,
    ),
    Schedule(
        "monthly-report", Recurrence.monthly(at=time(2, 0)), monthly_report,
        "The month before's tiered service report (SLA by tier and priority, satisfaction and NPS, "
        "actions, tier moves, effect): built, stored and announced with report-published",
        catch_up=CatchUp.EACH, max_catch_up=12,
    ),
    retention_schedule(erasure.sweep_old_texts,
                       "ticket descriptions, conversations, solutions and verification comments"),
]

SPEC = ServiceSpec(
    name="feedback",
    title="Feedback service",
    description=(
        "Tickets with a priority given or proposed from the text, routed to a team by category, "
        "under SLA targets from the priority x tier tables (the stricter wins) on a 24x7 or "
        "business calendar with Chinese holidays. A sweeper escalates at 80%, on breach and half "
        "a target later. Resolved tickets left unanswered close by themselves. On the 1st it builds "
        "the monthly tiered service report. Publishes `ticket-created`, `ticket-assigned`, "
        "`ticket-escalated`, `ticket-resolved`, `ticket-reopened`, `ticket-closed`, `report-published` and "
        "`customer-erasure-confirmed` (ticket texts erased on request and after the retention period)."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[router],
    publishes=["ticket-created", "ticket-assigned", "ticket-escalated", "ticket-resolved", "ticket-reopened",
               "ticket-closed", "report-published", "customer-erasure-confirmed"],
    handlers=HANDLERS,
    workers=[sla_sweeper],
    schedules=SCHEDULES,
    config_versions=ConfigVersionRow,
    on_startup=[seed_defaults],
)


def create_app(settings: FeedbackSettings | None = None) -> FastAPI:
    return create_service_app(SPEC, settings or feedback_settings())
