from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.tier_counts_out_tiers import TierCountsOutTiers





T = TypeVar("T", bound="TierCountsOut")



@_attrs_define
class TierCountsOut:
    """ 
        Attributes:
            customers (int): Every customer on record
            tiers (TierCountsOutTiers): Customers per effective tier; `unscored` for those not scored yet
     """

    customers: int
    tiers: TierCountsOutTiers
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.tier_counts_out_tiers import TierCountsOutTiers # noqa: PLC0415
        customers = self.customers

        tiers = self.tiers.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "customers": customers,
            "tiers": tiers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tier_counts_out_tiers import TierCountsOutTiers # noqa: PLC0415
        d = dict(src_dict)
        customers = d.pop("customers")

        tiers = TierCountsOutTiers.from_dict(d.pop("tiers"))




        tier_counts_out = cls(
            customers=customers,
            tiers=tiers,
        )


        tier_counts_out.additional_properties = d
        return tier_counts_out

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
