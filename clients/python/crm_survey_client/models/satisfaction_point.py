from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.satisfaction_point_dimensions import SatisfactionPointDimensions





T = TypeVar("T", bound="SatisfactionPoint")



@_attrs_define
class SatisfactionPoint:
    """ 
        Attributes:
            response_id (str):
            survey_id (None | str):
            answered_at (datetime.datetime):
            value (float):
            level (str):
            dimensions (SatisfactionPointDimensions):
            tier (None | str):
            nps (int | None):
            csat (float | None):
     """

    response_id: str
    survey_id: None | str
    answered_at: datetime.datetime
    value: float
    level: str
    dimensions: SatisfactionPointDimensions
    tier: None | str
    nps: int | None
    csat: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.satisfaction_point_dimensions import SatisfactionPointDimensions # noqa: PLC0415
        response_id = self.response_id

        survey_id: None | str
        survey_id = self.survey_id

        answered_at = self.answered_at.isoformat()

        value = self.value

        level = self.level

        dimensions = self.dimensions.to_dict()

        tier: None | str
        tier = self.tier

        nps: int | None
        nps = self.nps

        csat: float | None
        csat = self.csat


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "response_id": response_id,
            "survey_id": survey_id,
            "answered_at": answered_at,
            "value": value,
            "level": level,
            "dimensions": dimensions,
            "tier": tier,
            "nps": nps,
            "csat": csat,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.satisfaction_point_dimensions import SatisfactionPointDimensions # noqa: PLC0415
        d = dict(src_dict)
        response_id = d.pop("response_id")

        def _parse_survey_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        survey_id = _parse_survey_id(d.pop("survey_id"))


        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))




        value = d.pop("value")

        level = d.pop("level")

        dimensions = SatisfactionPointDimensions.from_dict(d.pop("dimensions"))




        def _parse_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tier = _parse_tier(d.pop("tier"))


        def _parse_nps(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        nps = _parse_nps(d.pop("nps"))


        def _parse_csat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat = _parse_csat(d.pop("csat"))


        satisfaction_point = cls(
            response_id=response_id,
            survey_id=survey_id,
            answered_at=answered_at,
            value=value,
            level=level,
            dimensions=dimensions,
            tier=tier,
            nps=nps,
            csat=csat,
        )


        satisfaction_point.additional_properties = d
        return satisfaction_point

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
