from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="StaffOut")



@_attrs_define
class StaffOut:
    """ 
        Attributes:
            staff_id (str):
            name (str):
            email (None | str):
            language (str):
            channel (str):
            groups (list[str]):
            updated_by (str):
            updated_at (datetime.datetime):
     """

    staff_id: str
    name: str
    email: None | str
    language: str
    channel: str
    groups: list[str]
    updated_by: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        staff_id = self.staff_id

        name = self.name

        email: None | str
        email = self.email

        language = self.language

        channel = self.channel

        groups = self.groups



        updated_by = self.updated_by

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "staff_id": staff_id,
            "name": name,
            "email": email,
            "language": language,
            "channel": channel,
            "groups": groups,
            "updated_by": updated_by,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        staff_id = d.pop("staff_id")

        name = d.pop("name")

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))


        language = d.pop("language")

        channel = d.pop("channel")

        groups = cast(list[str], d.pop("groups"))


        updated_by = d.pop("updated_by")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        staff_out = cls(
            staff_id=staff_id,
            name=name,
            email=email,
            language=language,
            channel=channel,
            groups=groups,
            updated_by=updated_by,
            updated_at=updated_at,
        )


        staff_out.additional_properties = d
        return staff_out

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
