from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="MonthEndScore")



@_attrs_define
class MonthEndScore:
    """ 
        Attributes:
            month (str): YYYY-MM, a business month
            value (float):
            tier (str):
            computed_tier (str):
            quadrant (None | str):
     """

    month: str
    value: float
    tier: str
    computed_tier: str
    quadrant: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        month = self.month

        value = self.value

        tier = self.tier

        computed_tier = self.computed_tier

        quadrant: None | str
        quadrant = self.quadrant


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "value": value,
            "tier": tier,
            "computed_tier": computed_tier,
            "quadrant": quadrant,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        month = d.pop("month")

        value = d.pop("value")

        tier = d.pop("tier")

        computed_tier = d.pop("computed_tier")

        def _parse_quadrant(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quadrant = _parse_quadrant(d.pop("quadrant"))


        month_end_score = cls(
            month=month,
            value=value,
            tier=tier,
            computed_tier=computed_tier,
            quadrant=quadrant,
        )


        month_end_score.additional_properties = d
        return month_end_score

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
