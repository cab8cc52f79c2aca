from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.sla_out_policy import SlaOutPolicy





T = TypeVar("T", bound="SlaOut")



@_attrs_define
class SlaOut:
    """ 
        Attributes:
            first_response_due (datetime.datetime):
            resolution_due (datetime.datetime):
            calendar (str): `24x7` or `business:<time zone>`
            policy (SlaOutPolicy): Policy version and the rows that applied
            first_response_warning_at (datetime.datetime):
            first_response_task_force_at (datetime.datetime):
            first_responded_at (datetime.datetime | None):
            first_response_breached (bool):
            first_response_level (int): Last escalation level taken; -1 for none
            resolution_started_at (datetime.datetime):
            resolution_warning_at (datetime.datetime):
            resolution_task_force_at (datetime.datetime):
            resolution_breached (bool):
            resolution_level (int):
            next_reply_started_at (datetime.datetime | None): The oldest customer message the team has not answered yet;
                null when no reply is owed
            next_reply_due (datetime.datetime | None):
            next_reply_warning_at (datetime.datetime | None):
            next_reply_task_force_at (datetime.datetime | None):
            next_reply_level (int):
            next_replies_on_time (int):
            next_replies_late (int):
            paused (bool):
            paused_at (datetime.datetime | None):
     """

    first_response_due: datetime.datetime
    resolution_due: datetime.datetime
    calendar: str
    policy: SlaOutPolicy
    first_response_warning_at: datetime.datetime
    first_response_task_force_at: datetime.datetime
    first_responded_at: datetime.datetime | None
    first_response_breached: bool
    first_response_level: int
    resolution_started_at: datetime.datetime
    resolution_warning_at: datetime.datetime
    resolution_task_force_at: datetime.datetime
    resolution_breached: bool
    resolution_level: int
    next_reply_started_at: datetime.datetime | None
    next_reply_due: datetime.datetime | None
    next_reply_warning_at: datetime.datetime | None
    next_reply_task_force_at: datetime.datetime | None
    next_reply_level: int
    next_replies_on_time: int
    next_replies_late: int
    paused: bool
    paused_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.sla_out_policy import SlaOutPolicy # noqa: PLC0415
        first_response_due = self.first_response_due.isoformat()

        resolution_due = self.resolution_due.isoformat()

        calendar = self.calendar

        policy = self.policy.to_dict()

        first_response_warning_at = self.first_response_warning_at.isoformat()

        first_response_task_force_at = self.first_response_task_force_at.isoformat()

        first_responded_at: None | str
        if isinstance(self.first_responded_at, datetime.datetime):
            first_responded_at = self.first_responded_at.isoformat()
        else:
            first_responded_at = self.first_responded_at

        first_response_breached = self.first_response_breached

        first_response_level = self.first_response_level

        resolution_started_at = self.resolution_started_at.isoformat()

        resolution_warning_at = self.resolution_warning_at.isoformat()

        resolution_task_force_at = self.resolution_task_force_at.isoformat()

        resolution_breached = self.resolution_breached

        resolution_level = self.resolution_level

        next_reply_started_at: None | str
        if isinstance(self.next_reply_started_at, datetime.datetime):
            next_reply_started_at = self.next_reply_started_at.isoformat()
        else:
            next_reply_started_at = self.next_reply_started_at

        next_reply_due: None | str
        if isinstance(self.next_reply_due, datetime.datetime):
            next_reply_due = self.next_reply_due.isoformat()
        else:
            next_reply_due = self.next_reply_due

        next_reply_warning_at: None | str
        if isinstance(self.next_reply_warning_at, datetime.datetime):
            next_reply_warning_at = self.next_reply_warning_at.isoformat()
        else:
            next_reply_warning_at = self.next_reply_warning_at

        next_reply_task_force_at: None | str
        if isinstance(self.next_reply_task_force_at, datetime.datetime):
            next_reply_task_force_at = self.next_reply_task_force_at.isoformat()
        else:
            next_reply_task_force_at = self.next_reply_task_force_at

        next_reply_level = self.next_reply_level

        next_replies_on_time = self.next_replies_on_time

        next_replies_late = self.next_replies_late

        paused = self.paused

        paused_at: None | str
        if isinstance(self.paused_at, datetime.datetime):
            paused_at = self.paused_at.isoformat()
        else:
            paused_at = self.paused_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "first_response_due": first_response_due,
            "resolution_due": resolution_due,
            "calendar": calendar,
            "policy": policy,
            "first_response_warning_at": first_response_warning_at,
            "first_response_task_force_at": first_response_task_force_at,
            "first_responded_at": first_responded_at,
            "first_response_breached": first_response_breached,
            "first_response_level": first_response_level,
            "resolution_started_at": resolution_started_at,
            "resolution_warning_at": resolution_warning_at,
            "resolution_task_force_at": resolution_task_force_at,
            "resolution_breached": resolution_breached,
            "resolution_level": resolution_level,
            "next_reply_started_at": next_reply_started_at,
            "next_reply_due": next_reply_due,
            "next_reply_warning_at": next_reply_warning_at,
            "next_reply_task_force_at": next_reply_task_force_at,
            "next_reply_level": next_reply_level,
            "next_replies_on_time": next_replies_on_time,
            "next_replies_late": next_replies_late,
            "paused": paused,
            "paused_at": paused_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_out_policy import SlaOutPolicy # noqa: PLC0415
        d = dict(src_dict)
        first_response_due = datetime.datetime.fromisoformat(d.pop("first_response_due"))




        resolution_due = datetime.datetime.fromisoformat(d.pop("resolution_due"))




        calendar = d.pop("calendar")

        policy = SlaOutPolicy.from_dict(d.pop("policy"))




        first_response_warning_at = datetime.datetime.fromisoformat(d.pop("first_response_warning_at"))




        first_response_task_force_at = datetime.datetime.fromisoformat(d.pop("first_response_task_force_at"))




        def _parse_first_responded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_responded_at_type_0 = datetime.datetime.fromisoformat(data)



                return first_responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_responded_at = _parse_first_responded_at(d.pop("first_responded_at"))


        first_response_breached = d.pop("first_response_breached")

        first_response_level = d.pop("first_response_level")

        resolution_started_at = datetime.datetime.fromisoformat(d.pop("resolution_started_at"))




        resolution_warning_at = datetime.datetime.fromisoformat(d.pop("resolution_warning_at"))




        resolution_task_force_at = datetime.datetime.fromisoformat(d.pop("resolution_task_force_at"))




        resolution_breached = d.pop("resolution_breached")

        resolution_level = d.pop("resolution_level")

        def _parse_next_reply_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_reply_started_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_reply_started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_reply_started_at = _parse_next_reply_started_at(d.pop("next_reply_started_at"))


        def _parse_next_reply_due(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_reply_due_type_0 = datetime.datetime.fromisoformat(data)



                return next_reply_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_reply_due = _parse_next_reply_due(d.pop("next_reply_due"))


        def _parse_next_reply_warning_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_reply_warning_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_reply_warning_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_reply_warning_at = _parse_next_reply_warning_at(d.pop("next_reply_warning_at"))


        def _parse_next_reply_task_force_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_reply_task_force_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_reply_task_force_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_reply_task_force_at = _parse_next_reply_task_force_at(d.pop("next_reply_task_force_at"))


        next_reply_level = d.pop("next_reply_level")

        next_replies_on_time = d.pop("next_replies_on_time")

        next_replies_late = d.pop("next_replies_late")

        paused = d.pop("paused")

        def _parse_paused_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_at_type_0 = datetime.datetime.fromisoformat(data)



                return paused_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paused_at = _parse_paused_at(d.pop("paused_at"))


        sla_out = cls(
            first_response_due=first_response_due,
            resolution_due=resolution_due,
            calendar=calendar,
            policy=policy,
            first_response_warning_at=first_response_warning_at,
            first_response_task_force_at=first_response_task_force_at,
            first_responded_at=first_responded_at,
            first_response_breached=first_response_breached,
            first_response_level=first_response_level,
            resolution_started_at=resolution_started_at,
            resolution_warning_at=resolution_warning_at,
            resolution_task_force_at=resolution_task_force_at,
            resolution_breached=resolution_breached,
            resolution_level=resolution_level,
            next_reply_started_at=next_reply_started_at,
            next_reply_due=next_reply_due,
            next_reply_warning_at=next_reply_warning_at,
            next_reply_task_force_at=next_reply_task_force_at,
            next_reply_level=next_reply_level,
            next_replies_on_time=next_replies_on_time,
            next_replies_late=next_replies_late,
            paused=paused,
            paused_at=paused_at,
        )


        sla_out.additional_properties = d
        return sla_out

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
