from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.dry_run_out_examples_item import DryRunOutExamplesItem
  from ..models.dry_run_out_moves import DryRunOutMoves
  from ..models.dry_run_out_tiers_after import DryRunOutTiersAfter
  from ..models.dry_run_out_tiers_before import DryRunOutTiersBefore





T = TypeVar("T", bound="DryRunOut")



@_attrs_define
class DryRunOut:
    """ 
        Attributes:
            model_version (str):
            customers (int):
            moved (int):
            unchanged (int):
            moves (DryRunOutMoves):
            tiers_before (DryRunOutTiersBefore):
            tiers_after (DryRunOutTiersAfter):
            examples (list[DryRunOutExamplesItem]):
     """

    model_version: str
    customers: int
    moved: int
    unchanged: int
    moves: DryRunOutMoves
    tiers_before: DryRunOutTiersBefore
    tiers_after: DryRunOutTiersAfter
    examples: list[DryRunOutExamplesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dry_run_out_examples_item import DryRunOutExamplesItem # noqa: PLC0415
        from ..models.dry_run_out_moves import DryRunOutMoves # noqa: PLC0415
        from ..models.dry_run_out_tiers_after import DryRunOutTiersAfter # noqa: PLC0415
        from ..models.dry_run_out_tiers_before import DryRunOutTiersBefore # noqa: PLC0415
        model_version = self.model_version

        customers = self.customers

        moved = self.moved

        unchanged = self.unchanged

        moves = self.moves.to_dict()

        tiers_before = self.tiers_before.to_dict()

        tiers_after = self.tiers_after.to_dict()

        examples = []
        for examples_item_data in self.examples:
            examples_item = examples_item_data.to_dict()
            examples.append(examples_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "model_version": model_version,
            "customers": customers,
            "moved": moved,
            "unchanged": unchanged,
            "moves": moves,
            "tiers_before": tiers_before,
            "tiers_after": tiers_after,
            "examples": examples,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dry_run_out_examples_item import DryRunOutExamplesItem # noqa: PLC0415
        from ..models.dry_run_out_moves import DryRunOutMoves # noqa: PLC0415
        from ..models.dry_run_out_tiers_after import DryRunOutTiersAfter # noqa: PLC0415
        from ..models.dry_run_out_tiers_before import DryRunOutTiersBefore # noqa: PLC0415
        d = dict(src_dict)
        model_version = d.pop("model_version")

        customers = d.pop("customers")

        moved = d.pop("moved")

        unchanged = d.pop("unchanged")

        moves = DryRunOutMoves.from_dict(d.pop("moves"))




        tiers_before = DryRunOutTiersBefore.from_dict(d.pop("tiers_before"))




        tiers_after = DryRunOutTiersAfter.from_dict(d.pop("tiers_after"))




        examples = []
        _examples = d.pop("examples")
        for examples_item_data in (_examples):
            examples_item = DryRunOutExamplesItem.from_dict(examples_item_data)



            examples.append(examples_item)


        dry_run_out = cls(
            model_version=model_version,
            customers=customers,
            moved=moved,
            unchanged=unchanged,
            moves=moves,
            tiers_before=tiers_before,
            tiers_after=tiers_after,
            examples=examples,
        )


        dry_run_out.additional_properties = d
        return dry_run_out

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
