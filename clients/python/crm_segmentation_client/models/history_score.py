from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="HistoryScore")



@_attrs_define
class HistoryScore:
    """ 
        Attributes:
            value (float):
            tier (str):
            quadrant (None | str):
            model_version (str):
            reason (str):
            computed_at (datetime.datetime):
     """

    value: float
    tier: str
    quadrant: None | str
    model_version: str
    reason: str
    computed_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        value = self.value

        tier = self.tier

        quadrant: None | str
        quadrant = self.quadrant

        model_version = self.model_version

        reason = self.reason

        computed_at = self.computed_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "value": value,
            "tier": tier,
            "quadrant": quadrant,
            "model_version": model_version,
            "reason": reason,
            "computed_at": computed_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        tier = d.pop("tier")

        def _parse_quadrant(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quadrant = _parse_quadrant(d.pop("quadrant"))


        model_version = d.pop("model_version")

        reason = d.pop("reason")

        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))




        history_score = cls(
            value=value,
            tier=tier,
            quadrant=quadrant,
            model_version=model_version,
            reason=reason,
            computed_at=computed_at,
        )


        history_score.additional_properties = d
        return history_score

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
