from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TrendOut")



@_attrs_define
class TrendOut:
    """ 
        Attributes:
            m1 (float | None): Month-end score 1 month ago (the snapshot of last month)
            m3 (float | None): Month-end score 3 months ago
            m6 (float | None): Month-end score 6 months ago
            m12 (float | None): Month-end score 12 months ago
            direction (None | str): up, down or flat: the score against 3 months ago (1 month when that is all); flat within
                the evaluation policy's trend_flat_band
     """

    m1: float | None
    m3: float | None
    m6: float | None
    m12: float | None
    direction: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        m1: float | None
        m1 = self.m1

        m3: float | None
        m3 = self.m3

        m6: float | None
        m6 = self.m6

        m12: float | None
        m12 = self.m12

        direction: None | str
        direction = self.direction


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "m1": m1,
            "m3": m3,
            "m6": m6,
            "m12": m12,
            "direction": direction,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_m1(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        m1 = _parse_m1(d.pop("m1"))


        def _parse_m3(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        m3 = _parse_m3(d.pop("m3"))


        def _parse_m6(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        m6 = _parse_m6(d.pop("m6"))


        def _parse_m12(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        m12 = _parse_m12(d.pop("m12"))


        def _parse_direction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        direction = _parse_direction(d.pop("direction"))


        trend_out = cls(
            m1=m1,
            m3=m3,
            m6=m6,
            m12=m12,
            direction=direction,
        )


        trend_out.additional_properties = d
        return trend_out

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
