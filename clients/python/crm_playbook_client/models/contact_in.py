from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contact_in_channel import ContactInChannel
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ContactIn")



@_attrs_define
class ContactIn:
    """ 
        Attributes:
            channel (ContactInChannel):
            opened (bool):
            occurred_at (datetime.datetime | None | Unset):
            action_id (None | str | Unset):
     """

    channel: ContactInChannel
    opened: bool
    occurred_at: datetime.datetime | None | Unset = UNSET
    action_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        opened = self.opened

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        action_id: None | str | Unset
        if isinstance(self.action_id, Unset):
            action_id = UNSET
        else:
            action_id = self.action_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channel": channel,
            "opened": opened,
        })
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if action_id is not UNSET:
            field_dict["action_id"] = action_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = ContactInChannel(d.pop("channel"))




        opened = d.pop("opened")

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))


        def _parse_action_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action_id = _parse_action_id(d.pop("action_id", UNSET))


        contact_in = cls(
            channel=channel,
            opened=opened,
            occurred_at=occurred_at,
            action_id=action_id,
        )

        return contact_in

