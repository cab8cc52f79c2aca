from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.invitations_in_language_type_0 import InvitationsInLanguageType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="InvitationsIn")



@_attrs_define
class InvitationsIn:
    """ 
        Attributes:
            customer_ids (list[str]):
            expires_in_days (int | None | Unset):
            language (InvitationsInLanguageType0 | None | Unset): Language of the answering page; without it the page
                follows the customer's browser, Chinese (zh-CN) by default
     """

    customer_ids: list[str]
    expires_in_days: int | None | Unset = UNSET
    language: InvitationsInLanguageType0 | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        customer_ids = self.customer_ids



        expires_in_days: int | None | Unset
        if isinstance(self.expires_in_days, Unset):
            expires_in_days = UNSET
        else:
            expires_in_days = self.expires_in_days

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, InvitationsInLanguageType0):
            language = self.language.value
        else:
            language = self.language


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "customer_ids": customer_ids,
        })
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_ids = cast(list[str], d.pop("customer_ids"))


        def _parse_expires_in_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_in_days = _parse_expires_in_days(d.pop("expires_in_days", UNSET))


        def _parse_language(data: object) -> InvitationsInLanguageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = InvitationsInLanguageType0(data)



                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvitationsInLanguageType0 | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        invitations_in = cls(
            customer_ids=customer_ids,
            expires_in_days=expires_in_days,
            language=language,
        )

        return invitations_in

