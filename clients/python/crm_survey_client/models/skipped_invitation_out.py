from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SkippedInvitationOut")



@_attrs_define
class SkippedInvitationOut:
    """ A customer not invited: the fatigue guard (one survey invitation in 30 days) held it back.

        Attributes:
            customer_id (str):
            reason (str):
            recent_invitation_id (str):
            next_allowed_at (datetime.datetime):
     """

    customer_id: str
    reason: str
    recent_invitation_id: str
    next_allowed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        customer_id = self.customer_id

        reason = self.reason

        recent_invitation_id = self.recent_invitation_id

        next_allowed_at = self.next_allowed_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "customer_id": customer_id,
            "reason": reason,
            "recent_invitation_id": recent_invitation_id,
            "next_allowed_at": next_allowed_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_id = d.pop("customer_id")

        reason = d.pop("reason")

        recent_invitation_id = d.pop("recent_invitation_id")

        next_allowed_at = datetime.datetime.fromisoformat(d.pop("next_allowed_at"))




        skipped_invitation_out = cls(
            customer_id=customer_id,
            reason=reason,
            recent_invitation_id=recent_invitation_id,
            next_allowed_at=next_allowed_at,
        )


        skipped_invitation_out.additional_properties = d
        return skipped_invitation_out

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
