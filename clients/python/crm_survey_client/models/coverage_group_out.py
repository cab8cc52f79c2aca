from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="CoverageGroupOut")



@_attrs_define
class CoverageGroupOut:
    """ 
        Attributes:
            target (int):
            invited (int):
            answered (int):
            coverage (float | None):
            response_rate (float | None):
     """

    target: int
    invited: int
    answered: int
    coverage: float | None
    response_rate: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        target = self.target

        invited = self.invited

        answered = self.answered

        coverage: float | None
        coverage = self.coverage

        response_rate: float | None
        response_rate = self.response_rate


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "target": target,
            "invited": invited,
            "answered": answered,
            "coverage": coverage,
            "response_rate": response_rate,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target = d.pop("target")

        invited = d.pop("invited")

        answered = d.pop("answered")

        def _parse_coverage(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        coverage = _parse_coverage(d.pop("coverage"))


        def _parse_response_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        response_rate = _parse_response_rate(d.pop("response_rate"))


        coverage_group_out = cls(
            target=target,
            invited=invited,
            answered=answered,
            coverage=coverage,
            response_rate=response_rate,
        )


        coverage_group_out.additional_properties = d
        return coverage_group_out

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
