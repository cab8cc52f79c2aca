from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.saved_answers_out import SavedAnswersOut





T = TypeVar("T", bound="ProgressOut")



@_attrs_define
class ProgressOut:
    """ 
        Attributes:
            saved (SavedAnswersOut): Answers saved as the customer goes; a page refresh restores them.
            saved_at (datetime.datetime):
            answered (int): Questions answered so far
            questions (int):
     """

    saved: SavedAnswersOut
    saved_at: datetime.datetime
    answered: int
    questions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.saved_answers_out import SavedAnswersOut # noqa: PLC0415
        saved = self.saved.to_dict()

        saved_at = self.saved_at.isoformat()

        answered = self.answered

        questions = self.questions


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "saved": saved,
            "saved_at": saved_at,
            "answered": answered,
            "questions": questions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.saved_answers_out import SavedAnswersOut # noqa: PLC0415
        d = dict(src_dict)
        saved = SavedAnswersOut.from_dict(d.pop("saved"))




        saved_at = datetime.datetime.fromisoformat(d.pop("saved_at"))




        answered = d.pop("answered")

        questions = d.pop("questions")

        progress_out = cls(
            saved=saved,
            saved_at=saved_at,
            answered=answered,
            questions=questions,
        )


        progress_out.additional_properties = d
        return progress_out

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
