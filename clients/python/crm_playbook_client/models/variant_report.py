from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.estimate_out import EstimateOut





T = TypeVar("T", bound="VariantReport")



@_attrs_define
class VariantReport:
    """ 
        Attributes:
            variant (str):
            customers (int):
            win_back_30d (EstimateOut):
            satisfaction_change (EstimateOut):
            spend_change_3m (EstimateOut):
     """

    variant: str
    customers: int
    win_back_30d: EstimateOut
    satisfaction_change: EstimateOut
    spend_change_3m: EstimateOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.estimate_out import EstimateOut # noqa: PLC0415
        variant = self.variant

        customers = self.customers

        win_back_30d = self.win_back_30d.to_dict()

        satisfaction_change = self.satisfaction_change.to_dict()

        spend_change_3m = self.spend_change_3m.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "variant": variant,
            "customers": customers,
            "win_back_30d": win_back_30d,
            "satisfaction_change": satisfaction_change,
            "spend_change_3m": spend_change_3m,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.estimate_out import EstimateOut # noqa: PLC0415
        d = dict(src_dict)
        variant = d.pop("variant")

        customers = d.pop("customers")

        win_back_30d = EstimateOut.from_dict(d.pop("win_back_30d"))




        satisfaction_change = EstimateOut.from_dict(d.pop("satisfaction_change"))




        spend_change_3m = EstimateOut.from_dict(d.pop("spend_change_3m"))




        variant_report = cls(
            variant=variant,
            customers=customers,
            win_back_30d=win_back_30d,
            satisfaction_change=satisfaction_change,
            spend_change_3m=spend_change_3m,
        )


        variant_report.additional_properties = d
        return variant_report

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
