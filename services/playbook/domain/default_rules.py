"""The default rule set (docs/design.md §6, seeds 000 and 001): data, not branches; the API replaces it.

Tier and quadrant plans are recurring rules (a `cadence`): the playbook keeps one action of
each kind per period of the business calendar for every customer they match, re-planned when
the tier or quadrant changes. Promised actions (the neutral follow-up within a week,
remediation within 48 h, retention) are never deferred by a contact cap; they count toward it
and deferrable contacts move instead.
"""

from __future__ import annotations

from typing import Any


def _a(kind: str, title: str, channel: str, owner_role: str, hours: float, **extra: Any) -> dict:
    return {"kind": kind, "title": title, "channel": channel, "owner_role": owner_role,
            "due_offset_hours": hours, **extra}


DAY = 24
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
                    deep_contact=True, promised=True)]},
    {"id": "satisfaction-negative", "name": "Dissatisfied: task force, written remediation plan in 48 h",
     "trigger": "satisfaction-scored", "conditions": {"level": ["dissatisfied", "very_dissatisfied"]},
     "actions": [_a("remediation-plan", "Written remediation plan with a committed date", "meeting",
                    "task_force", 48, deep_contact=True, promised=True)]},
    # By quadrant (value x loyalty): recurring care, one action of each kind per period
    # (docs/design.md §9; seed 000: 核心客户每季度高层互访, 基础客户季度关怀邮件).
    {"id": "quadrant-core", "name": "Core: quarterly executive visit and custom report",
     "trigger": "score-updated", "conditions": {"quadrant": ["core"]}, "cadence": "quarterly",
     "actions": [
         _a("executive-visit", "Quarterly executive visit", "visit", "executive", 30 * DAY,
            deep_contact=True),
         _a("custom-report", "Custom report", "report", "account_manager", 30 * DAY),
     ]},
    {"id": "quadrant-core-channel", "name": "Core: priority service channel",
     "trigger": "score-updated", "conditions": {"quadrant": ["core"]}, "cadence": "yearly",
     "actions": [_a("priority-channel", "Open the priority service channel", "internal", "support",
                    7 * DAY)]},
    {"id": "quadrant-potential", "name": "Potential: monthly industry cases",
     "trigger": "score-updated", "conditions": {"quadrant": ["potential"]}, "cadence": "monthly",
     "actions": [_a("industry-cases", "Monthly industry cases", "email", "account_manager", 7 * DAY)]},
    {"id": "quadrant-potential-trial", "name": "Potential: quarterly new-feature trial",
     "trigger": "score-updated", "conditions": {"quadrant": ["potential"]}, "cadence": "quarterly",
     "actions": [_a("feature-trial", "New-feature trial", "meeting", "account_manager", 14 * DAY,
                    deep_contact=True)]},
    {"id": "quadrant-basic", "name": "Basic: quarterly care email, standard training",
     "trigger": "score-updated", "conditions": {"quadrant": ["basic"]}, "cadence": "quarterly",
     "actions": [
         _a("care-email", "Quarterly care email", "email", "account_manager", 7 * DAY),
         _a("standard-training", "Standard training", "training", "account_manager", 30 * DAY),
     ]},
    {"id": "quadrant-to-optimize", "name": "To optimise: first-cooperation review, extended trial",
     "trigger": "score-updated", "conditions": {"quadrant": ["to-optimize"]}, "cadence": "half-yearly",
     "actions": [
         _a("cooperation-review", "First-cooperation review", "meeting", "account_manager", 14 * DAY,
            deep_contact=True),
         _a("extended-trial", "Extended trial", "email", "account_manager", 14 * DAY),
     ]},
    # By tier (seed 004: VIP 高层定期拜访(季度), 重点客户定期服务回顾(月度), 普通客户季度满意度调研).
    {"id": "tier-vip", "name": "VIP: quarterly executive visit, early access",
     "trigger": "score-updated", "conditions": {"tier": ["VIP"]}, "cadence": "quarterly",
     "actions": [
         _a("executive-visit", "Quarterly executive visit", "visit", "executive", 30 * DAY,
            deep_contact=True),
         _a("early-access", "Early access to new features", "email", "account_manager", 14 * DAY),
     ]},
    {"id": "tier-vip-account-manager", "name": "VIP: dedicated account manager",
     "trigger": "score-updated", "conditions": {"tier": ["VIP"]}, "cadence": "yearly",
     "actions": [_a("dedicated-account-manager", "Assign a dedicated account manager", "internal",
                    "team_lead", 3 * DAY)]},
    {"id": "tier-key", "name": "Key: monthly service review and training",
     "trigger": "score-updated", "conditions": {"tier": ["Key"]}, "cadence": "monthly",
     "actions": [
         _a("service-review", "Monthly service review", "meeting", "account_manager", 14 * DAY,
            deep_contact=True),
         _a("training", "Training", "training", "account_manager", 30 * DAY),
     ]},
    # The Regular tier's quarterly satisfaction survey is not planned here: the survey service
    # invites each tier on its cadence (docs/design.md §9, GET /v1/survey-schedule of the survey
    # service), with reminders, the fatigue guard and coverage. A playbook action for it would
    # only duplicate that invitation.
    {"id": "tier-regular", "name": "Regular: standard training (the quarterly satisfaction survey "
     "is the survey service's schedule)",
     "trigger": "score-updated", "conditions": {"tier": ["Regular"]}, "cadence": "quarterly",
     "actions": [
         _a("standard-training", "Standard training", "training", "account_manager", 30 * DAY),
     ]},
    {"id": "tier-observation", "name": "Observation: promotions, quarterly sales follow-up, churn analysis",
     "trigger": "score-updated", "conditions": {"tier": ["Observation"]}, "cadence": "quarterly",
     "actions": [
         _a("promotion", "Promotion offer", "email", "marketing", 7 * DAY),
         _a("sales-follow-up", "Quarterly sales follow-up", "phone", "sales", 14 * DAY, deep_contact=True),
         _a("churn-analysis", "Churn analysis", "internal", "analyst", 14 * DAY),
     ]},
    # Retention (docs/design.md §6): a level-2 escalation or a churn-risk warning.
    {"id": "escalation-retention", "name": "Task-force escalation: retention action for the owner",
     "trigger": "ticket-escalated", "conditions": {"level": [2]},
     "actions": [_a("retention", "Retention call by the account owner", "phone", "account_manager", DAY,
                    deep_contact=True, promised=True)]},
    {"id": "churn-risk-retention", "name": "Churn risk: retention action for the owner",
     "trigger": "churn-risk-detected", "conditions": {},
     "actions": [_a("retention", "Retention call by the account owner", "phone", "account_manager",
                    3 * DAY, deep_contact=True, promised=True)]},
]}
