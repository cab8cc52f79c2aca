from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.weights_in_tier_weights import WeightsInTierWeights





T = TypeVar("T", bound="WeightsIn")



@_attrs_define
class WeightsIn:
    """ 
        Attributes:
            tier_weights (WeightsInTierWeights):
     """

    tier_weights: WeightsInTierWeights





    def to_dict(self) -> dict[str, Any]:
        from ..models.weights_in_tier_weights import WeightsInTierWeights # noqa: PLC0415
        tier_weights = self.tier_weights.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "tier_weights": tier_weights,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.weights_in_tier_weights import WeightsInTierWeights # noqa: PLC0415
        d = dict(src_dict)
        tier_weights = WeightsInTierWeights.from_dict(d.pop("tier_weights"))




        weights_in = cls(
            tier_weights=tier_weights,
        )

        return weights_in

