from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ClockIn")



@_attrs_define
class ClockIn:
    """ 
        Attributes:
            now (datetime.datetime): RFC 3339 time to move to; never before the current one
     """

    now: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        now = self.now.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "now": now,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        now = datetime.datetime.fromisoformat(d.pop("now"))




        clock_in = cls(
            now=now,
        )

        return clock_in

