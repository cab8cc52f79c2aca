from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.sla_report_out_definitions import SlaReportOutDefinitions
  from ..models.sla_report_out_tiers import SlaReportOutTiers
  from ..models.sla_trend_month import SlaTrendMonth





T = TypeVar("T", bound="SlaReportOut")



@_attrs_define
class SlaReportOut:
    """ 
        Attributes:
            month (str):
            generated_at (datetime.datetime):
            tiers (SlaReportOutTiers): Per tier (`unknown` when no tier was known) and `all`
            definitions (SlaReportOutDefinitions):
            trend (list[SlaTrendMonth]): On-time rates of the 6 months up to this one, per tier (as GET
                /v1/reports/sla/trend)
     """

    month: str
    generated_at: datetime.datetime
    tiers: SlaReportOutTiers
    definitions: SlaReportOutDefinitions
    trend: list[SlaTrendMonth]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_report_out_definitions import SlaReportOutDefinitions # noqa: PLC0415
        from ..models.sla_report_out_tiers import SlaReportOutTiers # noqa: PLC0415
        from ..models.sla_trend_month import SlaTrendMonth # noqa: PLC0415
        month = self.month

        generated_at = self.generated_at.isoformat()

        tiers = self.tiers.to_dict()

        definitions = self.definitions.to_dict()

        trend = []
        for trend_item_data in self.trend:
            trend_item = trend_item_data.to_dict()
            trend.append(trend_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "generated_at": generated_at,
            "tiers": tiers,
            "definitions": definitions,
            "trend": trend,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_report_out_definitions import SlaReportOutDefinitions # noqa: PLC0415
        from ..models.sla_report_out_tiers import SlaReportOutTiers # noqa: PLC0415
        from ..models.sla_trend_month import SlaTrendMonth # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))




        tiers = SlaReportOutTiers.from_dict(d.pop("tiers"))




        definitions = SlaReportOutDefinitions.from_dict(d.pop("definitions"))




        trend = []
        _trend = d.pop("trend")
        for trend_item_data in (_trend):
            trend_item = SlaTrendMonth.from_dict(trend_item_data)



            trend.append(trend_item)


        sla_report_out = cls(
            month=month,
            generated_at=generated_at,
            tiers=tiers,
            definitions=definitions,
            trend=trend,
        )


        sla_report_out.additional_properties = d
        return sla_report_out

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
