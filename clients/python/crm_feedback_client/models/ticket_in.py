from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel import Channel
from ..models.priority import Priority
from ..models.ticket_type import TicketType
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TicketIn")



@_attrs_define
class TicketIn:
    """ 
        Attributes:
            customer_id (str):
            channel (Channel):
            type_ (TicketType):
            category (str):
            description (str):
            priority (None | Priority | Unset): Proposed from the text and type when absent
            reported_at (datetime.datetime | None | Unset): When the customer reported it (a call logged later); the SLA
                clocks start here. Defaults to now; never in the future.
     """

    customer_id: str
    channel: Channel
    type_: TicketType
    category: str
    description: str
    priority: None | Priority | Unset = UNSET
    reported_at: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        customer_id = self.customer_id

        channel = self.channel.value

        type_ = self.type_.value

        category = self.category

        description = self.description

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, Priority):
            priority = self.priority.value
        else:
            priority = self.priority

        reported_at: None | str | Unset
        if isinstance(self.reported_at, Unset):
            reported_at = UNSET
        elif isinstance(self.reported_at, datetime.datetime):
            reported_at = self.reported_at.isoformat()
        else:
            reported_at = self.reported_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "customer_id": customer_id,
            "channel": channel,
            "type": type_,
            "category": category,
            "description": description,
        })
        if priority is not UNSET:
            field_dict["priority"] = priority
        if reported_at is not UNSET:
            field_dict["reported_at"] = reported_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_id = d.pop("customer_id")

        channel = Channel(d.pop("channel"))




        type_ = TicketType(d.pop("type"))




        category = d.pop("category")

        description = d.pop("description")

        def _parse_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = Priority(data)



                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))


        def _parse_reported_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_at_type_0 = datetime.datetime.fromisoformat(data)



                return reported_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        reported_at = _parse_reported_at(d.pop("reported_at", UNSET))


        ticket_in = cls(
            customer_id=customer_id,
            channel=channel,
            type_=type_,
            category=category,
            description=description,
            priority=priority,
            reported_at=reported_at,
        )

        return ticket_in

