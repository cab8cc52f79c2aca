from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="TargetsDoc")



@_attrs_define
class TargetsDoc:
    """ 
        Attributes:
            first_response_hours (float):
            resolution_hours (float):
     """

    first_response_hours: float
    resolution_hours: float





    def to_dict(self) -> dict[str, Any]:
        first_response_hours = self.first_response_hours

        resolution_hours = self.resolution_hours


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "first_response_hours": first_response_hours,
            "resolution_hours": resolution_hours,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first_response_hours = d.pop("first_response_hours")

        resolution_hours = d.pop("resolution_hours")

        targets_doc = cls(
            first_response_hours=first_response_hours,
            resolution_hours=resolution_hours,
        )

        return targets_doc

