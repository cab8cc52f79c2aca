from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.staff_in_channel import StaffInChannel
from ..models.staff_in_language import StaffInLanguage
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="StaffIn")



@_attrs_define
class StaffIn:
    """ 
        Attributes:
            name (str):
            email (None | str | Unset):
            language (StaffInLanguage | Unset):  Default: StaffInLanguage.ZH_CN.
            channel (StaffInChannel | Unset):  Default: StaffInChannel.EMAIL.
            groups (list[str] | Unset): Roles that receive messages: account_manager, manager, team_lead, team_lead:<team>,
                task_force, or any owner role the playbook uses (marketing, sales, ...)
     """

    name: str
    email: None | str | Unset = UNSET
    language: StaffInLanguage | Unset = StaffInLanguage.ZH_CN
    channel: StaffInChannel | Unset = StaffInChannel.EMAIL
    groups: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value


        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value


        groups: list[str] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = self.groups




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if email is not UNSET:
            field_dict["email"] = email
        if language is not UNSET:
            field_dict["language"] = language
        if channel is not UNSET:
            field_dict["channel"] = channel
        if groups is not UNSET:
            field_dict["groups"] = groups

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        _language = d.pop("language", UNSET)
        language: StaffInLanguage | Unset
        if isinstance(_language,  Unset):
            language = UNSET
        else:
            language = StaffInLanguage(_language)




        _channel = d.pop("channel", UNSET)
        channel: StaffInChannel | Unset
        if isinstance(_channel,  Unset):
            channel = UNSET
        else:
            channel = StaffInChannel(_channel)




        groups = cast(list[str], d.pop("groups", UNSET))


        staff_in = cls(
            name=name,
            email=email,
            language=language,
            channel=channel,
            groups=groups,
        )

        return staff_in

