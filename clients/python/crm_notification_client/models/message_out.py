from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.message_out_recipient_kind import MessageOutRecipientKind
from ..models.message_out_status import MessageOutStatus
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.message_out_history_item import MessageOutHistoryItem





T = TypeVar("T", bound="MessageOut")



@_attrs_define
class MessageOut:
    """ 
        Attributes:
            id (str):
            customer_id (None | str):
            recipient_kind (MessageOutRecipientKind):
            recipient (str):
            channel (str):
            template (str):
            language (None | str):
            priority (None | str):
            status (MessageOutStatus):
            reason (None | str): Why it was suppressed, bounced or failed, or is held
            trigger_event_id (str):
            trigger_event_type (str):
            attempts (int):
            next_attempt_at (datetime.datetime | None):
            last_error (None | str):
            subject (None | str): Shown to callers who may read personal data
            body (None | str): Shown to callers who may read personal data
            history (list[MessageOutHistoryItem]):
            created_at (datetime.datetime):
            sent_at (datetime.datetime | None):
            delivered_at (datetime.datetime | None):
            opened_at (datetime.datetime | None):
            clicked_at (datetime.datetime | None):
            redacted_at (datetime.datetime | None):
     """

    id: str
    customer_id: None | str
    recipient_kind: MessageOutRecipientKind
    recipient: str
    channel: str
    template: str
    language: None | str
    priority: None | str
    status: MessageOutStatus
    reason: None | str
    trigger_event_id: str
    trigger_event_type: str
    attempts: int
    next_attempt_at: datetime.datetime | None
    last_error: None | str
    subject: None | str
    body: None | str
    history: list[MessageOutHistoryItem]
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    delivered_at: datetime.datetime | None
    opened_at: datetime.datetime | None
    clicked_at: datetime.datetime | None
    redacted_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.message_out_history_item import MessageOutHistoryItem # noqa: PLC0415
        id = self.id

        customer_id: None | str
        customer_id = self.customer_id

        recipient_kind = self.recipient_kind.value

        recipient = self.recipient

        channel = self.channel

        template = self.template

        language: None | str
        language = self.language

        priority: None | str
        priority = self.priority

        status = self.status.value

        reason: None | str
        reason = self.reason

        trigger_event_id = self.trigger_event_id

        trigger_event_type = self.trigger_event_type

        attempts = self.attempts

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        last_error: None | str
        last_error = self.last_error

        subject: None | str
        subject = self.subject

        body: None | str
        body = self.body

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)



        created_at = self.created_at.isoformat()

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        opened_at: None | str
        if isinstance(self.opened_at, datetime.datetime):
            opened_at = self.opened_at.isoformat()
        else:
            opened_at = self.opened_at

        clicked_at: None | str
        if isinstance(self.clicked_at, datetime.datetime):
            clicked_at = self.clicked_at.isoformat()
        else:
            clicked_at = self.clicked_at

        redacted_at: None | str
        if isinstance(self.redacted_at, datetime.datetime):
            redacted_at = self.redacted_at.isoformat()
        else:
            redacted_at = self.redacted_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "recipient_kind": recipient_kind,
            "recipient": recipient,
            "channel": channel,
            "template": template,
            "language": language,
            "priority": priority,
            "status": status,
            "reason": reason,
            "trigger_event_id": trigger_event_id,
            "trigger_event_type": trigger_event_type,
            "attempts": attempts,
            "next_attempt_at": next_attempt_at,
            "last_error": last_error,
            "subject": subject,
            "body": body,
            "history": history,
            "created_at": created_at,
            "sent_at": sent_at,
            "delivered_at": delivered_at,
            "opened_at": opened_at,
            "clicked_at": clicked_at,
            "redacted_at": redacted_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message_out_history_item import MessageOutHistoryItem # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_customer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_id = _parse_customer_id(d.pop("customer_id"))


        recipient_kind = MessageOutRecipientKind(d.pop("recipient_kind"))




        recipient = d.pop("recipient")

        channel = d.pop("channel")

        template = d.pop("template")

        def _parse_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        language = _parse_language(d.pop("language"))


        def _parse_priority(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        priority = _parse_priority(d.pop("priority"))


        status = MessageOutStatus(d.pop("status"))




        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        trigger_event_id = d.pop("trigger_event_id")

        trigger_event_type = d.pop("trigger_event_type")

        attempts = d.pop("attempts")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))


        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))


        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))


        history = []
        _history = d.pop("history")
        for history_item_data in (_history):
            history_item = MessageOutHistoryItem.from_dict(history_item_data)



            history.append(history_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)



                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))


        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)



                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))


        def _parse_opened_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_at_type_0 = datetime.datetime.fromisoformat(data)



                return opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        opened_at = _parse_opened_at(d.pop("opened_at"))


        def _parse_clicked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clicked_at_type_0 = datetime.datetime.fromisoformat(data)



                return clicked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        clicked_at = _parse_clicked_at(d.pop("clicked_at"))


        def _parse_redacted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                redacted_at_type_0 = datetime.datetime.fromisoformat(data)



                return redacted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        redacted_at = _parse_redacted_at(d.pop("redacted_at"))


        message_out = cls(
            id=id,
            customer_id=customer_id,
            recipient_kind=recipient_kind,
            recipient=recipient,
            channel=channel,
            template=template,
            language=language,
            priority=priority,
            status=status,
            reason=reason,
            trigger_event_id=trigger_event_id,
            trigger_event_type=trigger_event_type,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            last_error=last_error,
            subject=subject,
            body=body,
            history=history,
            created_at=created_at,
            sent_at=sent_at,
            delivered_at=delivered_at,
            opened_at=opened_at,
            clicked_at=clicked_at,
            redacted_at=redacted_at,
        )


        message_out.additional_properties = d
        return message_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
