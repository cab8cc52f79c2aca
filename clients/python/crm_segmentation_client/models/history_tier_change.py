from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="HistoryTierChange")



@_attrs_define
class HistoryTierChange:
    """ 
        Attributes:
            from_tier (None | str):
            to_tier (str):
            reason (str):
            score (float | None):
            changed_at (datetime.datetime):
     """

    from_tier: None | str
    to_tier: str
    reason: str
    score: float | None
    changed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from_tier: None | str
        from_tier = self.from_tier

        to_tier = self.to_tier

        reason = self.reason

        score: float | None
        score = self.score

        changed_at = self.changed_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from_tier": from_tier,
            "to_tier": to_tier,
            "reason": reason,
            "score": score,
            "changed_at": changed_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_from_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_tier = _parse_from_tier(d.pop("from_tier"))


        to_tier = d.pop("to_tier")

        reason = d.pop("reason")

        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))


        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))




        history_tier_change = cls(
            from_tier=from_tier,
            to_tier=to_tier,
            reason=reason,
            score=score,
            changed_at=changed_at,
        )


        history_tier_change.additional_properties = d
        return history_tier_change

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
