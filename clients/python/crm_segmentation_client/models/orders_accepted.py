from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OrdersAccepted")



@_attrs_define
class OrdersAccepted:
    """ 
        Attributes:
            accepted (int):
            duplicates (list[str]): order ids seen before; not counted twice
            score_changed (bool | Unset): The new orders moved the score (rescored in the same request) Default: False.
     """

    accepted: int
    duplicates: list[str]
    score_changed: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        duplicates = self.duplicates



        score_changed = self.score_changed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accepted": accepted,
            "duplicates": duplicates,
        })
        if score_changed is not UNSET:
            field_dict["score_changed"] = score_changed

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicates = cast(list[str], d.pop("duplicates"))


        score_changed = d.pop("score_changed", UNSET)

        orders_accepted = cls(
            accepted=accepted,
            duplicates=duplicates,
            score_changed=score_changed,
        )


        orders_accepted.additional_properties = d
        return orders_accepted

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
