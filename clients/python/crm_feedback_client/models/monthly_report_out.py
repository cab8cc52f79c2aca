from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.effect_section import EffectSection
  from ..models.monthly_report_out_actions import MonthlyReportOutActions
  from ..models.monthly_report_out_satisfaction import MonthlyReportOutSatisfaction
  from ..models.report_period import ReportPeriod
  from ..models.sla_section import SlaSection
  from ..models.tier_moves_section import TierMovesSection





T = TypeVar("T", bound="MonthlyReportOut")



@_attrs_define
class MonthlyReportOut:
    """ 
        Attributes:
            month (str):
            kind (str):
            built_at (datetime.datetime):
            period (ReportPeriod):
            sla (SlaSection):
            satisfaction (MonthlyReportOutSatisfaction): Per tier and `all`
            actions (MonthlyReportOutActions): Care actions per tier and `all`
            tier_moves (TierMovesSection):
            effect (EffectSection):
     """

    month: str
    kind: str
    built_at: datetime.datetime
    period: ReportPeriod
    sla: SlaSection
    satisfaction: MonthlyReportOutSatisfaction
    actions: MonthlyReportOutActions
    tier_moves: TierMovesSection
    effect: EffectSection
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.effect_section import EffectSection # noqa: PLC0415
        from ..models.monthly_report_out_actions import MonthlyReportOutActions # noqa: PLC0415
        from ..models.monthly_report_out_satisfaction import MonthlyReportOutSatisfaction # noqa: PLC0415
        from ..models.report_period import ReportPeriod # noqa: PLC0415
        from ..models.sla_section import SlaSection # noqa: PLC0415
        from ..models.tier_moves_section import TierMovesSection # noqa: PLC0415
        month = self.month

        kind = self.kind

        built_at = self.built_at.isoformat()

        period = self.period.to_dict()

        sla = self.sla.to_dict()

        satisfaction = self.satisfaction.to_dict()

        actions = self.actions.to_dict()

        tier_moves = self.tier_moves.to_dict()

        effect = self.effect.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "kind": kind,
            "built_at": built_at,
            "period": period,
            "sla": sla,
            "satisfaction": satisfaction,
            "actions": actions,
            "tier_moves": tier_moves,
            "effect": effect,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.effect_section import EffectSection # noqa: PLC0415
        from ..models.monthly_report_out_actions import MonthlyReportOutActions # noqa: PLC0415
        from ..models.monthly_report_out_satisfaction import MonthlyReportOutSatisfaction # noqa: PLC0415
        from ..models.report_period import ReportPeriod # noqa: PLC0415
        from ..models.sla_section import SlaSection # noqa: PLC0415
        from ..models.tier_moves_section import TierMovesSection # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        kind = d.pop("kind")

        built_at = datetime.datetime.fromisoformat(d.pop("built_at"))




        period = ReportPeriod.from_dict(d.pop("period"))




        sla = SlaSection.from_dict(d.pop("sla"))




        satisfaction = MonthlyReportOutSatisfaction.from_dict(d.pop("satisfaction"))




        actions = MonthlyReportOutActions.from_dict(d.pop("actions"))




        tier_moves = TierMovesSection.from_dict(d.pop("tier_moves"))




        effect = EffectSection.from_dict(d.pop("effect"))




        monthly_report_out = cls(
            month=month,
            kind=kind,
            built_at=built_at,
            period=period,
            sla=sla,
            satisfaction=satisfaction,
            actions=actions,
            tier_moves=tier_moves,
            effect=effect,
        )


        monthly_report_out.additional_properties = d
        return monthly_report_out

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
