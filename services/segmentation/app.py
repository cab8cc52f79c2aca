"""Segmentation service: customers, scores, tiers, quadrants, overrides (docs/design.md §3)."""

from pathlib import Path

from fastapi import FastAPI

from services.segmentation.api import router
from services.segmentation.events import HANDLERS
from services.segmentation.models import Base, ConfigVersionRow
from services.segmentation.service.evaluation import SCHEDULES, review_scheduler
from services.segmentation.service.jobs import rescore_job_worker
from services.segmentation.service.policy import seed_default_policy
from services.segmentation.service.scoring import seed_default_model
from services.segmentation.service.snapshots import align_order_months
from services.segmentation.settings import SegmentationSettings, segmentation_settings
from shared.app import ServiceSpec, create_service_app

SPEC = ServiceSpec(
    name="segmentation",
    title="Segmentation service",
    description=(
        "Tiers customers by value (R, F, M, P, L curves, weighted), places them in value x "
        "loyalty quadrants, rescores a customer when its orders are recorded, keeps a month-end "
        "snapshot of every customer (trends), moves tiers at scheduled reviews and on spending "
        "drops, warns of churn risk, lets managers approve tier overrides, and erases a customer's "
        "personal data on request. Publishes `score-updated`, `tier-changed`, "
        "`churn-risk-detected`, `order-recorded`, `customer-assigned` (a customer's owner and team, "
        "for the access scopes) and `customer-erased`."
    ),
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[router],
    publishes=["score-updated", "tier-changed", "churn-risk-detected", "order-recorded", "customer-assigned",
               "customer-erased"],
    handlers=HANDLERS,
    workers=[rescore_job_worker, review_scheduler],
    schedules=SCHEDULES,
    config_versions=ConfigVersionRow,
    on_startup=[seed_default_model, seed_default_policy, align_order_months],
)


def create_app(settings: SegmentationSettings | None = None) -> FastAPI:
    return create_service_app(SPEC, settings or segmentation_settings())
