from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.item_out import ItemOut





T = TypeVar("T", bound="DimensionOut")



@_attrs_define
class DimensionOut:
    """ 
        Attributes:
            key (str):
            name (str):
            items (list[ItemOut]):
            name_zh (str | Unset):  Default: ''.
     """

    key: str
    name: str
    items: list[ItemOut]
    name_zh: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_out import ItemOut # noqa: PLC0415
        key = self.key

        name = self.name

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        name_zh = self.name_zh


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "name": name,
            "items": items,
        })
        if name_zh is not UNSET:
            field_dict["name_zh"] = name_zh

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_out import ItemOut # noqa: PLC0415
        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ItemOut.from_dict(items_item_data)



            items.append(items_item)


        name_zh = d.pop("name_zh", UNSET)

        dimension_out = cls(
            key=key,
            name=name,
            items=items,
            name_zh=name_zh,
        )


        dimension_out.additional_properties = d
        return dimension_out

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
