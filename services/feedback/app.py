"""Feedback service: tickets under tiered SLAs, escalations, closed loop (docs/design.md §5)."""

from pathlib import Path

from fastapi import FastAPI

from services.feedback.api import router
from services.feedback.events import HANDLERS
from services.feedback.models import Base
from services.feedback.service.config import seed_defaults
from services.feedback.service.sweeper import sla_sweeper
from services.feedback.settings import FeedbackSettings, feedback_settings
from shared.app import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="feedback",
    title="Feedback service",
    description=(
        "Tickets with a priority given or proposed from the text, routed to a team by category, "
        "under SLA targets from the priority x tier tables (the stricter wins) on a 24x7 or "
        "business calendar with Chinese holidays. A sweeper escalates at 80%, on breach and half "
        "a target later. Publishes `ticket-created`, `ticket-escalated`, `ticket-resolved`, "
        "`ticket-reopened`, `ticket-closed`."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[router],
    publishes=["ticket-created", "ticket-escalated", "ticket-resolved", "ticket-reopened", "ticket-closed"],
    handlers=HANDLERS,
    workers=[sla_sweeper],
    on_startup=[seed_defaults],
)


def create_app(settings: FeedbackSettings | None = None) -> FastAPI:
    return create_service_app(SPEC, settings or feedback_settings())
