from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SatisfactionOut")



@_attrs_define
class SatisfactionOut:
    """ 
        Attributes:
            value (float):
            level (str):
            nps (int | None):
            answered_at (datetime.datetime):
     """

    value: float
    level: str
    nps: int | None
    answered_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        value = self.value

        level = self.level

        nps: int | None
        nps = self.nps

        answered_at = self.answered_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "value": value,
            "level": level,
            "nps": nps,
            "answered_at": answered_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        level = d.pop("level")

        def _parse_nps(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        nps = _parse_nps(d.pop("nps"))


        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))




        satisfaction_out = cls(
            value=value,
            level=level,
            nps=nps,
            answered_at=answered_at,
        )


        satisfaction_out.additional_properties = d
        return satisfaction_out

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
