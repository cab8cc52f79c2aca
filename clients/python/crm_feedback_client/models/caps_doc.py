from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CapsDoc")



@_attrs_define
class CapsDoc:
    """ 
        Attributes:
            first_response_hours (float | None | Unset):
            resolution_hours (float | None | Unset):
            next_reply_hours (float | None | Unset): Reply owed after each customer message; defaults to the row's first-
                response target
     """

    first_response_hours: float | None | Unset = UNSET
    resolution_hours: float | None | Unset = UNSET
    next_reply_hours: float | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        first_response_hours: float | None | Unset
        if isinstance(self.first_response_hours, Unset):
            first_response_hours = UNSET
        else:
            first_response_hours = self.first_response_hours

        resolution_hours: float | None | Unset
        if isinstance(self.resolution_hours, Unset):
            resolution_hours = UNSET
        else:
            resolution_hours = self.resolution_hours

        next_reply_hours: float | None | Unset
        if isinstance(self.next_reply_hours, Unset):
            next_reply_hours = UNSET
        else:
            next_reply_hours = self.next_reply_hours


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if first_response_hours is not UNSET:
            field_dict["first_response_hours"] = first_response_hours
        if resolution_hours is not UNSET:
            field_dict["resolution_hours"] = resolution_hours
        if next_reply_hours is not UNSET:
            field_dict["next_reply_hours"] = next_reply_hours

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_first_response_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        first_response_hours = _parse_first_response_hours(d.pop("first_response_hours", UNSET))


        def _parse_resolution_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        resolution_hours = _parse_resolution_hours(d.pop("resolution_hours", UNSET))


        def _parse_next_reply_hours(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        next_reply_hours = _parse_next_reply_hours(d.pop("next_reply_hours", UNSET))


        caps_doc = cls(
            first_response_hours=first_response_hours,
            resolution_hours=resolution_hours,
            next_reply_hours=next_reply_hours,
        )

        return caps_doc

