from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="VerificationPolicyOut")



@_attrs_define
class VerificationPolicyOut:
    """ 
        Attributes:
            auto_close_after_days (int): A resolved ticket with no verification answer closes after this many days
            version (int):
            created_by (str):
            created_at (datetime.datetime):
     """

    auto_close_after_days: int
    version: int
    created_by: str
    created_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        auto_close_after_days = self.auto_close_after_days

        version = self.version

        created_by = self.created_by

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "auto_close_after_days": auto_close_after_days,
            "version": version,
            "created_by": created_by,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        auto_close_after_days = d.pop("auto_close_after_days")

        version = d.pop("version")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        verification_policy_out = cls(
            auto_close_after_days=auto_close_after_days,
            version=version,
            created_by=created_by,
            created_at=created_at,
        )

        return verification_policy_out

