from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AssignIn")



@_attrs_define
class AssignIn:
    """ 
        Attributes:
            assignee (str):
            team (None | str | Unset): Overrides the team routing chose
     """

    assignee: str
    team: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        assignee = self.assignee

        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        else:
            team = self.team


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assignee": assignee,
        })
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assignee = d.pop("assignee")

        def _parse_team(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team = _parse_team(d.pop("team", UNSET))


        assign_in = cls(
            assignee=assignee,
            team=team,
        )

        return assign_in

