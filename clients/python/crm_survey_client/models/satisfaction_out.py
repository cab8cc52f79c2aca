from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.satisfaction_out_dimensions import SatisfactionOutDimensions
  from ..models.satisfaction_out_weights import SatisfactionOutWeights





T = TypeVar("T", bound="SatisfactionOut")



@_attrs_define
class SatisfactionOut:
    """ 
        Attributes:
            value (float):
            level (str):
            dimensions (SatisfactionOutDimensions):
            weights (SatisfactionOutWeights):
            tier (None | str):
            nps (int | None):
            nps_category (None | str):
            csat (float | None):
     """

    value: float
    level: str
    dimensions: SatisfactionOutDimensions
    weights: SatisfactionOutWeights
    tier: None | str
    nps: int | None
    nps_category: None | str
    csat: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.satisfaction_out_dimensions import SatisfactionOutDimensions # noqa: PLC0415
        from ..models.satisfaction_out_weights import SatisfactionOutWeights # noqa: PLC0415
        value = self.value

        level = self.level

        dimensions = self.dimensions.to_dict()

        weights = self.weights.to_dict()

        tier: None | str
        tier = self.tier

        nps: int | None
        nps = self.nps

        nps_category: None | str
        nps_category = self.nps_category

        csat: float | None
        csat = self.csat


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "value": value,
            "level": level,
            "dimensions": dimensions,
            "weights": weights,
            "tier": tier,
            "nps": nps,
            "nps_category": nps_category,
            "csat": csat,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.satisfaction_out_dimensions import SatisfactionOutDimensions # noqa: PLC0415
        from ..models.satisfaction_out_weights import SatisfactionOutWeights # noqa: PLC0415
        d = dict(src_dict)
        value = d.pop("value")

        level = d.pop("level")

        dimensions = SatisfactionOutDimensions.from_dict(d.pop("dimensions"))




        weights = SatisfactionOutWeights.from_dict(d.pop("weights"))




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


        def _parse_nps_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nps_category = _parse_nps_category(d.pop("nps_category"))


        def _parse_csat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat = _parse_csat(d.pop("csat"))


        satisfaction_out = cls(
            value=value,
            level=level,
            dimensions=dimensions,
            weights=weights,
            tier=tier,
            nps=nps,
            nps_category=nps_category,
            csat=csat,
        )


        satisfaction_out.additional_properties = d
        return satisfaction_out

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
