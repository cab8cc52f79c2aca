from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.sla_section_by_tier import SlaSectionByTier
  from ..models.sla_section_by_tier_and_priority import SlaSectionByTierAndPriority





T = TypeVar("T", bound="SlaSection")



@_attrs_define
class SlaSection:
    """ 
        Attributes:
            by_tier (SlaSectionByTier): Per tier (and `all`): on-time rates, FCR, reopens
            by_tier_and_priority (SlaSectionByTierAndPriority): On-time rates per tier, then per priority (P1, P2, P3)
     """

    by_tier: SlaSectionByTier
    by_tier_and_priority: SlaSectionByTierAndPriority
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_section_by_tier import SlaSectionByTier # noqa: PLC0415
        from ..models.sla_section_by_tier_and_priority import SlaSectionByTierAndPriority # noqa: PLC0415
        by_tier = self.by_tier.to_dict()

        by_tier_and_priority = self.by_tier_and_priority.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_tier": by_tier,
            "by_tier_and_priority": by_tier_and_priority,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_section_by_tier import SlaSectionByTier # noqa: PLC0415
        from ..models.sla_section_by_tier_and_priority import SlaSectionByTierAndPriority # noqa: PLC0415
        d = dict(src_dict)
        by_tier = SlaSectionByTier.from_dict(d.pop("by_tier"))




        by_tier_and_priority = SlaSectionByTierAndPriority.from_dict(d.pop("by_tier_and_priority"))




        sla_section = cls(
            by_tier=by_tier,
            by_tier_and_priority=by_tier_and_priority,
        )


        sla_section.additional_properties = d
        return sla_section

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
