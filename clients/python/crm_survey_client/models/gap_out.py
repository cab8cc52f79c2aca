from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="GapOut")



@_attrs_define
class GapOut:
    """ 
        Attributes:
            dimension (str):
            highest_group (str):
            highest_mean (float):
            lowest_group (str):
            lowest_mean (float):
            gap (float):
     """

    dimension: str
    highest_group: str
    highest_mean: float
    lowest_group: str
    lowest_mean: float
    gap: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        dimension = self.dimension

        highest_group = self.highest_group

        highest_mean = self.highest_mean

        lowest_group = self.lowest_group

        lowest_mean = self.lowest_mean

        gap = self.gap


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "dimension": dimension,
            "highest_group": highest_group,
            "highest_mean": highest_mean,
            "lowest_group": lowest_group,
            "lowest_mean": lowest_mean,
            "gap": gap,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dimension = d.pop("dimension")

        highest_group = d.pop("highest_group")

        highest_mean = d.pop("highest_mean")

        lowest_group = d.pop("lowest_group")

        lowest_mean = d.pop("lowest_mean")

        gap = d.pop("gap")

        gap_out = cls(
            dimension=dimension,
            highest_group=highest_group,
            highest_mean=highest_mean,
            lowest_group=lowest_group,
            lowest_mean=lowest_mean,
            gap=gap,
        )


        gap_out.additional_properties = d
        return gap_out

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
