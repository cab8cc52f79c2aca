from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.contact_policy_out_policy import ContactPolicyOutPolicy





T = TypeVar("T", bound="ContactPolicyOut")



@_attrs_define
class ContactPolicyOut:
    """ 
        Attributes:
            version (int):
            created_at (datetime.datetime):
            created_by (str):
            policy (ContactPolicyOutPolicy):
     """

    version: int
    created_at: datetime.datetime
    created_by: str
    policy: ContactPolicyOutPolicy
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_policy_out_policy import ContactPolicyOutPolicy # noqa: PLC0415
        version = self.version

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        policy = self.policy.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_at": created_at,
            "created_by": created_by,
            "policy": policy,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_policy_out_policy import ContactPolicyOutPolicy # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        created_by = d.pop("created_by")

        policy = ContactPolicyOutPolicy.from_dict(d.pop("policy"))




        contact_policy_out = cls(
            version=version,
            created_at=created_at,
            created_by=created_by,
            policy=policy,
        )


        contact_policy_out.additional_properties = d
        return contact_policy_out

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
