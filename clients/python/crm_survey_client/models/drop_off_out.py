from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="DropOffOut")



@_attrs_define
class DropOffOut:
    """ 
        Attributes:
            question_id (str):
            answered (int):
            reached (int): Started invitations that had not stopped before this question
            dropped (int): Started, not completed, and stopped at this question
            drop_off_rate (float | None):
     """

    question_id: str
    answered: int
    reached: int
    dropped: int
    drop_off_rate: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        question_id = self.question_id

        answered = self.answered

        reached = self.reached

        dropped = self.dropped

        drop_off_rate: float | None
        drop_off_rate = self.drop_off_rate


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "question_id": question_id,
            "answered": answered,
            "reached": reached,
            "dropped": dropped,
            "drop_off_rate": drop_off_rate,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        question_id = d.pop("question_id")

        answered = d.pop("answered")

        reached = d.pop("reached")

        dropped = d.pop("dropped")

        def _parse_drop_off_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        drop_off_rate = _parse_drop_off_rate(d.pop("drop_off_rate"))


        drop_off_out = cls(
            question_id=question_id,
            answered=answered,
            reached=reached,
            dropped=dropped,
            drop_off_rate=drop_off_rate,
        )


        drop_off_out.additional_properties = d
        return drop_off_out

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
