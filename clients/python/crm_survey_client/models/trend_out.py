from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.trend_out_by import TrendOutBy
from typing import cast

if TYPE_CHECKING:
  from ..models.trend_month_out import TrendMonthOut





T = TypeVar("T", bound="TrendOut")



@_attrs_define
class TrendOut:
    """ 
        Attributes:
            survey_id (str):
            by (TrendOutBy):
            from_month (str):
            to_month (str):
            months (list[TrendMonthOut]): Every month of the range, oldest first, empty ones too
     """

    survey_id: str
    by: TrendOutBy
    from_month: str
    to_month: str
    months: list[TrendMonthOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.trend_month_out import TrendMonthOut # noqa: PLC0415
        survey_id = self.survey_id

        by = self.by.value

        from_month = self.from_month

        to_month = self.to_month

        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "survey_id": survey_id,
            "by": by,
            "from_month": from_month,
            "to_month": to_month,
            "months": months,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trend_month_out import TrendMonthOut # noqa: PLC0415
        d = dict(src_dict)
        survey_id = d.pop("survey_id")

        by = TrendOutBy(d.pop("by"))




        from_month = d.pop("from_month")

        to_month = d.pop("to_month")

        months = []
        _months = d.pop("months")
        for months_item_data in (_months):
            months_item = TrendMonthOut.from_dict(months_item_data)



            months.append(months_item)


        trend_out = cls(
            survey_id=survey_id,
            by=by,
            from_month=from_month,
            to_month=to_month,
            months=months,
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
