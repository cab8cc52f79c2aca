from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CaseMetricOut")



@_attrs_define
class CaseMetricOut:
    """ 
        Attributes:
            name (str):
            before (float):
            after (float):
            change (float):
            change_pct (float | None):
            unit (None | str | Unset):
     """

    name: str
    before: float
    after: float
    change: float
    change_pct: float | None
    unit: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        before = self.before

        after = self.after

        change = self.change

        change_pct: float | None
        change_pct = self.change_pct

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
            "change": change,
            "change_pct": change_pct,
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

        change = d.pop("change")

        def _parse_change_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        change_pct = _parse_change_pct(d.pop("change_pct"))


        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))


        case_metric_out = cls(
            name=name,
            before=before,
            after=after,
            change=change,
            change_pct=change_pct,
            unit=unit,
        )

        return case_metric_out

