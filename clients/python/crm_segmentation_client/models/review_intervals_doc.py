from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReviewIntervalsDoc")



@_attrs_define
class ReviewIntervalsDoc:
    """ 
        Attributes:
            vip (int):
            key (int):
            regular (int):
            observation (int):
     """

    vip: int
    key: int
    regular: int
    observation: int





    def to_dict(self) -> dict[str, Any]:
        vip = self.vip

        key = self.key

        regular = self.regular

        observation = self.observation


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "VIP": vip,
            "Key": key,
            "Regular": regular,
            "Observation": observation,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        vip = d.pop("VIP")

        key = d.pop("Key")

        regular = d.pop("Regular")

        observation = d.pop("Observation")

        review_intervals_doc = cls(
            vip=vip,
            key=key,
            regular=regular,
            observation=observation,
        )

        return review_intervals_doc

