from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ContactOut")



@_attrs_define
class ContactOut:
    """ 
        Attributes:
            id (int):
            customer_id (str):
            channel (str):
            opened (bool):
            occurred_at (datetime.datetime):
            action_id (None | str):
            channel_paused (bool):
            paused_until (datetime.datetime | None | Unset):
     """

    id: int
    customer_id: str
    channel: str
    opened: bool
    occurred_at: datetime.datetime
    action_id: None | str
    channel_paused: bool
    paused_until: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        customer_id = self.customer_id

        channel = self.channel

        opened = self.opened

        occurred_at = self.occurred_at.isoformat()

        action_id: None | str
        action_id = self.action_id

        channel_paused = self.channel_paused

        paused_until: None | str | Unset
        if isinstance(self.paused_until, Unset):
            paused_until = UNSET
        elif isinstance(self.paused_until, datetime.datetime):
            paused_until = self.paused_until.isoformat()
        else:
            paused_until = self.paused_until


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "channel": channel,
            "opened": opened,
            "occurred_at": occurred_at,
            "action_id": action_id,
            "channel_paused": channel_paused,
        })
        if paused_until is not UNSET:
            field_dict["paused_until"] = paused_until

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        customer_id = d.pop("customer_id")

        channel = d.pop("channel")

        opened = d.pop("opened")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        def _parse_action_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        action_id = _parse_action_id(d.pop("action_id"))


        channel_paused = d.pop("channel_paused")

        def _parse_paused_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_until_type_0 = datetime.datetime.fromisoformat(data)



                return paused_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        paused_until = _parse_paused_until(d.pop("paused_until", UNSET))


        contact_out = cls(
            id=id,
            customer_id=customer_id,
            channel=channel,
            opened=opened,
            occurred_at=occurred_at,
            action_id=action_id,
            channel_paused=channel_paused,
            paused_until=paused_until,
        )


        contact_out.additional_properties = d
        return contact_out

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
