from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.history_score import HistoryScore
  from ..models.history_tier_change import HistoryTierChange
  from ..models.month_end_score import MonthEndScore





T = TypeVar("T", bound="HistoryOut")



@_attrs_define
class HistoryOut:
    """ 
        Attributes:
            customer_id (str):
            scores (list[HistoryScore]):
            tier_changes (list[HistoryTierChange]):
            month_ends (list[MonthEndScore] | Unset): The monthly snapshots, newest first: one per month
     """

    customer_id: str
    scores: list[HistoryScore]
    tier_changes: list[HistoryTierChange]
    month_ends: list[MonthEndScore] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.history_score import HistoryScore # noqa: PLC0415
        from ..models.history_tier_change import HistoryTierChange # noqa: PLC0415
        from ..models.month_end_score import MonthEndScore # noqa: PLC0415
        customer_id = self.customer_id

        scores = []
        for scores_item_data in self.scores:
            scores_item = scores_item_data.to_dict()
            scores.append(scores_item)



        tier_changes = []
        for tier_changes_item_data in self.tier_changes:
            tier_changes_item = tier_changes_item_data.to_dict()
            tier_changes.append(tier_changes_item)



        month_ends: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.month_ends, Unset):
            month_ends = []
            for month_ends_item_data in self.month_ends:
                month_ends_item = month_ends_item_data.to_dict()
                month_ends.append(month_ends_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "customer_id": customer_id,
            "scores": scores,
            "tier_changes": tier_changes,
        })
        if month_ends is not UNSET:
            field_dict["month_ends"] = month_ends

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_score import HistoryScore # noqa: PLC0415
        from ..models.history_tier_change import HistoryTierChange # noqa: PLC0415
        from ..models.month_end_score import MonthEndScore # noqa: PLC0415
        d = dict(src_dict)
        customer_id = d.pop("customer_id")

        scores = []
        _scores = d.pop("scores")
        for scores_item_data in (_scores):
            scores_item = HistoryScore.from_dict(scores_item_data)



            scores.append(scores_item)


        tier_changes = []
        _tier_changes = d.pop("tier_changes")
        for tier_changes_item_data in (_tier_changes):
            tier_changes_item = HistoryTierChange.from_dict(tier_changes_item_data)



            tier_changes.append(tier_changes_item)


        _month_ends = d.pop("month_ends", UNSET)
        month_ends: list[MonthEndScore] | Unset = UNSET
        if _month_ends is not UNSET:
            month_ends = []
            for month_ends_item_data in _month_ends:
                month_ends_item = MonthEndScore.from_dict(month_ends_item_data)



                month_ends.append(month_ends_item)


        history_out = cls(
            customer_id=customer_id,
            scores=scores,
            tier_changes=tier_changes,
            month_ends=month_ends,
        )


        history_out.additional_properties = d
        return history_out

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
