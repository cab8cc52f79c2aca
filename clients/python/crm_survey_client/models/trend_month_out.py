from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.trend_point_out import TrendPointOut





T = TypeVar("T", bound="TrendMonthOut")



@_attrs_define
class TrendMonthOut:
    """ 
        Attributes:
            month (str):
            overall (TrendPointOut):
            groups (list[TrendPointOut]):
     """

    month: str
    overall: TrendPointOut
    groups: list[TrendPointOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.trend_point_out import TrendPointOut # noqa: PLC0415
        month = self.month

        overall = self.overall.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "overall": overall,
            "groups": groups,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trend_point_out import TrendPointOut # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        overall = TrendPointOut.from_dict(d.pop("overall"))




        groups = []
        _groups = d.pop("groups")
        for groups_item_data in (_groups):
            groups_item = TrendPointOut.from_dict(groups_item_data)



            groups.append(groups_item)


        trend_month_out = cls(
            month=month,
            overall=overall,
            groups=groups,
        )


        trend_month_out.additional_properties = d
        return trend_month_out

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
