from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="VerificationIn")



@_attrs_define
class VerificationIn:
    """ 
        Attributes:
            solved (bool):
            comment (None | str | Unset):
            rating (int | None | Unset): The customer's optional 1-5 rating of the resolution (CSAT)
     """

    solved: bool
    comment: None | str | Unset = UNSET
    rating: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        solved = self.solved

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        rating: int | None | Unset
        if isinstance(self.rating, Unset):
            rating = UNSET
        else:
            rating = self.rating


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "solved": solved,
        })
        if comment is not UNSET:
            field_dict["comment"] = comment
        if rating is not UNSET:
            field_dict["rating"] = rating

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        solved = d.pop("solved")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))


        def _parse_rating(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rating = _parse_rating(d.pop("rating", UNSET))


        verification_in = cls(
            solved=solved,
            comment=comment,
            rating=rating,
        )

        return verification_in

