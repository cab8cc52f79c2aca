from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.survey_invitation_state_invitation_type_0 import SurveyInvitationStateInvitationType0





T = TypeVar("T", bound="SurveyInvitationState")



@_attrs_define
class SurveyInvitationState:
    """ 
        Attributes:
            state (str):
            attempts (int):
            next_attempt_at (datetime.datetime | None | Unset):
            error (None | str | Unset):
            invitation (None | SurveyInvitationStateInvitationType0 | Unset):
     """

    state: str
    attempts: int
    next_attempt_at: datetime.datetime | None | Unset = UNSET
    error: None | str | Unset = UNSET
    invitation: None | SurveyInvitationStateInvitationType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.survey_invitation_state_invitation_type_0 import SurveyInvitationStateInvitationType0 # noqa: PLC0415
        state = self.state

        attempts = self.attempts

        next_attempt_at: None | str | Unset
        if isinstance(self.next_attempt_at, Unset):
            next_attempt_at = UNSET
        elif isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        invitation: dict[str, Any] | None | Unset
        if isinstance(self.invitation, Unset):
            invitation = UNSET
        elif isinstance(self.invitation, SurveyInvitationStateInvitationType0):
            invitation = self.invitation.to_dict()
        else:
            invitation = self.invitation


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "state": state,
            "attempts": attempts,
        })
        if next_attempt_at is not UNSET:
            field_dict["next_attempt_at"] = next_attempt_at
        if error is not UNSET:
            field_dict["error"] = error
        if invitation is not UNSET:
            field_dict["invitation"] = invitation

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_invitation_state_invitation_type_0 import SurveyInvitationStateInvitationType0 # noqa: PLC0415
        d = dict(src_dict)
        state = d.pop("state")

        attempts = d.pop("attempts")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at", UNSET))


        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))


        def _parse_invitation(data: object) -> None | SurveyInvitationStateInvitationType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                invitation_type_0 = SurveyInvitationStateInvitationType0.from_dict(data)



                return invitation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SurveyInvitationStateInvitationType0 | Unset, data)

        invitation = _parse_invitation(d.pop("invitation", UNSET))


        survey_invitation_state = cls(
            state=state,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            error=error,
            invitation=invitation,
        )


        survey_invitation_state.additional_properties = d
        return survey_invitation_state

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
