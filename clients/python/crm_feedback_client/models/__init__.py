""" Contains all the data models used in inputs/outputs """

from .action_summary import ActionSummary
from .assign_in import AssignIn
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_detail_type_0 import AuditEntryOutDetailType0
from .author import Author
from .calendar_doc import CalendarDoc
from .calendar_out import CalendarOut
from .caps_doc import CapsDoc
from .category_month_out import CategoryMonthOut
from .category_topics_out import CategoryTopicsOut
from .channel import Channel
from .clock_in import ClockIn
from .clock_out import ClockOut
from .csat_group import CsatGroup
from .csat_group_out import CsatGroupOut
from .csat_group_out_distribution import CsatGroupOutDistribution
from .csat_report_out import CsatReportOut
from .csat_report_out_by import CsatReportOutBy
from .csat_report_out_definitions import CsatReportOutDefinitions
from .durations_out import DurationsOut
from .effect_section import EffectSection
from .escalation_doc import EscalationDoc
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .history_out import HistoryOut
from .history_out_detail import HistoryOutDetail
from .http_validation_error import HTTPValidationError
from .keyword_rule_doc import KeywordRuleDoc
from .message_in import MessageIn
from .message_out import MessageOut
from .monthly_report_out import MonthlyReportOut
from .monthly_report_out_actions import MonthlyReportOutActions
from .monthly_report_out_satisfaction import MonthlyReportOutSatisfaction
from .on_time_rates import OnTimeRates
from .page_audit_entry_out import PageAuditEntryOut
from .page_ticket_out import PageTicketOut
from .patch_ticket_v1_tickets_ticket_id_patch_ticket_in_merge_patch import PatchTicketV1TicketsTicketIdPatchTicketInMergePatch
from .priority import Priority
from .priority_rules_doc import PriorityRulesDoc
from .priority_rules_out import PriorityRulesOut
from .reopening_doc import ReopeningDoc
from .report_period import ReportPeriod
from .resolve_in import ResolveIn
from .response_in import ResponseIn
from .round_the_clock_doc import RoundTheClockDoc
from .routing_doc import RoutingDoc
from .routing_doc_teams_by_category import RoutingDocTeamsByCategory
from .routing_out import RoutingOut
from .routing_out_teams_by_category import RoutingOutTeamsByCategory
from .satisfaction_summary import SatisfactionSummary
from .schedule_out import ScheduleOut
from .schedule_out_times import ScheduleOutTimes
from .schedule_run_out import ScheduleRunOut
from .schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0
from .schedule_times_in import ScheduleTimesIn
from .sla_out import SlaOut
from .sla_out_policy import SlaOutPolicy
from .sla_policy_doc import SlaPolicyDoc
from .sla_policy_doc_priority_targets import SlaPolicyDocPriorityTargets
from .sla_policy_doc_tier_caps import SlaPolicyDocTierCaps
from .sla_policy_out import SlaPolicyOut
from .sla_policy_out_priority_targets import SlaPolicyOutPriorityTargets
from .sla_policy_out_tier_caps import SlaPolicyOutTierCaps
from .sla_report_out import SlaReportOut
from .sla_report_out_definitions import SlaReportOutDefinitions
from .sla_report_out_tiers import SlaReportOutTiers
from .sla_section import SlaSection
from .sla_section_by_tier import SlaSectionByTier
from .sla_section_by_tier_and_priority import SlaSectionByTierAndPriority
from .sla_section_by_tier_and_priority_additional_property import SlaSectionByTierAndPriorityAdditionalProperty
from .sla_trend_month import SlaTrendMonth
from .sla_trend_month_tiers import SlaTrendMonthTiers
from .sla_trend_out import SlaTrendOut
from .sla_trend_point import SlaTrendPoint
from .status import Status
from .status_in import StatusIn
from .status_in_status import StatusInStatus
from .targets_doc import TargetsDoc
from .ticket_in import TicketIn
from .ticket_out import TicketOut
from .ticket_out_priority_reason import TicketOutPriorityReason
from .ticket_resolution_out import TicketResolutionOut
from .ticket_topic_out import TicketTopicOut
from .ticket_topics_out import TicketTopicsOut
from .ticket_type import TicketType
from .tier import Tier
from .tier_move import TierMove
from .tier_moves_section import TierMovesSection
from .tier_report import TierReport
from .topic_count import TopicCount
from .type_rule_doc import TypeRuleDoc
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .verification_in import VerificationIn
from .verification_policy_doc import VerificationPolicyDoc
from .verification_policy_out import VerificationPolicyOut

__all__ = (
    "ActionSummary",
    "AssignIn",
    "AuditEntryOut",
    "AuditEntryOutDetailType0",
    "Author",
    "CalendarDoc",
    "CalendarOut",
    "CapsDoc",
    "CategoryMonthOut",
    "CategoryTopicsOut",
    "Channel",
    "ClockIn",
    "ClockOut",
    "CsatGroup",
    "CsatGroupOut",
    "CsatGroupOutDistribution",
    "CsatReportOut",
    "CsatReportOutBy",
    "CsatReportOutDefinitions",
    "DurationsOut",
    "EffectSection",
    "EscalationDoc",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HistoryOut",
    "HistoryOutDetail",
    "HTTPValidationError",
    "KeywordRuleDoc",
    "MessageIn",
    "MessageOut",
    "MonthlyReportOut",
    "MonthlyReportOutActions",
    "MonthlyReportOutSatisfaction",
    "OnTimeRates",
    "PageAuditEntryOut",
    "PageTicketOut",
    "PatchTicketV1TicketsTicketIdPatchTicketInMergePatch",
    "Priority",
    "PriorityRulesDoc",
    "PriorityRulesOut",
    "ReopeningDoc",
    "ReportPeriod",
    "ResolveIn",
    "ResponseIn",
    "RoundTheClockDoc",
    "RoutingDoc",
    "RoutingDocTeamsByCategory",
    "RoutingOut",
    "RoutingOutTeamsByCategory",
    "SatisfactionSummary",
    "ScheduleOut",
    "ScheduleOutTimes",
    "ScheduleRunOut",
    "ScheduleRunOutOutcomeType0",
    "ScheduleTimesIn",
    "SlaOut",
    "SlaOutPolicy",
    "SlaPolicyDoc",
    "SlaPolicyDocPriorityTargets",
    "SlaPolicyDocTierCaps",
    "SlaPolicyOut",
    "SlaPolicyOutPriorityTargets",
    "SlaPolicyOutTierCaps",
    "SlaReportOut",
    "SlaReportOutDefinitions",
    "SlaReportOutTiers",
    "SlaSection",
    "SlaSectionByTier",
    "SlaSectionByTierAndPriority",
    "SlaSectionByTierAndPriorityAdditionalProperty",
    "SlaTrendMonth",
    "SlaTrendMonthTiers",
    "SlaTrendOut",
    "SlaTrendPoint",
    "Status",
    "StatusIn",
    "StatusInStatus",
    "TargetsDoc",
    "TicketIn",
    "TicketOut",
    "TicketOutPriorityReason",
    "TicketResolutionOut",
    "TicketTopicOut",
    "TicketTopicsOut",
    "TicketType",
    "Tier",
    "TierMove",
    "TierMovesSection",
    "TierReport",
    "TopicCount",
    "TypeRuleDoc",
    "ValidationError",
    "ValidationErrorContext",
    "VerificationIn",
    "VerificationPolicyDoc",
    "VerificationPolicyOut",
)
