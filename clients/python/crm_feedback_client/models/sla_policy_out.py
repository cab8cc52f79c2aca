from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.calendar_doc import CalendarDoc
  from ..models.escalation_doc import EscalationDoc
  from ..models.reopening_doc import ReopeningDoc
  from ..models.round_the_clock_doc import RoundTheClockDoc
  from ..models.sla_policy_out_priority_targets import SlaPolicyOutPriorityTargets
  from ..models.sla_policy_out_tier_caps import SlaPolicyOutTierCaps





T = TypeVar("T", bound="SlaPolicyOut")



@_attrs_define
class SlaPolicyOut:
    """ 
        Attributes:
            version (int):
            created_by (str):
            created_at (datetime.datetime):
            priority_targets (SlaPolicyOutPriorityTargets):
            tier_caps (SlaPolicyOutTierCaps):
            round_the_clock (RoundTheClockDoc | Unset):
            escalation (EscalationDoc | Unset):
            calendar (CalendarDoc | Unset):
            reopening (ReopeningDoc | Unset):
     """

    version: int
    created_by: str
    created_at: datetime.datetime
    priority_targets: SlaPolicyOutPriorityTargets
    tier_caps: SlaPolicyOutTierCaps
    round_the_clock: RoundTheClockDoc | Unset = UNSET
    escalation: EscalationDoc | Unset = UNSET
    calendar: CalendarDoc | Unset = UNSET
    reopening: ReopeningDoc | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.calendar_doc import CalendarDoc # noqa: PLC0415
        from ..models.escalation_doc import EscalationDoc # noqa: PLC0415
        from ..models.reopening_doc import ReopeningDoc # noqa: PLC0415
        from ..models.round_the_clock_doc import RoundTheClockDoc # noqa: PLC0415
        from ..models.sla_policy_out_priority_targets import SlaPolicyOutPriorityTargets # noqa: PLC0415
        from ..models.sla_policy_out_tier_caps import SlaPolicyOutTierCaps # noqa: PLC0415
        version = self.version

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        priority_targets = self.priority_targets.to_dict()

        tier_caps = self.tier_caps.to_dict()

        round_the_clock: dict[str, Any] | Unset = UNSET
        if not isinstance(self.round_the_clock, Unset):
            round_the_clock = self.round_the_clock.to_dict()

        escalation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.escalation, Unset):
            escalation = self.escalation.to_dict()

        calendar: dict[str, Any] | Unset = UNSET
        if not isinstance(self.calendar, Unset):
            calendar = self.calendar.to_dict()

        reopening: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reopening, Unset):
            reopening = self.reopening.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_by": created_by,
            "created_at": created_at,
            "priority_targets": priority_targets,
            "tier_caps": tier_caps,
        })
        if round_the_clock is not UNSET:
            field_dict["round_the_clock"] = round_the_clock
        if escalation is not UNSET:
            field_dict["escalation"] = escalation
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if reopening is not UNSET:
            field_dict["reopening"] = reopening

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_doc import CalendarDoc # noqa: PLC0415
        from ..models.escalation_doc import EscalationDoc # noqa: PLC0415
        from ..models.reopening_doc import ReopeningDoc # noqa: PLC0415
        from ..models.round_the_clock_doc import RoundTheClockDoc # noqa: PLC0415
        from ..models.sla_policy_out_priority_targets import SlaPolicyOutPriorityTargets # noqa: PLC0415
        from ..models.sla_policy_out_tier_caps import SlaPolicyOutTierCaps # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        priority_targets = SlaPolicyOutPriorityTargets.from_dict(d.pop("priority_targets"))




        tier_caps = SlaPolicyOutTierCaps.from_dict(d.pop("tier_caps"))




        _round_the_clock = d.pop("round_the_clock", UNSET)
        round_the_clock: RoundTheClockDoc | Unset
        if isinstance(_round_the_clock,  Unset):
            round_the_clock = UNSET
        else:
            round_the_clock = RoundTheClockDoc.from_dict(_round_the_clock)




        _escalation = d.pop("escalation", UNSET)
        escalation: EscalationDoc | Unset
        if isinstance(_escalation,  Unset):
            escalation = UNSET
        else:
            escalation = EscalationDoc.from_dict(_escalation)




        _calendar = d.pop("calendar", UNSET)
        calendar: CalendarDoc | Unset
        if isinstance(_calendar,  Unset):
            calendar = UNSET
        else:
            calendar = CalendarDoc.from_dict(_calendar)




        _reopening = d.pop("reopening", UNSET)
        reopening: ReopeningDoc | Unset
        if isinstance(_reopening,  Unset):
            reopening = UNSET
        else:
            reopening = ReopeningDoc.from_dict(_reopening)




        sla_policy_out = cls(
            version=version,
            created_by=created_by,
            created_at=created_at,
            priority_targets=priority_targets,
            tier_caps=tier_caps,
            round_the_clock=round_the_clock,
            escalation=escalation,
            calendar=calendar,
            reopening=reopening,
        )


        sla_policy_out.additional_properties = d
        return sla_policy_out

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
