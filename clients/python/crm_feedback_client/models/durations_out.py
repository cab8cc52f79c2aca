from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DurationsOut")



@_attrs_define
class DurationsOut:
    """ Zendesk's requester wait and agent work time, counted up to `counted_until` (the last status
    change); an open ticket keeps counting from there.

        Attributes:
            requester_wait_seconds (float): New, assigned, in progress, reopened, on hold
            requester_wait_business_seconds (float): The same on the ticket's SLA clock
            agent_work_seconds (float): New, assigned, in progress, reopened
            agent_work_business_seconds (float): The same on the ticket's SLA clock
            counted_until (datetime.datetime):
     """

    requester_wait_seconds: float
    requester_wait_business_seconds: float
    agent_work_seconds: float
    agent_work_business_seconds: float
    counted_until: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        requester_wait_seconds = self.requester_wait_seconds

        requester_wait_business_seconds = self.requester_wait_business_seconds

        agent_work_seconds = self.agent_work_seconds

        agent_work_business_seconds = self.agent_work_business_seconds

        counted_until = self.counted_until.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "requester_wait_seconds": requester_wait_seconds,
            "requester_wait_business_seconds": requester_wait_business_seconds,
            "agent_work_seconds": agent_work_seconds,
            "agent_work_business_seconds": agent_work_business_seconds,
            "counted_until": counted_until,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        requester_wait_seconds = d.pop("requester_wait_seconds")

        requester_wait_business_seconds = d.pop("requester_wait_business_seconds")

        agent_work_seconds = d.pop("agent_work_seconds")

        agent_work_business_seconds = d.pop("agent_work_business_seconds")

        counted_until = datetime.datetime.fromisoformat(d.pop("counted_until"))




        durations_out = cls(
            requester_wait_seconds=requester_wait_seconds,
            requester_wait_business_seconds=requester_wait_business_seconds,
            agent_work_seconds=agent_work_seconds,
            agent_work_business_seconds=agent_work_business_seconds,
            counted_until=counted_until,
        )


        durations_out.additional_properties = d
        return durations_out

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
