from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.saved_answers_out_answers import SavedAnswersOutAnswers
  from ..models.saved_answers_out_comments import SavedAnswersOutComments





T = TypeVar("T", bound="SavedAnswersOut")



@_attrs_define
class SavedAnswersOut:
    """ Answers saved as the customer goes; a page refresh restores them.

        Attributes:
            answers (SavedAnswersOutAnswers | Unset):
            nps (int | None | Unset):
            comments (SavedAnswersOutComments | Unset):
            solved (bool | None | Unset):
     """

    answers: SavedAnswersOutAnswers | Unset = UNSET
    nps: int | None | Unset = UNSET
    comments: SavedAnswersOutComments | Unset = UNSET
    solved: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.saved_answers_out_answers import SavedAnswersOutAnswers # noqa: PLC0415
        from ..models.saved_answers_out_comments import SavedAnswersOutComments # noqa: PLC0415
        answers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.answers, Unset):
            answers = self.answers.to_dict()

        nps: int | None | Unset
        if isinstance(self.nps, Unset):
            nps = UNSET
        else:
            nps = self.nps

        comments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.comments, Unset):
            comments = self.comments.to_dict()

        solved: bool | None | Unset
        if isinstance(self.solved, Unset):
            solved = UNSET
        else:
            solved = self.solved


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if answers is not UNSET:
            field_dict["answers"] = answers
        if nps is not UNSET:
            field_dict["nps"] = nps
        if comments is not UNSET:
            field_dict["comments"] = comments
        if solved is not UNSET:
            field_dict["solved"] = solved

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.saved_answers_out_answers import SavedAnswersOutAnswers # noqa: PLC0415
        from ..models.saved_answers_out_comments import SavedAnswersOutComments # noqa: PLC0415
        d = dict(src_dict)
        _answers = d.pop("answers", UNSET)
        answers: SavedAnswersOutAnswers | Unset
        if isinstance(_answers,  Unset):
            answers = UNSET
        else:
            answers = SavedAnswersOutAnswers.from_dict(_answers)




        def _parse_nps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        nps = _parse_nps(d.pop("nps", UNSET))


        _comments = d.pop("comments", UNSET)
        comments: SavedAnswersOutComments | Unset
        if isinstance(_comments,  Unset):
            comments = UNSET
        else:
            comments = SavedAnswersOutComments.from_dict(_comments)




        def _parse_solved(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        solved = _parse_solved(d.pop("solved", UNSET))


        saved_answers_out = cls(
            answers=answers,
            nps=nps,
            comments=comments,
            solved=solved,
        )


        saved_answers_out.additional_properties = d
        return saved_answers_out

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
