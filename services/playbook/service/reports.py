"""Experiments (variants, assignment counts, outcome with 95% intervals) and the monthly effect report."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.playbook import repository, schemas
from services.playbook.domain import effect
from services.playbook.domain.experiments import CONTROL, Exposure, arm_outcomes, report_arms
from services.playbook.domain.stats import Estimate
from services.playbook.service import config
from shared.app import ServiceContext
from shared.errors import NotFound
from shared.pagination import Page, decode_cursor, page_of
from shared.rfc3339 import month_bounds

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
EFFECT_DEFINITIONS = {
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
    counts = await repository.assignment_counts(session)
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
    assignments = await repository.assignments(session, experiment_id)
    if rule is None and not assignments:
        raise NotFound(f"experiment {experiment_id} does not exist")
    customers = [a.customer_id for a in assignments]
    orders, satisfaction, spend, amounts = {}, {}, {}, {}
    if customers:
        orders = await repository.order_times(session, customers)
        satisfaction = await repository.satisfaction_over_time(session, customers)
        spend = await repository.spend_over_time(session, customers)
        amounts = await repository.order_amounts(session, customers)
    variants = [v.name for v in rule.experiment.variants] if rule and rule.experiment else None
    exposures = [Exposure(a.customer_id, a.variant, a.assigned_at) for a in assignments]
    outcomes = arm_outcomes(report_arms(variants, (a.variant for a in assignments)), exposures,
                            orders, satisfaction, spend, amounts)
    return schemas.ExperimentReport(
        experiment_id=experiment_id, rule_id=rule.id if rule else assignments[0].rule_id,
        definitions=EXPERIMENT_DEFINITIONS,
        variants=[schemas.VariantReport(
            variant=o.arm, customers=o.customers, win_back_30d=_estimate(o.win_back_30d),
            satisfaction_change=_estimate(o.satisfaction_change),
            spend_change_3m=_estimate(o.spend_change_3m),
        ) for o in outcomes],
    )


async def effect_report(ctx: ServiceContext, session: AsyncSession, month: str) -> schemas.EffectReport:
    """The month's effect report; the month is one of the business calendar (docs/design.md §9)."""
    start, end = month_bounds(month, ctx.clock.zone)
    report = effect.effect_report(await repository.month_facts(session, start, end))
    return schemas.EffectReport(month=month, definitions=EFFECT_DEFINITIONS, **report)
