from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CaseMetric")



@_attrs_define
class CaseMetric:
    """ 
        Attributes:
            name (str):
            before (float):
            after (float):
            unit (None | str | Unset):
     """

    name: str
    before: float
    after: float
    unit: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        before = self.before

        after = self.after

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "before": before,
            "after": after,
        })
        if unit is not UNSET:
            field_dict["unit"] = unit

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        before = d.pop("before")

        after = d.pop("after")

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))


        case_metric = cls(
            name=name,
            before=before,
            after=after,
            unit=unit,
        )

        return case_metric

