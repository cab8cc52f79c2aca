from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ItemOut")



@_attrs_define
class ItemOut:
    """ 
        Attributes:
            id (str):
            dimension (str):
            text (str):
            text_zh (str | Unset):  Default: ''.
     """

    id: str
    dimension: str
    text: str
    text_zh: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        dimension = self.dimension

        text = self.text

        text_zh = self.text_zh


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "dimension": dimension,
            "text": text,
        })
        if text_zh is not UNSET:
            field_dict["text_zh"] = text_zh

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        dimension = d.pop("dimension")

        text = d.pop("text")

        text_zh = d.pop("text_zh", UNSET)

        item_out = cls(
            id=id,
            dimension=dimension,
            text=text,
            text_zh=text_zh,
        )


        item_out.additional_properties = d
        return item_out

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
