from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.routing_doc_teams_by_category import RoutingDocTeamsByCategory





T = TypeVar("T", bound="RoutingDoc")



@_attrs_define
class RoutingDoc:
    """ 
        Attributes:
            teams_by_category (RoutingDocTeamsByCategory):
            default_team (str):
     """

    teams_by_category: RoutingDocTeamsByCategory
    default_team: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.routing_doc_teams_by_category import RoutingDocTeamsByCategory # noqa: PLC0415
        teams_by_category = self.teams_by_category.to_dict()

        default_team = self.default_team


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "teams_by_category": teams_by_category,
            "default_team": default_team,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.routing_doc_teams_by_category import RoutingDocTeamsByCategory # noqa: PLC0415
        d = dict(src_dict)
        teams_by_category = RoutingDocTeamsByCategory.from_dict(d.pop("teams_by_category"))




        default_team = d.pop("default_team")

        routing_doc = cls(
            teams_by_category=teams_by_category,
            default_team=default_team,
        )

        return routing_doc

