from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ActionSummary")



@_attrs_define
class ActionSummary:
    """ 
        Attributes:
            created (int):
            done (int):
            done_on_time (int):
            overdue (int): Actions that went overdue in the month
            open_past_due (int): Due in the month and not done by its end
     """

    created: int
    done: int
    done_on_time: int
    overdue: int
    open_past_due: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created = self.created

        done = self.done

        done_on_time = self.done_on_time

        overdue = self.overdue

        open_past_due = self.open_past_due


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created": created,
            "done": done,
            "done_on_time": done_on_time,
            "overdue": overdue,
            "open_past_due": open_past_due,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created = d.pop("created")

        done = d.pop("done")

        done_on_time = d.pop("done_on_time")

        overdue = d.pop("overdue")

        open_past_due = d.pop("open_past_due")

        action_summary = cls(
            created=created,
            done=done,
            done_on_time=done_on_time,
            overdue=overdue,
            open_past_due=open_past_due,
        )


        action_summary.additional_properties = d
        return action_summary

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
