from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="SatisfactionSummary")



@_attrs_define
class SatisfactionSummary:
    """ 
        Attributes:
            answers (int):
            satisfaction (float | None): Mean satisfaction, 1-5
            nps (float | None): % promoters (9-10) - % detractors (0-6)
            nps_answers (int):
     """

    answers: int
    satisfaction: float | None
    nps: float | None
    nps_answers: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        answers = self.answers

        satisfaction: float | None
        satisfaction = self.satisfaction

        nps: float | None
        nps = self.nps

        nps_answers = self.nps_answers


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "answers": answers,
            "satisfaction": satisfaction,
            "nps": nps,
            "nps_answers": nps_answers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answers = d.pop("answers")

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


        nps_answers = d.pop("nps_answers")

        satisfaction_summary = cls(
            answers=answers,
            satisfaction=satisfaction,
            nps=nps,
            nps_answers=nps_answers,
        )


        satisfaction_summary.additional_properties = d
        return satisfaction_summary

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
