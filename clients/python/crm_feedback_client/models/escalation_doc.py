from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="EscalationDoc")



@_attrs_define
class EscalationDoc:
    """ 
        Attributes:
            warning_ratio (float | Unset):  Default: 0.8.
            task_force_after_ratio (float | Unset):  Default: 0.5.
     """

    warning_ratio: float | Unset = 0.8
    task_force_after_ratio: float | Unset = 0.5





    def to_dict(self) -> dict[str, Any]:
        warning_ratio = self.warning_ratio

        task_force_after_ratio = self.task_force_after_ratio


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if warning_ratio is not UNSET:
            field_dict["warning_ratio"] = warning_ratio
        if task_force_after_ratio is not UNSET:
            field_dict["task_force_after_ratio"] = task_force_after_ratio

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        warning_ratio = d.pop("warning_ratio", UNSET)

        task_force_after_ratio = d.pop("task_force_after_ratio", UNSET)

        escalation_doc = cls(
            warning_ratio=warning_ratio,
            task_force_after_ratio=task_force_after_ratio,
        )

        return escalation_doc

