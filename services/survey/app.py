"""Survey service: templates, invitations, satisfaction, topics, ticket verification (docs/design.md §4)."""

from pathlib import Path

from fastapi import FastAPI

from services.survey.api import public_router, router
from services.survey.events import HANDLERS
from services.survey.models import Base, ConfigVersionRow
from services.survey.service import erasure
from services.survey.service.cadence import SCHEDULES
from services.survey.service.ratelimit import rate_limit_janitor
from services.survey.service.schedule import seed_default_schedule
from services.survey.service.surveys import seed_default_survey
from services.survey.settings import SurveySettings, survey_settings
from shared.app import ServiceSpec, create_service_app
from shared.erasure import retention_schedule

SPEC = ServiceSpec(
    name="survey",
    title="Survey service",
    description=(
        "Survey templates (dimensions of 1-5 Likert items, NPS, open questions, per-tier weights), "
        "invitations with unguessable tokens answered without login on a mobile page, weighted "
        "satisfaction, results by tier, topics of open answers, and the ticket verification of "
        "the closed loop; surveys on cadence per tier with reminders, a 30-day fatigue guard and coverage "
        "per period; anonymous surveys; erasure and retention of what customers wrote. Publishes "
        "`satisfaction-scored`, `ticket-verification-answered`, `invitation-created` and "
        "`customer-erasure-confirmed`."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[router, public_router],
    publishes=["satisfaction-scored", "ticket-verification-answered", "invitation-created",
               "customer-erasure-confirmed"],
    handlers=HANDLERS,
    workers=[rate_limit_janitor],
    schedules=[*SCHEDULES, retention_schedule(
        erasure.sweep_old_texts, "open answers, comments and answers saved part way")],
    config_versions=ConfigVersionRow,
    on_startup=[seed_default_survey, seed_default_schedule],
)


def create_app(settings: SurveySettings | None = None) -> FastAPI:
    return create_service_app(SPEC, settings or survey_settings())
