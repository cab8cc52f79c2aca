from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ResolveIn")



@_attrs_define
class ResolveIn:
    """ 
        Attributes:
            solution (str):
            improvement (None | str | Unset): Improvement measures taken so it does not recur
     """

    solution: str
    improvement: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        solution = self.solution

        improvement: None | str | Unset
        if isinstance(self.improvement, Unset):
            improvement = UNSET
        else:
            improvement = self.improvement


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "solution": solution,
        })
        if improvement is not UNSET:
            field_dict["improvement"] = improvement

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        solution = d.pop("solution")

        def _parse_improvement(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        improvement = _parse_improvement(d.pop("improvement", UNSET))


        resolve_in = cls(
            solution=solution,
            improvement=improvement,
        )

        return resolve_in

