from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.experiment_out_assignments import ExperimentOutAssignments





T = TypeVar("T", bound="ExperimentOut")



@_attrs_define
class ExperimentOut:
    """ 
        Attributes:
            id (str):
            rule_id (str):
            rule_name (str):
            trigger (str):
            enabled (bool):
            control_share (float):
            variants (list[str]):
            assignments (ExperimentOutAssignments):
     """

    id: str
    rule_id: str
    rule_name: str
    trigger: str
    enabled: bool
    control_share: float
    variants: list[str]
    assignments: ExperimentOutAssignments
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.experiment_out_assignments import ExperimentOutAssignments # noqa: PLC0415
        id = self.id

        rule_id = self.rule_id

        rule_name = self.rule_name

        trigger = self.trigger

        enabled = self.enabled

        control_share = self.control_share

        variants = self.variants



        assignments = self.assignments.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "rule_id": rule_id,
            "rule_name": rule_name,
            "trigger": trigger,
            "enabled": enabled,
            "control_share": control_share,
            "variants": variants,
            "assignments": assignments,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.experiment_out_assignments import ExperimentOutAssignments # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        rule_id = d.pop("rule_id")

        rule_name = d.pop("rule_name")

        trigger = d.pop("trigger")

        enabled = d.pop("enabled")

        control_share = d.pop("control_share")

        variants = cast(list[str], d.pop("variants"))


        assignments = ExperimentOutAssignments.from_dict(d.pop("assignments"))




        experiment_out = cls(
            id=id,
            rule_id=rule_id,
            rule_name=rule_name,
            trigger=trigger,
            enabled=enabled,
            control_share=control_share,
            variants=variants,
            assignments=assignments,
        )


        experiment_out.additional_properties = d
        return experiment_out

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
