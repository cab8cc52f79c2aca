from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.invitation_link_out_kind import InvitationLinkOutKind
from ..models.invitation_link_out_status import InvitationLinkOutStatus
from typing import cast
import datetime






T = TypeVar("T", bound="InvitationLinkOut")



@_attrs_define
class InvitationLinkOut:
    """ What a sender needs to deliver an invitation: the answering link, fetched at send time.

        Attributes:
            invitation_id (str):
            kind (InvitationLinkOutKind):
            customer_id (str):
            url (str):
            status (InvitationLinkOutStatus):
            expires_at (datetime.datetime):
     """

    invitation_id: str
    kind: InvitationLinkOutKind
    customer_id: str
    url: str
    status: InvitationLinkOutStatus
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        invitation_id = self.invitation_id

        kind = self.kind.value

        customer_id = self.customer_id

        url = self.url

        status = self.status.value

        expires_at = self.expires_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "invitation_id": invitation_id,
            "kind": kind,
            "customer_id": customer_id,
            "url": url,
            "status": status,
            "expires_at": expires_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invitation_id = d.pop("invitation_id")

        kind = InvitationLinkOutKind(d.pop("kind"))




        customer_id = d.pop("customer_id")

        url = d.pop("url")

        status = InvitationLinkOutStatus(d.pop("status"))




        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        invitation_link_out = cls(
            invitation_id=invitation_id,
            kind=kind,
            customer_id=customer_id,
            url=url,
            status=status,
            expires_at=expires_at,
        )


        invitation_link_out.additional_properties = d
        return invitation_link_out

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
