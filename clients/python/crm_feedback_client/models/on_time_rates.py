from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OnTimeRates")



@_attrs_define
class OnTimeRates:
    """ 
        Attributes:
            tickets (int):
            first_response_on_time_rate (float | None):
            resolution_on_time_rate (float | None):
            next_reply_on_time_rate (float | None | Unset):
     """

    tickets: int
    first_response_on_time_rate: float | None
    resolution_on_time_rate: float | None
    next_reply_on_time_rate: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        tickets = self.tickets

        first_response_on_time_rate: float | None
        first_response_on_time_rate = self.first_response_on_time_rate

        resolution_on_time_rate: float | None
        resolution_on_time_rate = self.resolution_on_time_rate

        next_reply_on_time_rate: float | None | Unset
        if isinstance(self.next_reply_on_time_rate, Unset):
            next_reply_on_time_rate = UNSET
        else:
            next_reply_on_time_rate = self.next_reply_on_time_rate


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tickets": tickets,
            "first_response_on_time_rate": first_response_on_time_rate,
            "resolution_on_time_rate": resolution_on_time_rate,
        })
        if next_reply_on_time_rate is not UNSET:
            field_dict["next_reply_on_time_rate"] = next_reply_on_time_rate

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tickets = d.pop("tickets")

        def _parse_first_response_on_time_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_response_on_time_rate = _parse_first_response_on_time_rate(d.pop("first_response_on_time_rate"))


        def _parse_resolution_on_time_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_on_time_rate = _parse_resolution_on_time_rate(d.pop("resolution_on_time_rate"))


        def _parse_next_reply_on_time_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        next_reply_on_time_rate = _parse_next_reply_on_time_rate(d.pop("next_reply_on_time_rate", UNSET))


        on_time_rates = cls(
            tickets=tickets,
            first_response_on_time_rate=first_response_on_time_rate,
            resolution_on_time_rate=resolution_on_time_rate,
            next_reply_on_time_rate=next_reply_on_time_rate,
        )


        on_time_rates.additional_properties = d
        return on_time_rates

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
