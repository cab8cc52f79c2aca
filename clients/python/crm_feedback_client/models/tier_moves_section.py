from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.tier_move import TierMove





T = TypeVar("T", bound="TierMovesSection")



@_attrs_define
class TierMovesSection:
    """ 
        Attributes:
            moves (list[TierMove]):
            up (int):
            down (int):
            new (int):
     """

    moves: list[TierMove]
    up: int
    down: int
    new: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.tier_move import TierMove # noqa: PLC0415
        moves = []
        for moves_item_data in self.moves:
            moves_item = moves_item_data.to_dict()
            moves.append(moves_item)



        up = self.up

        down = self.down

        new = self.new


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "moves": moves,
            "up": up,
            "down": down,
            "new": new,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tier_move import TierMove # noqa: PLC0415
        d = dict(src_dict)
        moves = []
        _moves = d.pop("moves")
        for moves_item_data in (_moves):
            moves_item = TierMove.from_dict(moves_item_data)



            moves.append(moves_item)


        up = d.pop("up")

        down = d.pop("down")

        new = d.pop("new")

        tier_moves_section = cls(
            moves=moves,
            up=up,
            down=down,
            new=new,
        )


        tier_moves_section.additional_properties = d
        return tier_moves_section

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
