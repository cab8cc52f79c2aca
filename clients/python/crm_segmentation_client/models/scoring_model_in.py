from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.curves_in import CurvesIn
  from ..models.thresholds_in import ThresholdsIn
  from ..models.weights_in import WeightsIn





T = TypeVar("T", bound="ScoringModelIn")



@_attrs_define
class ScoringModelIn:
    """ 
        Attributes:
            curves (CurvesIn):
            weights (WeightsIn):
            thresholds (ThresholdsIn):
            version (None | str | Unset):
     """

    curves: CurvesIn
    weights: WeightsIn
    thresholds: ThresholdsIn
    version: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.curves_in import CurvesIn # noqa: PLC0415
        from ..models.thresholds_in import ThresholdsIn # noqa: PLC0415
        from ..models.weights_in import WeightsIn # noqa: PLC0415
        curves = self.curves.to_dict()

        weights = self.weights.to_dict()

        thresholds = self.thresholds.to_dict()

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "curves": curves,
            "weights": weights,
            "thresholds": thresholds,
        })
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curves_in import CurvesIn # noqa: PLC0415
        from ..models.thresholds_in import ThresholdsIn # noqa: PLC0415
        from ..models.weights_in import WeightsIn # noqa: PLC0415
        d = dict(src_dict)
        curves = CurvesIn.from_dict(d.pop("curves"))




        weights = WeightsIn.from_dict(d.pop("weights"))




        thresholds = ThresholdsIn.from_dict(d.pop("thresholds"))




        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))


        scoring_model_in = cls(
            curves=curves,
            weights=weights,
            thresholds=thresholds,
            version=version,
        )

        return scoring_model_in

