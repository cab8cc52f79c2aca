from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.sla_trend_month import SlaTrendMonth





T = TypeVar("T", bound="SlaTrendOut")



@_attrs_define
class SlaTrendOut:
    """ 
        Attributes:
            from_month (str):
            to_month (str):
            generated_at (datetime.datetime):
            months (list[SlaTrendMonth]): Every month of the range, oldest first
     """

    from_month: str
    to_month: str
    generated_at: datetime.datetime
    months: list[SlaTrendMonth]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_trend_month import SlaTrendMonth # noqa: PLC0415
        from_month = self.from_month

        to_month = self.to_month

        generated_at = self.generated_at.isoformat()

        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from_month": from_month,
            "to_month": to_month,
            "generated_at": generated_at,
            "months": months,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_trend_month import SlaTrendMonth # noqa: PLC0415
        d = dict(src_dict)
        from_month = d.pop("from_month")

        to_month = d.pop("to_month")

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))




        months = []
        _months = d.pop("months")
        for months_item_data in (_months):
            months_item = SlaTrendMonth.from_dict(months_item_data)



            months.append(months_item)


        sla_trend_out = cls(
            from_month=from_month,
            to_month=to_month,
            generated_at=generated_at,
            months=months,
        )


        sla_trend_out.additional_properties = d
        return sla_trend_out

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
