from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.public_invitation_out_kind import PublicInvitationOutKind
from ..models.public_invitation_out_language_type_0 import PublicInvitationOutLanguageType0
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.dimension_out import DimensionOut
  from ..models.question_out import QuestionOut
  from ..models.saved_answers_out import SavedAnswersOut





T = TypeVar("T", bound="PublicInvitationOut")



@_attrs_define
class PublicInvitationOut:
    """ What a customer sees through the token: the questions, nothing about other customers.

        Attributes:
            kind (PublicInvitationOutKind):
            title (str):
            expires_at (datetime.datetime):
            questions (list[QuestionOut]):
            title_zh (str | Unset):  Default: ''.
            description (str | Unset):  Default: ''.
            description_zh (str | Unset):  Default: ''.
            language (None | PublicInvitationOutLanguageType0 | Unset): The page language the inviter chose
            dimensions (list[DimensionOut] | Unset):
            saved (None | SavedAnswersOut | Unset): Answers saved so far, if any
     """

    kind: PublicInvitationOutKind
    title: str
    expires_at: datetime.datetime
    questions: list[QuestionOut]
    title_zh: str | Unset = ''
    description: str | Unset = ''
    description_zh: str | Unset = ''
    language: None | PublicInvitationOutLanguageType0 | Unset = UNSET
    dimensions: list[DimensionOut] | Unset = UNSET
    saved: None | SavedAnswersOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dimension_out import DimensionOut # noqa: PLC0415
        from ..models.question_out import QuestionOut # noqa: PLC0415
        from ..models.saved_answers_out import SavedAnswersOut # noqa: PLC0415
        kind = self.kind.value

        title = self.title

        expires_at = self.expires_at.isoformat()

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)



        title_zh = self.title_zh

        description = self.description

        description_zh = self.description_zh

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, PublicInvitationOutLanguageType0):
            language = self.language.value
        else:
            language = self.language

        dimensions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.dimensions, Unset):
            dimensions = []
            for dimensions_item_data in self.dimensions:
                dimensions_item = dimensions_item_data.to_dict()
                dimensions.append(dimensions_item)



        saved: dict[str, Any] | None | Unset
        if isinstance(self.saved, Unset):
            saved = UNSET
        elif isinstance(self.saved, SavedAnswersOut):
            saved = self.saved.to_dict()
        else:
            saved = self.saved


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "title": title,
            "expires_at": expires_at,
            "questions": questions,
        })
        if title_zh is not UNSET:
            field_dict["title_zh"] = title_zh
        if description is not UNSET:
            field_dict["description"] = description
        if description_zh is not UNSET:
            field_dict["description_zh"] = description_zh
        if language is not UNSET:
            field_dict["language"] = language
        if dimensions is not UNSET:
            field_dict["dimensions"] = dimensions
        if saved is not UNSET:
            field_dict["saved"] = saved

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dimension_out import DimensionOut # noqa: PLC0415
        from ..models.question_out import QuestionOut # noqa: PLC0415
        from ..models.saved_answers_out import SavedAnswersOut # noqa: PLC0415
        d = dict(src_dict)
        kind = PublicInvitationOutKind(d.pop("kind"))




        title = d.pop("title")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        questions = []
        _questions = d.pop("questions")
        for questions_item_data in (_questions):
            questions_item = QuestionOut.from_dict(questions_item_data)



            questions.append(questions_item)


        title_zh = d.pop("title_zh", UNSET)

        description = d.pop("description", UNSET)

        description_zh = d.pop("description_zh", UNSET)

        def _parse_language(data: object) -> None | PublicInvitationOutLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = PublicInvitationOutLanguageType0(data)



                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicInvitationOutLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        _dimensions = d.pop("dimensions", UNSET)
        dimensions: list[DimensionOut] | Unset = UNSET
        if _dimensions is not UNSET:
            dimensions = []
            for dimensions_item_data in _dimensions:
                dimensions_item = DimensionOut.from_dict(dimensions_item_data)



                dimensions.append(dimensions_item)


        def _parse_saved(data: object) -> None | SavedAnswersOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                saved_type_0 = SavedAnswersOut.from_dict(data)



                return saved_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SavedAnswersOut | Unset, data)

        saved = _parse_saved(d.pop("saved", UNSET))


        public_invitation_out = cls(
            kind=kind,
            title=title,
            expires_at=expires_at,
            questions=questions,
            title_zh=title_zh,
            description=description,
            description_zh=description_zh,
            language=language,
            dimensions=dimensions,
            saved=saved,
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
