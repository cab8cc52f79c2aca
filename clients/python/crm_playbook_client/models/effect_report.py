from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.effect_report_by_quadrant import EffectReportByQuadrant
  from ..models.effect_report_by_tier import EffectReportByTier
  from ..models.effect_report_definitions import EffectReportDefinitions
  from ..models.effect_report_overall import EffectReportOverall





T = TypeVar("T", bound="EffectReport")



@_attrs_define
class EffectReport:
    """ 
        Attributes:
            month (str):
            definitions (EffectReportDefinitions):
            overall (EffectReportOverall):
            by_tier (EffectReportByTier):
            by_quadrant (EffectReportByQuadrant):
     """

    month: str
    definitions: EffectReportDefinitions
    overall: EffectReportOverall
    by_tier: EffectReportByTier
    by_quadrant: EffectReportByQuadrant
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.effect_report_by_quadrant import EffectReportByQuadrant # noqa: PLC0415
        from ..models.effect_report_by_tier import EffectReportByTier # noqa: PLC0415
        from ..models.effect_report_definitions import EffectReportDefinitions # noqa: PLC0415
        from ..models.effect_report_overall import EffectReportOverall # noqa: PLC0415
        month = self.month

        definitions = self.definitions.to_dict()

        overall = self.overall.to_dict()

        by_tier = self.by_tier.to_dict()

        by_quadrant = self.by_quadrant.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "definitions": definitions,
            "overall": overall,
            "by_tier": by_tier,
            "by_quadrant": by_quadrant,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.effect_report_by_quadrant import EffectReportByQuadrant # noqa: PLC0415
        from ..models.effect_report_by_tier import EffectReportByTier # noqa: PLC0415
        from ..models.effect_report_definitions import EffectReportDefinitions # noqa: PLC0415
        from ..models.effect_report_overall import EffectReportOverall # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        definitions = EffectReportDefinitions.from_dict(d.pop("definitions"))




        overall = EffectReportOverall.from_dict(d.pop("overall"))




        by_tier = EffectReportByTier.from_dict(d.pop("by_tier"))




        by_quadrant = EffectReportByQuadrant.from_dict(d.pop("by_quadrant"))




        effect_report = cls(
            month=month,
            definitions=definitions,
            overall=overall,
            by_tier=by_tier,
            by_quadrant=by_quadrant,
        )


        effect_report.additional_properties = d
        return effect_report

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
