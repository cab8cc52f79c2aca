from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ReopeningDoc")



@_attrs_define
class ReopeningDoc:
    """ 
        Attributes:
            closed_within_days (int | Unset): A customer message reopens a ticket closed at most this many days ago; later
                the message is refused (409) and belongs on a new ticket. 0: a closed ticket never reopens Default: 7.
     """

    closed_within_days: int | Unset = 7





    def to_dict(self) -> dict[str, Any]:
        closed_within_days = self.closed_within_days


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if closed_within_days is not UNSET:
            field_dict["closed_within_days"] = closed_within_days

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closed_within_days = d.pop("closed_within_days", UNSET)

        reopening_doc = cls(
            closed_within_days=closed_within_days,
        )

        return reopening_doc

