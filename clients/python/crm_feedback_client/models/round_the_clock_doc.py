from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.priority import Priority
from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RoundTheClockDoc")



@_attrs_define
class RoundTheClockDoc:
    """ 
        Attributes:
            priorities (list[Priority] | Unset):
            tiers (list[Tier] | Unset):
     """

    priorities: list[Priority] | Unset = UNSET
    tiers: list[Tier] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        priorities: list[str] | Unset = UNSET
        if not isinstance(self.priorities, Unset):
            priorities = []
            for priorities_item_data in self.priorities:
                priorities_item = priorities_item_data.value
                priorities.append(priorities_item)



        tiers: list[str] | Unset = UNSET
        if not isinstance(self.tiers, Unset):
            tiers = []
            for tiers_item_data in self.tiers:
                tiers_item = tiers_item_data.value
                tiers.append(tiers_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if priorities is not UNSET:
            field_dict["priorities"] = priorities
        if tiers is not UNSET:
            field_dict["tiers"] = tiers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _priorities = d.pop("priorities", UNSET)
        priorities: list[Priority] | Unset = UNSET
        if _priorities is not UNSET:
            priorities = []
            for priorities_item_data in _priorities:
                priorities_item = Priority(priorities_item_data)



                priorities.append(priorities_item)


        _tiers = d.pop("tiers", UNSET)
        tiers: list[Tier] | Unset = UNSET
        if _tiers is not UNSET:
            tiers = []
            for tiers_item_data in _tiers:
                tiers_item = Tier(tiers_item_data)



                tiers.append(tiers_item)


        round_the_clock_doc = cls(
            priorities=priorities,
            tiers=tiers,
        )

        return round_the_clock_doc

