from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.case_metric import CaseMetric





T = TypeVar("T", bound="CaseEffect")



@_attrs_define
class CaseEffect:
    """ 
        Attributes:
            metrics (list[CaseMetric] | Unset):
            summary (None | str | Unset):
     """

    metrics: list[CaseMetric] | Unset = UNSET
    summary: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_metric import CaseMetric # noqa: PLC0415
        metrics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = []
            for metrics_item_data in self.metrics:
                metrics_item = metrics_item_data.to_dict()
                metrics.append(metrics_item)



        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_metric import CaseMetric # noqa: PLC0415
        d = dict(src_dict)
        _metrics = d.pop("metrics", UNSET)
        metrics: list[CaseMetric] | Unset = UNSET
        if _metrics is not UNSET:
            metrics = []
            for metrics_item_data in _metrics:
                metrics_item = CaseMetric.from_dict(metrics_item_data)



                metrics.append(metrics_item)


        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))


        case_effect = cls(
            metrics=metrics,
            summary=summary,
        )

        return case_effect

