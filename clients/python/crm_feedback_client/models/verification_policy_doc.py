from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="VerificationPolicyDoc")



@_attrs_define
class VerificationPolicyDoc:
    """ 
        Attributes:
            auto_close_after_days (int): A resolved ticket with no verification answer closes after this many days
     """

    auto_close_after_days: int





    def to_dict(self) -> dict[str, Any]:
        auto_close_after_days = self.auto_close_after_days


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "auto_close_after_days": auto_close_after_days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        auto_close_after_days = d.pop("auto_close_after_days")

        verification_policy_doc = cls(
            auto_close_after_days=auto_close_after_days,
        )

        return verification_policy_doc

