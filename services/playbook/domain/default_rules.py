"""The default rule set (docs/design.md §6, seeds 000 and 001): data, not branches; the API replaces it.

Tier and quadrant plans trigger on `score-updated` with `once_per_days`, so a rescore within
the period does not plan the same visit twice; service recovery (remediation, retention)
bypasses the contact caps but still counts as a deep contact.
"""

from __future__ import annotations

from typing import Any


def _a(kind: str, title: str, channel: str, owner_role: str, hours: float, **extra: Any) -> dict:
    return {"kind": kind, "title": title, "channel": channel, "owner_role": owner_role,
            "due_offset_hours": hours, **extra}


DAY = 24
QUARTER, MONTH, YEAR = 90, 30, 365
DEFAULT_RULE_SET: dict[str, Any] = {"rules": [
    # By satisfaction level (docs/design.md §6; seed 000: 满意度分级应对, lines 116-120).
    {"id": "satisfaction-positive", "name": "Satisfied: thank and invite to referral / co-creation",
     "trigger": "satisfaction-scored", "conditions": {"level": ["very_satisfied", "satisfied"]},
     "actions": [
         _a("thank-you-letter", "Thank-you letter", "letter", "account_manager", 3 * DAY),
         _a("referral-invitation", "Invite to the referral or co-creation programme", "email",
            "account_manager", 7 * DAY),
     ]},
    {"id": "satisfaction-neutral", "name": "Neutral: account manager follows up within a week",
     "trigger": "satisfaction-scored", "conditions": {"level": ["neutral"]},
     "actions": [_a("follow-up", "Follow up on the survey answer", "phone", "account_manager", 7 * DAY,
                    deep_contact=True)]},
    {"id": "satisfaction-negative", "name": "Dissatisfied: task force, written remediation plan in 48 h",
     "trigger": "satisfaction-scored", "conditions": {"level": ["dissatisfied", "very_dissatisfied"]},
     "actions": [_a("remediation-plan", "Written remediation plan with a committed date", "meeting",
                    "task_force", 48, deep_contact=True, bypass_caps=True)]},
    # By quadrant (value x loyalty).
    {"id": "quadrant-core", "name": "Core: executive visit, custom report, priority channel",
     "trigger": "score-updated", "conditions": {"quadrant": ["core"]},
     "actions": [
         _a("executive-visit", "Quarterly executive visit", "visit", "executive", 30 * DAY,
            deep_contact=True, once_per_days=QUARTER),
         _a("custom-report", "Custom report", "report", "account_manager", 30 * DAY, once_per_days=QUARTER),
         _a("priority-channel", "Open the priority service channel", "internal", "support", 7 * DAY,
            once_per_days=YEAR),
     ]},
    {"id": "quadrant-potential", "name": "Potential: monthly industry cases, new-feature trial",
     "trigger": "score-updated", "conditions": {"quadrant": ["potential"]},
     "actions": [
         _a("industry-cases", "Monthly industry cases", "email", "account_manager", 7 * DAY,
            once_per_days=MONTH),
         _a("feature-trial", "New-feature trial", "meeting", "account_manager", 14 * DAY,
            deep_contact=True, once_per_days=QUARTER),
     ]},
    {"id": "quadrant-basic", "name": "Basic: quarterly care email, standard training",
     "trigger": "score-updated", "conditions": {"quadrant": ["basic"]},
     "actions": [
         _a("care-email", "Quarterly care email", "email", "account_manager", 7 * DAY, once_per_days=QUARTER),
         _a("standard-training", "Standard training", "training", "account_manager", 30 * DAY,
            once_per_days=QUARTER),
     ]},
    {"id": "quadrant-to-optimize", "name": "To optimise: first-cooperation review, extended trial",
     "trigger": "score-updated", "conditions": {"quadrant": ["to-optimize"]},
     "actions": [
         _a("cooperation-review", "First-cooperation review", "meeting", "account_manager", 14 * DAY,
            deep_contact=True, once_per_days=2 * QUARTER),
         _a("extended-trial", "Extended trial", "email", "account_manager", 14 * DAY,
            once_per_days=2 * QUARTER),
     ]},
    # By tier.
    {"id": "tier-vip", "name": "VIP: dedicated account manager, executive visit, early access",
     "trigger": "score-updated", "conditions": {"tier": ["VIP"]},
     "actions": [
         _a("dedicated-account-manager", "Assign a dedicated account manager", "internal", "team_lead",
            3 * DAY, once_per_days=YEAR),
         _a("executive-visit", "Quarterly executive visit", "visit", "executive", 30 * DAY,
            deep_contact=True, once_per_days=QUARTER),
         _a("early-access", "Early access to new features", "email", "account_manager", 14 * DAY,
            once_per_days=QUARTER),
     ]},
    {"id": "tier-key", "name": "Key: monthly service review and training",
     "trigger": "score-updated", "conditions": {"tier": ["Key"]},
     "actions": [
         _a("service-review", "Monthly service review", "meeting", "account_manager", 14 * DAY,
            deep_contact=True, once_per_days=MONTH),
         _a("training", "Training", "training", "account_manager", 30 * DAY, once_per_days=MONTH),
     ]},
    {"id": "tier-regular", "name": "Regular: quarterly satisfaction survey, standard training",
     "trigger": "score-updated", "conditions": {"tier": ["Regular"]},
     "actions": [
         _a("satisfaction-survey", "Quarterly satisfaction survey (survey service invitation)", "survey",
            "account_manager", 14 * DAY, once_per_days=QUARTER),
         _a("standard-training", "Standard training", "training", "account_manager", 30 * DAY,
            once_per_days=QUARTER),
     ]},
    {"id": "tier-observation", "name": "Observation: promotions, quarterly sales follow-up, churn analysis",
     "trigger": "score-updated", "conditions": {"tier": ["Observation"]},
     "actions": [
         _a("promotion", "Promotion offer", "email", "marketing", 7 * DAY, once_per_days=QUARTER),
         _a("sales-follow-up", "Quarterly sales follow-up", "phone", "sales", 14 * DAY,
            deep_contact=True, once_per_days=QUARTER),
         _a("churn-analysis", "Churn analysis", "internal", "analyst", 14 * DAY, once_per_days=QUARTER),
     ]},
    # Retention (docs/design.md §6): a level-2 escalation or a churn-risk warning.
    {"id": "escalation-retention", "name": "Task-force escalation: retention action for the owner",
     "trigger": "ticket-escalated", "conditions": {"level": [2]},
     "actions": [_a("retention", "Retention call by the account owner", "phone", "account_manager", DAY,
                    deep_contact=True, bypass_caps=True)]},
    {"id": "churn-risk-retention", "name": "Churn risk: retention action for the owner",
     "trigger": "churn-risk-detected", "conditions": {},
     "actions": [_a("retention", "Retention call by the account owner", "phone", "account_manager",
                    3 * DAY, deep_contact=True, bypass_caps=True)]},
]}
