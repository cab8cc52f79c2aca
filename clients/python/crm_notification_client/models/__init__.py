""" Contains all the data models used in inputs/outputs """

from .audit_entry_out import AuditEntryOut
from .audit_entry_out_detail_type_0 import AuditEntryOutDetailType0
from .bounce_out import BounceOut
from .bounce_out_message_status import BounceOutMessageStatus
from .bounce_out_outcome_type_0 import BounceOutOutcomeType0
from .clock_in import ClockIn
from .clock_out import ClockOut
from .delivery_out import DeliveryOut
from .delivery_out_status import DeliveryOutStatus
from .healthz_healthz_get_response_healthz_healthz_get import HealthzHealthzGetResponseHealthzHealthzGet
from .http_validation_error import HTTPValidationError
from .list_messages_v1_messages_get_status_type_0 import ListMessagesV1MessagesGetStatusType0
from .message_out import MessageOut
from .message_out_history_item import MessageOutHistoryItem
from .message_out_recipient_kind import MessageOutRecipientKind
from .message_out_status import MessageOutStatus
from .page_audit_entry_out import PageAuditEntryOut
from .page_delivery_out import PageDeliveryOut
from .page_message_out import PageMessageOut
from .page_webhook_out import PageWebhookOut
from .preferences_in import PreferencesIn
from .preferences_in_language_type_0 import PreferencesInLanguageType0
from .preferences_in_opted_out_item import PreferencesInOptedOutItem
from .preferences_in_preferred_channel_type_0 import PreferencesInPreferredChannelType0
from .preferences_out import PreferencesOut
from .receipt_in import ReceiptIn
from .receipt_in_status import ReceiptInStatus
from .replay_in import ReplayIn
from .replay_out import ReplayOut
from .schedule_out import ScheduleOut
from .schedule_out_times import ScheduleOutTimes
from .schedule_run_out import ScheduleRunOut
from .schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0
from .schedule_times_in import ScheduleTimesIn
from .staff_in import StaffIn
from .staff_in_channel import StaffInChannel
from .staff_in_language import StaffInLanguage
from .staff_list import StaffList
from .staff_out import StaffOut
from .template_in import TemplateIn
from .template_list import TemplateList
from .template_out import TemplateOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .webhook_in import WebhookIn
from .webhook_out import WebhookOut
from .webhook_out_status import WebhookOutStatus
from .webhook_with_secret_out import WebhookWithSecretOut
from .webhook_with_secret_out_status import WebhookWithSecretOutStatus

__all__ = (
    "AuditEntryOut",
    "AuditEntryOutDetailType0",
    "BounceOut",
    "BounceOutMessageStatus",
    "BounceOutOutcomeType0",
    "ClockIn",
    "ClockOut",
    "DeliveryOut",
    "DeliveryOutStatus",
    "HealthzHealthzGetResponseHealthzHealthzGet",
    "HTTPValidationError",
    "ListMessagesV1MessagesGetStatusType0",
    "MessageOut",
    "MessageOutHistoryItem",
    "MessageOutRecipientKind",
    "MessageOutStatus",
    "PageAuditEntryOut",
    "PageDeliveryOut",
    "PageMessageOut",
    "PageWebhookOut",
    "PreferencesIn",
    "PreferencesInLanguageType0",
    "PreferencesInOptedOutItem",
    "PreferencesInPreferredChannelType0",
    "PreferencesOut",
    "ReceiptIn",
    "ReceiptInStatus",
    "ReplayIn",
    "ReplayOut",
    "ScheduleOut",
    "ScheduleOutTimes",
    "ScheduleRunOut",
    "ScheduleRunOutOutcomeType0",
    "ScheduleTimesIn",
    "StaffIn",
    "StaffInChannel",
    "StaffInLanguage",
    "StaffList",
    "StaffOut",
    "TemplateIn",
    "TemplateList",
    "TemplateOut",
    "ValidationError",
    "ValidationErrorContext",
    "WebhookIn",
    "WebhookOut",
    "WebhookOutStatus",
    "WebhookWithSecretOut",
    "WebhookWithSecretOutStatus",
)
