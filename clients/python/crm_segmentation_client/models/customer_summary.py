from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.quadrant import Quadrant
from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CustomerSummary")



@_attrs_define
class CustomerSummary:
    """ 
        Attributes:
            id (str):
            name (str):
            owner (None | str):
            score (float | None):
            tier (None | Tier):
            quadrant (None | Quadrant):
            team (None | str | Unset):
     """

    id: str
    name: str
    owner: None | str
    score: float | None
    tier: None | Tier
    quadrant: None | Quadrant
    team: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        owner: None | str
        owner = self.owner

        score: float | None
        score = self.score

        tier: None | str
        if isinstance(self.tier, Tier):
            tier = self.tier.value
        else:
            tier = self.tier

        quadrant: None | str
        if isinstance(self.quadrant, Quadrant):
            quadrant = self.quadrant.value
        else:
            quadrant = self.quadrant

        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        else:
            team = self.team


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "owner": owner,
            "score": score,
            "tier": tier,
            "quadrant": quadrant,
        })
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_owner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner = _parse_owner(d.pop("owner"))


        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))


        def _parse_tier(data: object) -> None | Tier:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_0 = Tier(data)



                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tier, data)

        tier = _parse_tier(d.pop("tier"))


        def _parse_quadrant(data: object) -> None | Quadrant:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                quadrant_type_0 = Quadrant(data)



                return quadrant_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Quadrant, data)

        quadrant = _parse_quadrant(d.pop("quadrant"))


        def _parse_team(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team = _parse_team(d.pop("team", UNSET))


        customer_summary = cls(
            id=id,
            name=name,
            owner=owner,
            score=score,
            tier=tier,
            quadrant=quadrant,
            team=team,
        )


        customer_summary.additional_properties = d
        return customer_summary

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
