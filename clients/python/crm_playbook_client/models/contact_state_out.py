from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.channel_pause_out import ChannelPauseOut





T = TypeVar("T", bound="ContactStateOut")



@_attrs_define
class ContactStateOut:
    """ 
        Attributes:
            contact_class (str):
            max_deep_contacts (int):
            window_days (int):
            deep_contacts_in_window (int):
            next_deep_contact_at (datetime.datetime | None): when one more deep contact fits the cap; null when it fits now
            paused_channels (list[ChannelPauseOut]):
     """

    contact_class: str
    max_deep_contacts: int
    window_days: int
    deep_contacts_in_window: int
    next_deep_contact_at: datetime.datetime | None
    paused_channels: list[ChannelPauseOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.channel_pause_out import ChannelPauseOut # noqa: PLC0415
        contact_class = self.contact_class

        max_deep_contacts = self.max_deep_contacts

        window_days = self.window_days

        deep_contacts_in_window = self.deep_contacts_in_window

        next_deep_contact_at: None | str
        if isinstance(self.next_deep_contact_at, datetime.datetime):
            next_deep_contact_at = self.next_deep_contact_at.isoformat()
        else:
            next_deep_contact_at = self.next_deep_contact_at

        paused_channels = []
        for paused_channels_item_data in self.paused_channels:
            paused_channels_item = paused_channels_item_data.to_dict()
            paused_channels.append(paused_channels_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contact_class": contact_class,
            "max_deep_contacts": max_deep_contacts,
            "window_days": window_days,
            "deep_contacts_in_window": deep_contacts_in_window,
            "next_deep_contact_at": next_deep_contact_at,
            "paused_channels": paused_channels,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_pause_out import ChannelPauseOut # noqa: PLC0415
        d = dict(src_dict)
        contact_class = d.pop("contact_class")

        max_deep_contacts = d.pop("max_deep_contacts")

        window_days = d.pop("window_days")

        deep_contacts_in_window = d.pop("deep_contacts_in_window")

        def _parse_next_deep_contact_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_deep_contact_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_deep_contact_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_deep_contact_at = _parse_next_deep_contact_at(d.pop("next_deep_contact_at"))


        paused_channels = []
        _paused_channels = d.pop("paused_channels")
        for paused_channels_item_data in (_paused_channels):
            paused_channels_item = ChannelPauseOut.from_dict(paused_channels_item_data)



            paused_channels.append(paused_channels_item)


        contact_state_out = cls(
            contact_class=contact_class,
            max_deep_contacts=max_deep_contacts,
            window_days=window_days,
            deep_contacts_in_window=deep_contacts_in_window,
            next_deep_contact_at=next_deep_contact_at,
            paused_channels=paused_channels,
        )


        contact_state_out.additional_properties = d
        return contact_state_out

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
