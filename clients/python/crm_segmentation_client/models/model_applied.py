from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.job_out import JobOut
  from ..models.scoring_model_out import ScoringModelOut





T = TypeVar("T", bound="ModelApplied")



@_attrs_define
class ModelApplied:
    """ 
        Attributes:
            model (ScoringModelOut):
            rescore_job (JobOut):
     """

    model: ScoringModelOut
    rescore_job: JobOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.job_out import JobOut # noqa: PLC0415
        from ..models.scoring_model_out import ScoringModelOut # noqa: PLC0415
        model = self.model.to_dict()

        rescore_job = self.rescore_job.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "model": model,
            "rescore_job": rescore_job,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_out import JobOut # noqa: PLC0415
        from ..models.scoring_model_out import ScoringModelOut # noqa: PLC0415
        d = dict(src_dict)
        model = ScoringModelOut.from_dict(d.pop("model"))




        rescore_job = JobOut.from_dict(d.pop("rescore_job"))




        model_applied = cls(
            model=model,
            rescore_job=rescore_job,
        )


        model_applied.additional_properties = d
        return model_applied

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
