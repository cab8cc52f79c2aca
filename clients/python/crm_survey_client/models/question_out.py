from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.question_out_type import QuestionOutType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="QuestionOut")



@_attrs_define
class QuestionOut:
    """ 
        Attributes:
            id (str):
            type_ (QuestionOutType):
            text (str):
            text_zh (str | Unset):  Default: ''.
            dimension (None | str | Unset):
            min_ (int | None | Unset):
            max_ (int | None | Unset):
            required (bool | Unset): False for NPS, open questions and the rating Default: True.
     """

    id: str
    type_: QuestionOutType
    text: str
    text_zh: str | Unset = ''
    dimension: None | str | Unset = UNSET
    min_: int | None | Unset = UNSET
    max_: int | None | Unset = UNSET
    required: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        text = self.text

        text_zh = self.text_zh

        dimension: None | str | Unset
        if isinstance(self.dimension, Unset):
            dimension = UNSET
        else:
            dimension = self.dimension

        min_: int | None | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        max_: int | None | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        required = self.required


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "type": type_,
            "text": text,
        })
        if text_zh is not UNSET:
            field_dict["text_zh"] = text_zh
        if dimension is not UNSET:
            field_dict["dimension"] = dimension
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = QuestionOutType(d.pop("type"))




        text = d.pop("text")

        text_zh = d.pop("text_zh", UNSET)

        def _parse_dimension(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dimension = _parse_dimension(d.pop("dimension", UNSET))


        def _parse_min_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))


        def _parse_max_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))


        required = d.pop("required", UNSET)

        question_out = cls(
            id=id,
            type_=type_,
            text=text,
            text_zh=text_zh,
            dimension=dimension,
            min_=min_,
            max_=max_,
            required=required,
        )


        question_out.additional_properties = d
        return question_out

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
