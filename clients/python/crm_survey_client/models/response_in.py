from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.response_in_answers import ResponseInAnswers
  from ..models.response_in_comments import ResponseInComments





T = TypeVar("T", bound="ResponseIn")



@_attrs_define
class ResponseIn:
    """ 
        Attributes:
            answers (ResponseInAnswers | Unset): item id -> 1..5; on a ticket verification, `rating` -> 1..5
            nps (int | None | Unset): 0..10
            comments (ResponseInComments | Unset): open question id -> text; on a ticket verification, `comment`
            solved (bool | None | Unset): The answer to a ticket verification
     """

    answers: ResponseInAnswers | Unset = UNSET
    nps: int | None | Unset = UNSET
    comments: ResponseInComments | Unset = UNSET
    solved: bool | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.response_in_answers import ResponseInAnswers # noqa: PLC0415
        from ..models.response_in_comments import ResponseInComments # noqa: PLC0415
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
        from ..models.response_in_answers import ResponseInAnswers # noqa: PLC0415
        from ..models.response_in_comments import ResponseInComments # noqa: PLC0415
        d = dict(src_dict)
        _answers = d.pop("answers", UNSET)
        answers: ResponseInAnswers | Unset
        if isinstance(_answers,  Unset):
            answers = UNSET
        else:
            answers = ResponseInAnswers.from_dict(_answers)




        def _parse_nps(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        nps = _parse_nps(d.pop("nps", UNSET))


        _comments = d.pop("comments", UNSET)
        comments: ResponseInComments | Unset
        if isinstance(_comments,  Unset):
            comments = UNSET
        else:
            comments = ResponseInComments.from_dict(_comments)




        def _parse_solved(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        solved = _parse_solved(d.pop("solved", UNSET))


        response_in = cls(
            answers=answers,
            nps=nps,
            comments=comments,
            solved=solved,
        )

        return response_in

