""" Contains all the data models used in inputs/outputs """

from .audit_entry_out import AuditEntryOut
from .audit_entry_out_detail_type_0 import AuditEntryOutDetailType0
from .churn_risk_out import ChurnRiskOut
from .clock_in import ClockIn
from .clock_out import ClockOut
from .component_out import ComponentOut
from .contact_address_out import ContactAddressOut
from .contact_in import ContactIn
from .contact_out import ContactOut
from .curves_in import CurvesIn
from .customer_in import CustomerIn
from .customer_out import CustomerOut
from .customer_summary import CustomerSummary
from .decision_in import DecisionIn
from .dry_run_out import DryRunOut
from .dry_run_out_examples_item import DryRunOutExamplesItem
from .dry_run_out_moves import DryRunOutMoves
from .dry_run_out_tiers_after import DryRunOutTiersAfter
from .dry_run_out_tiers_before import DryRunOutTiersBefore
from .erasure_confirmation_out import ErasureConfirmationOut
from .erasure_confirmation_out_redacted import ErasureConfirmationOutRedacted
from .erasure_in import ErasureIn
from .erasure_out import ErasureOut
from .evaluation_policy_doc import EvaluationPolicyDoc
from .evaluation_policy_out import EvaluationPolicyOut
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .history_out import HistoryOut
from .history_score import HistoryScore
from .history_tier_change import HistoryTierChange
from .http_validation_error import HTTPValidationError
from .interaction_in import InteractionIn
from .interaction_kind import InteractionKind
from .interaction_out import InteractionOut
from .job_out import JobOut
from .model_applied import ModelApplied
from .month_end_score import MonthEndScore
from .order_in import OrderIn
from .order_out import OrderOut
from .orders_accepted import OrdersAccepted
from .override_in import OverrideIn
from .override_out import OverrideOut
from .page_audit_entry_out import PageAuditEntryOut
from .page_customer_summary import PageCustomerSummary
from .page_order_out import PageOrderOut
from .page_override_out import PageOverrideOut
from .patch_customer_v1_customers_customer_id_patch_customer_in_merge_patch import PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch
from .quadrant import Quadrant
from .review_intervals_doc import ReviewIntervalsDoc
from .satisfaction_out import SatisfactionOut
from .schedule_out import ScheduleOut
from .schedule_out_times import ScheduleOutTimes
from .schedule_run_out import ScheduleRunOut
from .schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0
from .schedule_times_in import ScheduleTimesIn
from .score_out import ScoreOut
from .score_out_components import ScoreOutComponents
from .scoring_model_in import ScoringModelIn
from .scoring_model_out import ScoringModelOut
from .scoring_model_out_curves import ScoringModelOutCurves
from .scoring_model_out_inputs import ScoringModelOutInputs
from .scoring_model_out_thresholds import ScoringModelOutThresholds
from .scoring_model_out_weights import ScoringModelOutWeights
from .snapshot_in import SnapshotIn
from .snapshot_out import SnapshotOut
from .thresholds_in import ThresholdsIn
from .tier import Tier
from .tier_counts_out import TierCountsOut
from .tier_counts_out_tiers import TierCountsOutTiers
from .trend_out import TrendOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .weights_in import WeightsIn

__all__ = (
    "AuditEntryOut",
    "AuditEntryOutDetailType0",
    "ChurnRiskOut",
    "ClockIn",
    "ClockOut",
    "ComponentOut",
    "ContactAddressOut",
    "ContactIn",
    "ContactOut",
    "CurvesIn",
    "CustomerIn",
    "CustomerOut",
    "CustomerSummary",
    "DecisionIn",
    "DryRunOut",
    "DryRunOutExamplesItem",
    "DryRunOutMoves",
    "DryRunOutTiersAfter",
    "DryRunOutTiersBefore",
    "ErasureConfirmationOut",
    "ErasureConfirmationOutRedacted",
    "ErasureIn",
    "ErasureOut",
    "EvaluationPolicyDoc",
    "EvaluationPolicyOut",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HistoryOut",
    "HistoryScore",
    "HistoryTierChange",
    "HTTPValidationError",
    "InteractionIn",
    "InteractionKind",
    "InteractionOut",
    "JobOut",
    "ModelApplied",
    "MonthEndScore",
    "OrderIn",
    "OrderOut",
    "OrdersAccepted",
    "OverrideIn",
    "OverrideOut",
    "PageAuditEntryOut",
    "PageCustomerSummary",
    "PageOrderOut",
    "PageOverrideOut",
    "PatchCustomerV1CustomersCustomerIdPatchCustomerInMergePatch",
    "Quadrant",
    "ReviewIntervalsDoc",
    "SatisfactionOut",
    "ScheduleOut",
    "ScheduleOutTimes",
    "ScheduleRunOut",
    "ScheduleRunOutOutcomeType0",
    "ScheduleTimesIn",
    "ScoreOut",
    "ScoreOutComponents",
    "ScoringModelIn",
    "ScoringModelOut",
    "ScoringModelOutCurves",
    "ScoringModelOutInputs",
    "ScoringModelOutThresholds",
    "ScoringModelOutWeights",
    "SnapshotIn",
    "SnapshotOut",
    "ThresholdsIn",
    "Tier",
    "TierCountsOut",
    "TierCountsOutTiers",
    "TrendOut",
    "ValidationError",
    "ValidationErrorContext",
    "WeightsIn",
)
