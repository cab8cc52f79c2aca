from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.coverage_out_by_tier import CoverageOutByTier
  from ..models.coverage_out_held_back import CoverageOutHeldBack





T = TypeVar("T", bound="CoverageOut")



@_attrs_define
class CoverageOut:
    """ Of the period's target customers (tiers on cadence): invited, answered, held back and why.

        Attributes:
            survey_id (str):
            period (str):
            start (datetime.datetime):
            end (datetime.datetime):
            target (int):
            invited (int):
            answered (int):
            coverage (float | None): invited / target
            coverage_target (float):
            met (bool | None):
            response_rate (float | None): answered / invited
            by_tier (CoverageOutByTier):
            held_back (CoverageOutHeldBack): targets not invited yet, by reason
     """

    survey_id: str
    period: str
    start: datetime.datetime
    end: datetime.datetime
    target: int
    invited: int
    answered: int
    coverage: float | None
    coverage_target: float
    met: bool | None
    response_rate: float | None
    by_tier: CoverageOutByTier
    held_back: CoverageOutHeldBack
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage_out_by_tier import CoverageOutByTier # noqa: PLC0415
        from ..models.coverage_out_held_back import CoverageOutHeldBack # noqa: PLC0415
        survey_id = self.survey_id

        period = self.period

        start = self.start.isoformat()

        end = self.end.isoformat()

        target = self.target

        invited = self.invited

        answered = self.answered

        coverage: float | None
        coverage = self.coverage

        coverage_target = self.coverage_target

        met: bool | None
        met = self.met

        response_rate: float | None
        response_rate = self.response_rate

        by_tier = self.by_tier.to_dict()

        held_back = self.held_back.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "survey_id": survey_id,
            "period": period,
            "start": start,
            "end": end,
            "target": target,
            "invited": invited,
            "answered": answered,
            "coverage": coverage,
            "coverage_target": coverage_target,
            "met": met,
            "response_rate": response_rate,
            "by_tier": by_tier,
            "held_back": held_back,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_out_by_tier import CoverageOutByTier # noqa: PLC0415
        from ..models.coverage_out_held_back import CoverageOutHeldBack # noqa: PLC0415
        d = dict(src_dict)
        survey_id = d.pop("survey_id")

        period = d.pop("period")

        start = datetime.datetime.fromisoformat(d.pop("start"))




        end = datetime.datetime.fromisoformat(d.pop("end"))




        target = d.pop("target")

        invited = d.pop("invited")

        answered = d.pop("answered")

        def _parse_coverage(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        coverage = _parse_coverage(d.pop("coverage"))


        coverage_target = d.pop("coverage_target")

        def _parse_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        met = _parse_met(d.pop("met"))


        def _parse_response_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        response_rate = _parse_response_rate(d.pop("response_rate"))


        by_tier = CoverageOutByTier.from_dict(d.pop("by_tier"))




        held_back = CoverageOutHeldBack.from_dict(d.pop("held_back"))




        coverage_out = cls(
            survey_id=survey_id,
            period=period,
            start=start,
            end=end,
            target=target,
            invited=invited,
            answered=answered,
            coverage=coverage,
            coverage_target=coverage_target,
            met=met,
            response_rate=response_rate,
            by_tier=by_tier,
            held_back=held_back,
        )


        coverage_out.additional_properties = d
        return coverage_out

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
