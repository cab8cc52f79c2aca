from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.public_invitation_out_kind import PublicInvitationOutKind
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.dimension_out import DimensionOut
  from ..models.question_out import QuestionOut





T = TypeVar("T", bound="PublicInvitationOut")



@_attrs_define
class PublicInvitationOut:
    """ What a customer sees through the token: the questions, nothing about other customers.

        Attributes:
            kind (PublicInvitationOutKind):
            title (str):
            expires_at (datetime.datetime):
            questions (list[QuestionOut]):
            description (str | Unset):  Default: ''.
            dimensions (list[DimensionOut] | Unset):
     """

    kind: PublicInvitationOutKind
    title: str
    expires_at: datetime.datetime
    questions: list[QuestionOut]
    description: str | Unset = ''
    dimensions: list[DimensionOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dimension_out import DimensionOut # noqa: PLC0415
        from ..models.question_out import QuestionOut # noqa: PLC0415
        kind = self.kind.value

        title = self.title

        expires_at = self.expires_at.isoformat()

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)



        description = self.description

        dimensions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.dimensions, Unset):
            dimensions = []
            for dimensions_item_data in self.dimensions:
                dimensions_item = dimensions_item_data.to_dict()
                dimensions.append(dimensions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "title": title,
            "expires_at": expires_at,
            "questions": questions,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if dimensions is not UNSET:
            field_dict["dimensions"] = dimensions

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dimension_out import DimensionOut # noqa: PLC0415
        from ..models.question_out import QuestionOut # noqa: PLC0415
        d = dict(src_dict)
        kind = PublicInvitationOutKind(d.pop("kind"))




        title = d.pop("title")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        questions = []
        _questions = d.pop("questions")
        for questions_item_data in (_questions):
            questions_item = QuestionOut.from_dict(questions_item_data)



            questions.append(questions_item)


        description = d.pop("description", UNSET)

        _dimensions = d.pop("dimensions", UNSET)
        dimensions: list[DimensionOut] | Unset = UNSET
        if _dimensions is not UNSET:
            dimensions = []
            for dimensions_item_data in _dimensions:
                dimensions_item = DimensionOut.from_dict(dimensions_item_data)



                dimensions.append(dimensions_item)


        public_invitation_out = cls(
            kind=kind,
            title=title,
            expires_at=expires_at,
            questions=questions,
            description=description,
            dimensions=dimensions,
        )


        public_invitation_out.additional_properties = d
        return public_invitation_out

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
