from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.sla_trend_month_tiers import SlaTrendMonthTiers





T = TypeVar("T", bound="SlaTrendMonth")



@_attrs_define
class SlaTrendMonth:
    """ 
        Attributes:
            month (str):
            tiers (SlaTrendMonthTiers): Per tier (`unknown` when none) and `all`
     """

    month: str
    tiers: SlaTrendMonthTiers
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_trend_month_tiers import SlaTrendMonthTiers # noqa: PLC0415
        month = self.month

        tiers = self.tiers.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "tiers": tiers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_trend_month_tiers import SlaTrendMonthTiers # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        tiers = SlaTrendMonthTiers.from_dict(d.pop("tiers"))




        sla_trend_month = cls(
            month=month,
            tiers=tiers,
        )


        sla_trend_month.additional_properties = d
        return sla_trend_month

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
