from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="EffectSection")



@_attrs_define
class EffectSection:
    """ 
        Attributes:
            tickets_resolved (int):
            tickets_closed_confirmed (int):
            tickets_closed_without_confirmation (int): Closed by themselves in the month, no verification answer (counted
                apart)
            reopen_rate (float | None):
            satisfaction_change (float | None): Against the month before
            nps_change (float | None): Against the month before
            actions_done (int):
     """

    tickets_resolved: int
    tickets_closed_confirmed: int
    tickets_closed_without_confirmation: int
    reopen_rate: float | None
    satisfaction_change: float | None
    nps_change: float | None
    actions_done: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        tickets_resolved = self.tickets_resolved

        tickets_closed_confirmed = self.tickets_closed_confirmed

        tickets_closed_without_confirmation = self.tickets_closed_without_confirmation

        reopen_rate: float | None
        reopen_rate = self.reopen_rate

        satisfaction_change: float | None
        satisfaction_change = self.satisfaction_change

        nps_change: float | None
        nps_change = self.nps_change

        actions_done = self.actions_done


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tickets_resolved": tickets_resolved,
            "tickets_closed_confirmed": tickets_closed_confirmed,
            "tickets_closed_without_confirmation": tickets_closed_without_confirmation,
            "reopen_rate": reopen_rate,
            "satisfaction_change": satisfaction_change,
            "nps_change": nps_change,
            "actions_done": actions_done,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tickets_resolved = d.pop("tickets_resolved")

        tickets_closed_confirmed = d.pop("tickets_closed_confirmed")

        tickets_closed_without_confirmation = d.pop("tickets_closed_without_confirmation")

        def _parse_reopen_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        reopen_rate = _parse_reopen_rate(d.pop("reopen_rate"))


        def _parse_satisfaction_change(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        satisfaction_change = _parse_satisfaction_change(d.pop("satisfaction_change"))


        def _parse_nps_change(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nps_change = _parse_nps_change(d.pop("nps_change"))


        actions_done = d.pop("actions_done")

        effect_section = cls(
            tickets_resolved=tickets_resolved,
            tickets_closed_confirmed=tickets_closed_confirmed,
            tickets_closed_without_confirmation=tickets_closed_without_confirmation,
            reopen_rate=reopen_rate,
            satisfaction_change=satisfaction_change,
            nps_change=nps_change,
            actions_done=actions_done,
        )


        effect_section.additional_properties = d
        return effect_section

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
