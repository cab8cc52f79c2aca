from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.routing_out_teams_by_category import RoutingOutTeamsByCategory





T = TypeVar("T", bound="RoutingOut")



@_attrs_define
class RoutingOut:
    """ 
        Attributes:
            version (int):
            created_by (str):
            created_at (datetime.datetime):
            teams_by_category (RoutingOutTeamsByCategory):
            default_team (str):
     """

    version: int
    created_by: str
    created_at: datetime.datetime
    teams_by_category: RoutingOutTeamsByCategory
    default_team: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.routing_out_teams_by_category import RoutingOutTeamsByCategory # noqa: PLC0415
        version = self.version

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        teams_by_category = self.teams_by_category.to_dict()

        default_team = self.default_team


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_by": created_by,
            "created_at": created_at,
            "teams_by_category": teams_by_category,
            "default_team": default_team,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.routing_out_teams_by_category import RoutingOutTeamsByCategory # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        teams_by_category = RoutingOutTeamsByCategory.from_dict(d.pop("teams_by_category"))




        default_team = d.pop("default_team")

        routing_out = cls(
            version=version,
            created_by=created_by,
            created_at=created_at,
            teams_by_category=teams_by_category,
            default_team=default_team,
        )


        routing_out.additional_properties = d
        return routing_out

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
