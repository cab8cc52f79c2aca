from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.experiment_report_definitions import ExperimentReportDefinitions
  from ..models.variant_report import VariantReport





T = TypeVar("T", bound="ExperimentReport")



@_attrs_define
class ExperimentReport:
    """ 
        Attributes:
            experiment_id (str):
            rule_id (str):
            definitions (ExperimentReportDefinitions):
            variants (list[VariantReport]):
            confidence (float | Unset):  Default: 0.95.
     """

    experiment_id: str
    rule_id: str
    definitions: ExperimentReportDefinitions
    variants: list[VariantReport]
    confidence: float | Unset = 0.95
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.experiment_report_definitions import ExperimentReportDefinitions # noqa: PLC0415
        from ..models.variant_report import VariantReport # noqa: PLC0415
        experiment_id = self.experiment_id

        rule_id = self.rule_id

        definitions = self.definitions.to_dict()

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)



        confidence = self.confidence


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "experiment_id": experiment_id,
            "rule_id": rule_id,
            "definitions": definitions,
            "variants": variants,
        })
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.experiment_report_definitions import ExperimentReportDefinitions # noqa: PLC0415
        from ..models.variant_report import VariantReport # noqa: PLC0415
        d = dict(src_dict)
        experiment_id = d.pop("experiment_id")

        rule_id = d.pop("rule_id")

        definitions = ExperimentReportDefinitions.from_dict(d.pop("definitions"))




        variants = []
        _variants = d.pop("variants")
        for variants_item_data in (_variants):
            variants_item = VariantReport.from_dict(variants_item_data)



            variants.append(variants_item)


        confidence = d.pop("confidence", UNSET)

        experiment_report = cls(
            experiment_id=experiment_id,
            rule_id=rule_id,
            definitions=definitions,
            variants=variants,
            confidence=confidence,
        )


        experiment_report.additional_properties = d
        return experiment_report

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
