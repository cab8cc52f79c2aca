from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SurveySummary")



@_attrs_define
class SurveySummary:
    """ 
        Attributes:
            id (str):
            name (str):
            is_default (bool):
            dimensions (list[str]):
            items (int):
            created_at (datetime.datetime):
     """

    id: str
    name: str
    is_default: bool
    dimensions: list[str]
    items: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        is_default = self.is_default

        dimensions = self.dimensions



        items = self.items

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "is_default": is_default,
            "dimensions": dimensions,
            "items": items,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        is_default = d.pop("is_default")

        dimensions = cast(list[str], d.pop("dimensions"))


        items = d.pop("items")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        survey_summary = cls(
            id=id,
            name=name,
            is_default=is_default,
            dimensions=dimensions,
            items=items,
            created_at=created_at,
        )


        survey_summary.additional_properties = d
        return survey_summary

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
