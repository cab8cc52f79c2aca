""" Contains all the data models used in inputs/outputs """

from .action_out import ActionOut
from .action_out_explanation import ActionOutExplanation
from .action_out_status import ActionOutStatus
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_detail_type_0 import AuditEntryOutDetailType0
from .care_schedule_out import CareScheduleOut
from .case_effect import CaseEffect
from .case_effect_out import CaseEffectOut
from .case_in import CaseIn
from .case_in_quadrant_type_0 import CaseInQuadrantType0
from .case_in_tier_type_0 import CaseInTierType0
from .case_metric import CaseMetric
from .case_metric_out import CaseMetricOut
from .case_out import CaseOut
from .channel_pause_out import ChannelPauseOut
from .clock_in import ClockIn
from .clock_out import ClockOut
from .contact_in import ContactIn
from .contact_in_channel import ContactInChannel
from .contact_out import ContactOut
from .contact_policy_out import ContactPolicyOut
from .contact_policy_out_policy import ContactPolicyOutPolicy
from .contact_state_out import ContactStateOut
from .customer_out import CustomerOut
from .effect_report import EffectReport
from .effect_report_by_quadrant import EffectReportByQuadrant
from .effect_report_by_quadrant_additional_property import EffectReportByQuadrantAdditionalProperty
from .effect_report_by_tier import EffectReportByTier
from .effect_report_by_tier_additional_property import EffectReportByTierAdditionalProperty
from .effect_report_definitions import EffectReportDefinitions
from .effect_report_overall import EffectReportOverall
from .estimate_out import EstimateOut
from .experiment_out import ExperimentOut
from .experiment_out_assignments import ExperimentOutAssignments
from .experiment_report import ExperimentReport
from .experiment_report_definitions import ExperimentReportDefinitions
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .list_actions_v1_actions_get_status_type_0 import ListActionsV1ActionsGetStatusType0
from .page_action_out import PageActionOut
from .page_audit_entry_out import PageAuditEntryOut
from .page_case_out import PageCaseOut
from .page_experiment_out import PageExperimentOut
from .patch_action_v1_actions_action_id_patch_json_action_patch import PatchActionV1ActionsActionIdPatchJsonActionPatch
from .patch_action_v1_actions_action_id_patch_json_action_patch_merge_patch import PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch
from .patch_action_v1_actions_action_id_patch_json_action_patch_merge_patch_status_type_0 import PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0
from .patch_action_v1_actions_action_id_patch_json_action_patch_status_type_0 import PatchActionV1ActionsActionIdPatchJsonActionPatchStatusType0
from .plan_out import PlanOut
from .put_care_schedule_v1_care_schedule_put_body import PutCareScheduleV1CareSchedulePutBody
from .put_contact_policy_v1_contact_policy_put_body import PutContactPolicyV1ContactPolicyPutBody
from .put_rule_v1_rules_rule_id_put_body import PutRuleV1RulesRuleIdPutBody
from .put_rules_v1_rules_put_body import PutRulesV1RulesPutBody
from .recurring_out import RecurringOut
from .rule_out import RuleOut
from .rule_out_rule import RuleOutRule
from .rule_set_out import RuleSetOut
from .rule_set_out_rules_item import RuleSetOutRulesItem
from .schedule_out import ScheduleOut
from .schedule_out_times import ScheduleOutTimes
from .schedule_run_out import ScheduleRunOut
from .schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0
from .schedule_times_in import ScheduleTimesIn
from .survey_invitation_state import SurveyInvitationState
from .survey_invitation_state_invitation_type_0 import SurveyInvitationStateInvitationType0
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .variant_report import VariantReport

__all__ = (
    "ActionOut",
    "ActionOutExplanation",
    "ActionOutStatus",
    "AuditEntryOut",
    "AuditEntryOutDetailType0",
    "CareScheduleOut",
    "CaseEffect",
    "CaseEffectOut",
    "CaseIn",
    "CaseInQuadrantType0",
    "CaseInTierType0",
    "CaseMetric",
    "CaseMetricOut",
    "CaseOut",
    "ChannelPauseOut",
    "ClockIn",
    "ClockOut",
    "ContactIn",
    "ContactInChannel",
    "ContactOut",
    "ContactPolicyOut",
    "ContactPolicyOutPolicy",
    "ContactStateOut",
    "CustomerOut",
    "EffectReport",
    "EffectReportByQuadrant",
    "EffectReportByQuadrantAdditionalProperty",
    "EffectReportByTier",
    "EffectReportByTierAdditionalProperty",
    "EffectReportDefinitions",
    "EffectReportOverall",
    "EstimateOut",
    "ExperimentOut",
    "ExperimentOutAssignments",
    "ExperimentReport",
    "ExperimentReportDefinitions",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "ListActionsV1ActionsGetStatusType0",
    "PageActionOut",
    "PageAuditEntryOut",
    "PageCaseOut",
    "PageExperimentOut",
    "PatchActionV1ActionsActionIdPatchJsonActionPatch",
    "PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch",
    "PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0",
    "PatchActionV1ActionsActionIdPatchJsonActionPatchStatusType0",
    "PlanOut",
    "PutCareScheduleV1CareSchedulePutBody",
    "PutContactPolicyV1ContactPolicyPutBody",
    "PutRulesV1RulesPutBody",
    "PutRuleV1RulesRuleIdPutBody",
    "RecurringOut",
    "RuleOut",
    "RuleOutRule",
    "RuleSetOut",
    "RuleSetOutRulesItem",
    "ScheduleOut",
    "ScheduleOutTimes",
    "ScheduleRunOut",
    "ScheduleRunOutOutcomeType0",
    "ScheduleTimesIn",
    "SurveyInvitationState",
    "SurveyInvitationStateInvitationType0",
    "ValidationError",
    "ValidationErrorContext",
    "VariantReport",
)
