from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.invitation_out import InvitationOut
  from ..models.skipped_invitation_out import SkippedInvitationOut





T = TypeVar("T", bound="InvitationsOut")



@_attrs_define
class InvitationsOut:
    """ 
        Attributes:
            items (list[InvitationOut]):
            skipped (list[SkippedInvitationOut] | Unset):
     """

    items: list[InvitationOut]
    skipped: list[SkippedInvitationOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.invitation_out import InvitationOut # noqa: PLC0415
        from ..models.skipped_invitation_out import SkippedInvitationOut # noqa: PLC0415
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        skipped: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.skipped, Unset):
            skipped = []
            for skipped_item_data in self.skipped:
                skipped_item = skipped_item_data.to_dict()
                skipped.append(skipped_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
        })
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invitation_out import InvitationOut # noqa: PLC0415
        from ..models.skipped_invitation_out import SkippedInvitationOut # noqa: PLC0415
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = InvitationOut.from_dict(items_item_data)



            items.append(items_item)


        _skipped = d.pop("skipped", UNSET)
        skipped: list[SkippedInvitationOut] | Unset = UNSET
        if _skipped is not UNSET:
            skipped = []
            for skipped_item_data in _skipped:
                skipped_item = SkippedInvitationOut.from_dict(skipped_item_data)



                skipped.append(skipped_item)


        invitations_out = cls(
            items=items,
            skipped=skipped,
        )


        invitations_out.additional_properties = d
        return invitations_out

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
