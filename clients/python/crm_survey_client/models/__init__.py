""" Contains all the data models used in inputs/outputs """

from .audit_entry_out import AuditEntryOut
from .audit_entry_out_detail_type_0 import AuditEntryOutDetailType0
from .clock_in import ClockIn
from .clock_out import ClockOut
from .coverage_group_out import CoverageGroupOut
from .coverage_out import CoverageOut
from .coverage_out_by_tier import CoverageOutByTier
from .coverage_out_held_back import CoverageOutHeldBack
from .customer_satisfaction_out import CustomerSatisfactionOut
from .dimension_in import DimensionIn
from .dimension_out import DimensionOut
from .drop_off_out import DropOffOut
from .gap_out import GapOut
from .get_results_v1_surveys_survey_id_results_get_by import GetResultsV1SurveysSurveyIdResultsGetBy
from .get_trend_v1_surveys_survey_id_trend_get_by import GetTrendV1SurveysSurveyIdTrendGetBy
from .group_out import GroupOut
from .group_out_dimensions import GroupOutDimensions
from .group_out_gap_to_overall import GroupOutGapToOverall
from .group_out_levels import GroupOutLevels
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .invitation_link_out import InvitationLinkOut
from .invitation_link_out_kind import InvitationLinkOutKind
from .invitation_link_out_status import InvitationLinkOutStatus
from .invitation_out import InvitationOut
from .invitation_out_kind import InvitationOutKind
from .invitation_out_language_type_0 import InvitationOutLanguageType0
from .invitation_out_status import InvitationOutStatus
from .invitations_in import InvitationsIn
from .invitations_in_language_type_0 import InvitationsInLanguageType0
from .invitations_out import InvitationsOut
from .item_in import ItemIn
from .item_out import ItemOut
from .open_question_in import OpenQuestionIn
from .open_question_out import OpenQuestionOut
from .page_audit_entry_out import PageAuditEntryOut
from .page_invitation_out import PageInvitationOut
from .page_survey_summary import PageSurveySummary
from .progress_out import ProgressOut
from .public_invitation_out import PublicInvitationOut
from .public_invitation_out_kind import PublicInvitationOutKind
from .public_invitation_out_language_type_0 import PublicInvitationOutLanguageType0
from .put_survey_schedule_v1_survey_schedule_put_body import PutSurveyScheduleV1SurveySchedulePutBody
from .question_out import QuestionOut
from .question_out_type import QuestionOutType
from .response_in import ResponseIn
from .response_in_answers import ResponseInAnswers
from .response_in_comments import ResponseInComments
from .response_out import ResponseOut
from .response_out_kind import ResponseOutKind
from .results_out import ResultsOut
from .results_out_by import ResultsOutBy
from .satisfaction_out import SatisfactionOut
from .satisfaction_out_dimensions import SatisfactionOutDimensions
from .satisfaction_out_weights import SatisfactionOutWeights
from .satisfaction_point import SatisfactionPoint
from .satisfaction_point_dimensions import SatisfactionPointDimensions
from .saved_answers_out import SavedAnswersOut
from .saved_answers_out_answers import SavedAnswersOutAnswers
from .saved_answers_out_comments import SavedAnswersOutComments
from .schedule_out import ScheduleOut
from .schedule_out_cadence import ScheduleOutCadence
from .schedule_out_cadence_additional_property_type_0 import ScheduleOutCadenceAdditionalPropertyType0
from .schedule_run_out import ScheduleRunOut
from .schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0
from .schedule_times_in import ScheduleTimesIn
from .skipped_invitation_out import SkippedInvitationOut
from .survey_in import SurveyIn
from .survey_in_tier_weights import SurveyInTierWeights
from .survey_in_tier_weights_additional_property import SurveyInTierWeightsAdditionalProperty
from .survey_out import SurveyOut
from .survey_out_tier_weights import SurveyOutTierWeights
from .survey_out_tier_weights_additional_property import SurveyOutTierWeightsAdditionalProperty
from .survey_summary import SurveySummary
from .topic_out import TopicOut
from .topics_out import TopicsOut
from .trend_month_out import TrendMonthOut
from .trend_out import TrendOut
from .trend_out_by import TrendOutBy
from .trend_point_out import TrendPointOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .weights_in import WeightsIn
from .weights_in_tier_weights import WeightsInTierWeights
from .weights_in_tier_weights_additional_property import WeightsInTierWeightsAdditionalProperty

__all__ = (
    "AuditEntryOut",
    "AuditEntryOutDetailType0",
    "ClockIn",
    "ClockOut",
    "CoverageGroupOut",
    "CoverageOut",
    "CoverageOutByTier",
    "CoverageOutHeldBack",
    "CustomerSatisfactionOut",
    "DimensionIn",
    "DimensionOut",
    "DropOffOut",
    "GapOut",
    "GetResultsV1SurveysSurveyIdResultsGetBy",
    "GetTrendV1SurveysSurveyIdTrendGetBy",
    "GroupOut",
    "GroupOutDimensions",
    "GroupOutGapToOverall",
    "GroupOutLevels",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "InvitationLinkOut",
    "InvitationLinkOutKind",
    "InvitationLinkOutStatus",
    "InvitationOut",
    "InvitationOutKind",
    "InvitationOutLanguageType0",
    "InvitationOutStatus",
    "InvitationsIn",
    "InvitationsInLanguageType0",
    "InvitationsOut",
    "ItemIn",
    "ItemOut",
    "OpenQuestionIn",
    "OpenQuestionOut",
    "PageAuditEntryOut",
    "PageInvitationOut",
    "PageSurveySummary",
    "ProgressOut",
    "PublicInvitationOut",
    "PublicInvitationOutKind",
    "PublicInvitationOutLanguageType0",
    "PutSurveyScheduleV1SurveySchedulePutBody",
    "QuestionOut",
    "QuestionOutType",
    "ResponseIn",
    "ResponseInAnswers",
    "ResponseInComments",
    "ResponseOut",
    "ResponseOutKind",
    "ResultsOut",
    "ResultsOutBy",
    "SatisfactionOut",
    "SatisfactionOutDimensions",
    "SatisfactionOutWeights",
    "SatisfactionPoint",
    "SatisfactionPointDimensions",
    "SavedAnswersOut",
    "SavedAnswersOutAnswers",
    "SavedAnswersOutComments",
    "ScheduleOut",
    "ScheduleOutCadence",
    "ScheduleOutCadenceAdditionalPropertyType0",
    "ScheduleRunOut",
    "ScheduleRunOutOutcomeType0",
    "ScheduleTimesIn",
    "SkippedInvitationOut",
    "SurveyIn",
    "SurveyInTierWeights",
    "SurveyInTierWeightsAdditionalProperty",
    "SurveyOut",
    "SurveyOutTierWeights",
    "SurveyOutTierWeightsAdditionalProperty",
    "SurveySummary",
    "TopicOut",
    "TopicsOut",
    "TrendMonthOut",
    "TrendOut",
    "TrendOutBy",
    "TrendPointOut",
    "ValidationError",
    "ValidationErrorContext",
    "WeightsIn",
    "WeightsInTierWeights",
    "WeightsInTierWeightsAdditionalProperty",
)
