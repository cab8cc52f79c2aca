from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TrendPointOut")



@_attrs_define
class TrendPointOut:
    """ 
        Attributes:
            group (str):
            responses (int):
            satisfaction (float | None): Mean weighted satisfaction, 1-5
            nps (float | None):
            csat (float | None):
     """

    group: str
    responses: int
    satisfaction: float | None
    nps: float | None
    csat: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        group = self.group

        responses = self.responses

        satisfaction: float | None
        satisfaction = self.satisfaction

        nps: float | None
        nps = self.nps

        csat: float | None
        csat = self.csat


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "group": group,
            "responses": responses,
            "satisfaction": satisfaction,
            "nps": nps,
            "csat": csat,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        responses = d.pop("responses")

        def _parse_satisfaction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction"))


        def _parse_nps(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nps = _parse_nps(d.pop("nps"))


        def _parse_csat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat = _parse_csat(d.pop("csat"))


        trend_point_out = cls(
            group=group,
            responses=responses,
            satisfaction=satisfaction,
            nps=nps,
            csat=csat,
        )


        trend_point_out.additional_properties = d
        return trend_point_out

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
