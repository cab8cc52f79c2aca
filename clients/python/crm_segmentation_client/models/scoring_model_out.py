from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.scoring_model_out_curves import ScoringModelOutCurves
  from ..models.scoring_model_out_inputs import ScoringModelOutInputs
  from ..models.scoring_model_out_thresholds import ScoringModelOutThresholds
  from ..models.scoring_model_out_weights import ScoringModelOutWeights





T = TypeVar("T", bound="ScoringModelOut")



@_attrs_define
class ScoringModelOut:
    """ 
        Attributes:
            version (str):
            curves (ScoringModelOutCurves):
            weights (ScoringModelOutWeights):
            thresholds (ScoringModelOutThresholds):
            inputs (ScoringModelOutInputs):
            active (bool):
            created_by (str):
            created_at (datetime.datetime):
     """

    version: str
    curves: ScoringModelOutCurves
    weights: ScoringModelOutWeights
    thresholds: ScoringModelOutThresholds
    inputs: ScoringModelOutInputs
    active: bool
    created_by: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.scoring_model_out_curves import ScoringModelOutCurves # noqa: PLC0415
        from ..models.scoring_model_out_inputs import ScoringModelOutInputs # noqa: PLC0415
        from ..models.scoring_model_out_thresholds import ScoringModelOutThresholds # noqa: PLC0415
        from ..models.scoring_model_out_weights import ScoringModelOutWeights # noqa: PLC0415
        version = self.version

        curves = self.curves.to_dict()

        weights = self.weights.to_dict()

        thresholds = self.thresholds.to_dict()

        inputs = self.inputs.to_dict()

        active = self.active

        created_by = self.created_by

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "curves": curves,
            "weights": weights,
            "thresholds": thresholds,
            "inputs": inputs,
            "active": active,
            "created_by": created_by,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scoring_model_out_curves import ScoringModelOutCurves # noqa: PLC0415
        from ..models.scoring_model_out_inputs import ScoringModelOutInputs # noqa: PLC0415
        from ..models.scoring_model_out_thresholds import ScoringModelOutThresholds # noqa: PLC0415
        from ..models.scoring_model_out_weights import ScoringModelOutWeights # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        curves = ScoringModelOutCurves.from_dict(d.pop("curves"))




        weights = ScoringModelOutWeights.from_dict(d.pop("weights"))




        thresholds = ScoringModelOutThresholds.from_dict(d.pop("thresholds"))




        inputs = ScoringModelOutInputs.from_dict(d.pop("inputs"))




        active = d.pop("active")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        scoring_model_out = cls(
            version=version,
            curves=curves,
            weights=weights,
            thresholds=thresholds,
            inputs=inputs,
            active=active,
            created_by=created_by,
            created_at=created_at,
        )


        scoring_model_out.additional_properties = d
        return scoring_model_out

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
