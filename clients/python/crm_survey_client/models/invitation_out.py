from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.invitation_out_kind import InvitationOutKind
from ..models.invitation_out_language_type_0 import InvitationOutLanguageType0
from ..models.invitation_out_status import InvitationOutStatus
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="InvitationOut")



@_attrs_define
class InvitationOut:
    """ 
        Attributes:
            id (str):
            kind (InvitationOutKind):
            survey_id (None | str):
            customer_id (str):
            token (str):
            url (str):
            status (InvitationOutStatus):
            created_at (datetime.datetime):
            expires_at (datetime.datetime):
            ticket_id (None | str | Unset):
            answered_at (datetime.datetime | None | Unset):
            opened_at (datetime.datetime | None | Unset): First time the questions were fetched
            started_at (datetime.datetime | None | Unset): First answer saved
            language (InvitationOutLanguageType0 | None | Unset):
     """

    id: str
    kind: InvitationOutKind
    survey_id: None | str
    customer_id: str
    token: str
    url: str
    status: InvitationOutStatus
    created_at: datetime.datetime
    expires_at: datetime.datetime
    ticket_id: None | str | Unset = UNSET
    answered_at: datetime.datetime | None | Unset = UNSET
    opened_at: datetime.datetime | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    language: InvitationOutLanguageType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        survey_id: None | str
        survey_id = self.survey_id

        customer_id = self.customer_id

        token = self.token

        url = self.url

        status = self.status.value

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        ticket_id: None | str | Unset
        if isinstance(self.ticket_id, Unset):
            ticket_id = UNSET
        else:
            ticket_id = self.ticket_id

        answered_at: None | str | Unset
        if isinstance(self.answered_at, Unset):
            answered_at = UNSET
        elif isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        opened_at: None | str | Unset
        if isinstance(self.opened_at, Unset):
            opened_at = UNSET
        elif isinstance(self.opened_at, datetime.datetime):
            opened_at = self.opened_at.isoformat()
        else:
            opened_at = self.opened_at

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, InvitationOutLanguageType0):
            language = self.language.value
        else:
            language = self.language


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "kind": kind,
            "survey_id": survey_id,
            "customer_id": customer_id,
            "token": token,
            "url": url,
            "status": status,
            "created_at": created_at,
            "expires_at": expires_at,
        })
        if ticket_id is not UNSET:
            field_dict["ticket_id"] = ticket_id
        if answered_at is not UNSET:
            field_dict["answered_at"] = answered_at
        if opened_at is not UNSET:
            field_dict["opened_at"] = opened_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = InvitationOutKind(d.pop("kind"))




        def _parse_survey_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        survey_id = _parse_survey_id(d.pop("survey_id"))


        customer_id = d.pop("customer_id")

        token = d.pop("token")

        url = d.pop("url")

        status = InvitationOutStatus(d.pop("status"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        def _parse_ticket_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ticket_id = _parse_ticket_id(d.pop("ticket_id", UNSET))


        def _parse_answered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)



                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        answered_at = _parse_answered_at(d.pop("answered_at", UNSET))


        def _parse_opened_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_at_type_0 = datetime.datetime.fromisoformat(data)



                return opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        opened_at = _parse_opened_at(d.pop("opened_at", UNSET))


        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))


        def _parse_language(data: object) -> InvitationOutLanguageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = InvitationOutLanguageType0(data)



                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvitationOutLanguageType0 | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        invitation_out = cls(
            id=id,
            kind=kind,
            survey_id=survey_id,
            customer_id=customer_id,
            token=token,
            url=url,
            status=status,
            created_at=created_at,
            expires_at=expires_at,
            ticket_id=ticket_id,
            answered_at=answered_at,
            opened_at=opened_at,
            started_at=started_at,
            language=language,
        )


        invitation_out.additional_properties = d
        return invitation_out

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
