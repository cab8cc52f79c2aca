from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ItemIn")



@_attrs_define
class ItemIn:
    """ 
        Attributes:
            text (str):
            id (None | str | Unset): Defaults to `<dimension>.<n>`
            text_zh (None | str | Unset):
     """

    text: str
    id: None | str | Unset = UNSET
    text_zh: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        text = self.text

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        text_zh: None | str | Unset
        if isinstance(self.text_zh, Unset):
            text_zh = UNSET
        else:
            text_zh = self.text_zh


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "text": text,
        })
        if id is not UNSET:
            field_dict["id"] = id
        if text_zh is not UNSET:
            field_dict["text_zh"] = text_zh

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))


        def _parse_text_zh(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text_zh = _parse_text_zh(d.pop("text_zh", UNSET))


        item_in = cls(
            text=text,
            id=id,
            text_zh=text_zh,
        )

        return item_in

