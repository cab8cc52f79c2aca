from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.response_out_kind import ResponseOutKind
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.satisfaction_out import SatisfactionOut





T = TypeVar("T", bound="ResponseOut")



@_attrs_define
class ResponseOut:
    """ 
        Attributes:
            response_id (str):
            invitation_id (str):
            kind (ResponseOutKind):
            answered_at (datetime.datetime):
            satisfaction (None | SatisfactionOut | Unset):
            solved (bool | None | Unset):
            rating (int | None | Unset): A verification's optional 1-5 rating
     """

    response_id: str
    invitation_id: str
    kind: ResponseOutKind
    answered_at: datetime.datetime
    satisfaction: None | SatisfactionOut | Unset = UNSET
    solved: bool | None | Unset = UNSET
    rating: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.satisfaction_out import SatisfactionOut # noqa: PLC0415
        response_id = self.response_id

        invitation_id = self.invitation_id

        kind = self.kind.value

        answered_at = self.answered_at.isoformat()

        satisfaction: dict[str, Any] | None | Unset
        if isinstance(self.satisfaction, Unset):
            satisfaction = UNSET
        elif isinstance(self.satisfaction, SatisfactionOut):
            satisfaction = self.satisfaction.to_dict()
        else:
            satisfaction = self.satisfaction

        solved: bool | None | Unset
        if isinstance(self.solved, Unset):
            solved = UNSET
        else:
            solved = self.solved

        rating: int | None | Unset
        if isinstance(self.rating, Unset):
            rating = UNSET
        else:
            rating = self.rating


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "response_id": response_id,
            "invitation_id": invitation_id,
            "kind": kind,
            "answered_at": answered_at,
        })
        if satisfaction is not UNSET:
            field_dict["satisfaction"] = satisfaction
        if solved is not UNSET:
            field_dict["solved"] = solved
        if rating is not UNSET:
            field_dict["rating"] = rating

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.satisfaction_out import SatisfactionOut # noqa: PLC0415
        d = dict(src_dict)
        response_id = d.pop("response_id")

        invitation_id = d.pop("invitation_id")

        kind = ResponseOutKind(d.pop("kind"))




        answered_at = datetime.datetime.fromisoformat(d.pop("answered_at"))




        def _parse_satisfaction(data: object) -> None | SatisfactionOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                satisfaction_type_0 = SatisfactionOut.from_dict(data)



                return satisfaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SatisfactionOut | Unset, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction", UNSET))


        def _parse_solved(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        solved = _parse_solved(d.pop("solved", UNSET))


        def _parse_rating(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rating = _parse_rating(d.pop("rating", UNSET))


        response_out = cls(
            response_id=response_id,
            invitation_id=invitation_id,
            kind=kind,
            answered_at=answered_at,
            satisfaction=satisfaction,
            solved=solved,
            rating=rating,
        )


        response_out.additional_properties = d
        return response_out

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
