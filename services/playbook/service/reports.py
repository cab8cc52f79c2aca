"""Experiments (variants, assignment counts, outcome with 95% intervals) and the monthly effect report."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import schemas
from services.playbook.domain import effect
from services.playbook.domain.experiments import CONTROL
from services.playbook.domain.stats import Estimate, mean_interval, wilson_interval
from services.playbook.models import (
    CareActionRow,
    ChurnSignalRow,
    CustomerRow,
    CustomerSnapshotRow,
    ExperimentAssignmentRow,
    ObservedOrderRow,
    OrderRow,
    SurveyAnswerRow,
    TicketRow,
)
from services.playbook.service import config
from shared.app import ServiceContext
from shared.business_time import month_bounds as business_month_bounds
from shared.errors import InvalidInput, NotFound
from shared.pagination import Page, decode_cursor, page_of

WIN_BACK_DAYS = 30
SPEND_DAYS = 90
EXPERIMENT_DEFINITIONS = {
    "assignment": "sha256(experiment id + ':' + customer id) -> a point in [0, 1): below control_share "
                  "is the control group (no action), the rest is split evenly over the variants; "
                  "a customer keeps the arm of the first time the rule fired for them",
    "win_back_30d": "share of the arm's customers with an order (order-recorded) within 30 days after "
                    "assignment (Wilson 95% interval); windows still open count what happened so far",
    "satisfaction_change": "first satisfaction after assignment minus the last one before it, "
                           "customers with both (mean, Student t 95% interval)",
    "spend_change_3m": "spend (CNY, order-recorded) in the 3 months (90 days) after assignment minus "
                       "the 3 months before it (mean, Student t 95% interval); a customer with no "
                       "recorded order falls back to the 12-month spend its scores carried",
}
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _estimate(e: Estimate) -> schemas.EstimateOut:
    def r(x: float | None) -> float | None:
        return round(x, 4) if x is not None else None

    return schemas.EstimateOut(value=r(e.value), ci_low=r(e.low), ci_high=r(e.high), n=e.n)


async def list_experiments(
    ctx: ServiceContext, session: AsyncSession, limit: int, cursor: str | None
) -> Page[schemas.ExperimentOut]:
    """Experiments of the current rule set, by id; the cursor carries the last id returned."""
    _, rules = await config.current_rules(ctx, session)
    position = decode_cursor(cursor)
    after = str(position.get("id", "")) if position else ""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for exp_id, variant, n in (await session.execute(
        select(ExperimentAssignmentRow.experiment_id, ExperimentAssignmentRow.variant, func.count())
        .group_by(ExperimentAssignmentRow.experiment_id, ExperimentAssignmentRow.variant)
    )).all():
        counts[exp_id][variant] = n
    experiments = sorted((
        schemas.ExperimentOut(
            id=r.experiment.id, rule_id=r.id, rule_name=r.name, trigger=r.trigger, enabled=r.enabled,
            control_share=r.experiment.control_share, variants=[v.name for v in r.experiment.variants],
            assignments={name: counts[r.experiment.id].get(name, 0)
                         for name in [CONTROL, *(v.name for v in r.experiment.variants)]},
        )
        for r in rules if r.experiment is not None and r.experiment.id > after
    ), key=lambda e: e.id)
    return page_of(experiments[: limit + 1], limit, lambda e: {"id": e.id})


async def experiment_report(
    ctx: ServiceContext, session: AsyncSession, experiment_id: str
) -> schemas.ExperimentReport:
    _, rules = await config.current_rules(ctx, session)
    rule = next((r for r in rules if r.experiment and r.experiment.id == experiment_id), None)
    assignments = (await session.scalars(
        select(ExperimentAssignmentRow).where(ExperimentAssignmentRow.experiment_id == experiment_id)
    )).all()
    if rule is None and not assignments:
        raise NotFound(f"experiment {experiment_id} does not exist")
    customers = [a.customer_id for a in assignments]
    orders: dict[str, list[datetime]] = defaultdict(list)
    answers: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    spend: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    amounts: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    if customers:
        for o in (await session.scalars(select(OrderRow).where(OrderRow.customer_id.in_(customers)))).all():
            amounts[o.customer_id].append((o.ordered_at, float(o.amount)))
        for o in (await session.scalars(select(ObservedOrderRow).where(
                ObservedOrderRow.customer_id.in_(customers)))).all():
            orders[o.customer_id].append(o.ordered_at)
        for a in (await session.scalars(select(SurveyAnswerRow).where(
                SurveyAnswerRow.customer_id.in_(customers)).order_by(SurveyAnswerRow.answered_at))).all():
            answers[a.customer_id].append((a.answered_at, a.value))
        for s in (await session.scalars(select(CustomerSnapshotRow).where(
                CustomerSnapshotRow.customer_id.in_(customers), CustomerSnapshotRow.amount_12m.is_not(None))
                .order_by(CustomerSnapshotRow.computed_at, CustomerSnapshotRow.id))).all():
            spend[s.customer_id].append((s.computed_at, float(s.amount_12m)))
    arms = [CONTROL, *(v.name for v in rule.experiment.variants)] if rule and rule.experiment else []
    arms += sorted({a.variant for a in assignments} - set(arms))
    by_arm: dict[str, list[ExperimentAssignmentRow]] = defaultdict(list)
    for a in assignments:
        by_arm[a.variant].append(a)
    variants = []
    for arm in arms:
        won, sat_changes, spend_changes = 0, [], []
        for a in by_arm[arm]:
            start = a.assigned_at
            won += any(start < t <= start + timedelta(days=WIN_BACK_DAYS) for t in orders[a.customer_id])
            before = [v for t, v in answers[a.customer_id] if t <= start]
            after = [v for t, v in answers[a.customer_id] if t > start]
            if before and after:
                sat_changes.append(after[0] - before[-1])
            window = timedelta(days=SPEND_DAYS)
            if amounts[a.customer_id]:
                after_spend = sum(v for t, v in amounts[a.customer_id] if start < t <= start + window)
                before_spend = sum(v for t, v in amounts[a.customer_id] if start - window < t <= start)
                spend_changes.append(after_spend - before_spend)
                continue
            base = [v for t, v in spend[a.customer_id] if t <= start]
            later = [v for t, v in spend[a.customer_id] if start < t <= start + window]
            if base and later:
                spend_changes.append(later[-1] - base[-1])
        variants.append(schemas.VariantReport(
            variant=arm, customers=len(by_arm[arm]),
            win_back_30d=_estimate(wilson_interval(won, len(by_arm[arm]))),
            satisfaction_change=_estimate(mean_interval(sat_changes)),
            spend_change_3m=_estimate(mean_interval(spend_changes)),
        ))
    return schemas.ExperimentReport(
        experiment_id=experiment_id, rule_id=rule.id if rule else assignments[0].rule_id,
        definitions=EXPERIMENT_DEFINITIONS, variants=variants,
    )


def month_bounds(month: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """A business month (docs/design.md §9: boundaries in the business time zone)."""
    if not _MONTH.match(month or ""):
        raise InvalidInput("month must be YYYY-MM", field="month")
    return business_month_bounds(month, zone)


async def effect_report(session: AsyncSession, month: str, zone: ZoneInfo) -> schemas.EffectReport:
    start, end = month_bounds(month, zone)
    segments: dict[str, tuple[str | None, str | None]] = {}
    for c in (await session.scalars(select(CustomerRow).where(CustomerRow.computed_at.is_(None)))).all():
        segments[c.customer_id] = (c.tier, c.quadrant)  # only a tier-changed seen: its tier
    snapshots = select(CustomerSnapshotRow).where(CustomerSnapshotRow.computed_at < end)
    for s in (await session.scalars(
            snapshots.order_by(CustomerSnapshotRow.computed_at, CustomerSnapshotRow.id))).all():
        segments[s.customer_id] = (s.tier, s.quadrant)  # the last one before month end wins
    orders: dict[str, list[datetime]] = defaultdict(list)
    for o in (await session.scalars(select(ObservedOrderRow).where(ObservedOrderRow.ordered_at < end)
                                    .order_by(ObservedOrderRow.ordered_at))).all():
        orders[o.customer_id].append(o.ordered_at)
    answers = [effect.SurveyAnswer(a.customer_id, a.value, a.nps, a.csat) for a in (await session.scalars(
        select(SurveyAnswerRow).where(SurveyAnswerRow.answered_at >= start, SurveyAnswerRow.answered_at < end)
    )).all()]
    complaints = [effect.Complaint(t.customer_id, t.resolved_at is not None) for t in (await session.scalars(
        select(TicketRow).where(TicketRow.type == "complaint", TicketRow.opened_at >= start,
                                TicketRow.opened_at < end))).all()]
    actions = [
        effect.ActionFact(a.customer_id, a.kind, start <= a.created_at < end,
                          a.completed_at is not None and start <= a.completed_at < end)
        for a in (await session.scalars(select(CareActionRow).where(or_(
            (CareActionRow.created_at >= start) & (CareActionRow.created_at < end),
            (CareActionRow.completed_at >= start) & (CareActionRow.completed_at < end),
        )))).all()
    ]
    churn = set((await session.scalars(select(ChurnSignalRow.customer_id).where(
        ChurnSignalRow.detected_at >= start, ChurnSignalRow.detected_at < end))).all())
    report = effect.effect_report(effect.MonthFacts(
        start=start, end=end, segments=segments, orders=dict(orders), answers=answers,
        complaints=complaints, actions=actions, churn_risk_customers=churn,
    ))
    definitions = {
        "segment": "tier and quadrant of the last score-updated at or before month end",
        "retention_rate": "of customers with an order in the 180 days before the month, the share with one "
                          "in the 180 days before month end",
        "repurchase_rate": "of customers with an order before the month, the share ordering in the month "
                           "(every order from order-recorded; before it, the last order each score "
                           "carried)",
        "complaint_resolution_rate": "complaint tickets opened in the month that are resolved",
        "nps": "%promoters (9-10) - %detractors (0-6) of the month's survey answers",
        "csat": "mean share of items answered 4 or 5 in the month's survey answers",
        "referrals": "referral-invitation actions created in the month; referrals_done: those done in it",
    }
    return schemas.EffectReport(month=month, definitions=definitions, **report)
