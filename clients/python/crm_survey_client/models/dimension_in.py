from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.item_in import ItemIn





T = TypeVar("T", bound="DimensionIn")



@_attrs_define
class DimensionIn:
    """ 
        Attributes:
            key (str):
            items (list[ItemIn]): 1-5 Likert items
            name (None | str | Unset):
            name_zh (None | str | Unset):
     """

    key: str
    items: list[ItemIn]
    name: None | str | Unset = UNSET
    name_zh: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_in import ItemIn # noqa: PLC0415
        key = self.key

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        name_zh: None | str | Unset
        if isinstance(self.name_zh, Unset):
            name_zh = UNSET
        else:
            name_zh = self.name_zh


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "key": key,
            "items": items,
        })
        if name is not UNSET:
            field_dict["name"] = name
        if name_zh is not UNSET:
            field_dict["name_zh"] = name_zh

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_in import ItemIn # noqa: PLC0415
        d = dict(src_dict)
        key = d.pop("key")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ItemIn.from_dict(items_item_data)



            items.append(items_item)


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_name_zh(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_zh = _parse_name_zh(d.pop("name_zh", UNSET))


        dimension_in = cls(
            key=key,
            items=items,
            name=name,
            name_zh=name_zh,
        )

        return dimension_in

