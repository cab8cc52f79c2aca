from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TierReport")



@_attrs_define
class TierReport:
    """ 
        Attributes:
            tickets (int):
            resolved (int):
            first_response_on_time_rate (float | None):
            next_reply_on_time_rate (float | None):
            next_replies (int): Replies owed after customer messages: made, or overdue now
            resolution_on_time_rate (float | None):
            first_contact_resolution_rate (float | None):
            reopen_rate (float | None):
            satisfaction_after_resolution (float | None):
            satisfaction_answers (int):
            csat (float | None): Rated tickets whose latest rating is 4 or 5 / rated tickets
            csat_ratings (int):
            requester_wait_hours_median (float | None):
            requester_wait_business_hours_median (float | None):
            agent_work_hours_median (float | None):
            agent_work_business_hours_median (float | None):
            closed_confirmed (int | Unset): Closed on the customer's confirmation Default: 0.
            closed_without_confirmation (int | Unset): Closed by themselves: no verification answer within the policy's days
                Default: 0.
     """

    tickets: int
    resolved: int
    first_response_on_time_rate: float | None
    next_reply_on_time_rate: float | None
    next_replies: int
    resolution_on_time_rate: float | None
    first_contact_resolution_rate: float | None
    reopen_rate: float | None
    satisfaction_after_resolution: float | None
    satisfaction_answers: int
    csat: float | None
    csat_ratings: int
    requester_wait_hours_median: float | None
    requester_wait_business_hours_median: float | None
    agent_work_hours_median: float | None
    agent_work_business_hours_median: float | None
    closed_confirmed: int | Unset = 0
    closed_without_confirmation: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        tickets = self.tickets

        resolved = self.resolved

        first_response_on_time_rate: float | None
        first_response_on_time_rate = self.first_response_on_time_rate

        next_reply_on_time_rate: float | None
        next_reply_on_time_rate = self.next_reply_on_time_rate

        next_replies = self.next_replies

        resolution_on_time_rate: float | None
        resolution_on_time_rate = self.resolution_on_time_rate

        first_contact_resolution_rate: float | None
        first_contact_resolution_rate = self.first_contact_resolution_rate

        reopen_rate: float | None
        reopen_rate = self.reopen_rate

        satisfaction_after_resolution: float | None
        satisfaction_after_resolution = self.satisfaction_after_resolution

        satisfaction_answers = self.satisfaction_answers

        csat: float | None
        csat = self.csat

        csat_ratings = self.csat_ratings

        requester_wait_hours_median: float | None
        requester_wait_hours_median = self.requester_wait_hours_median

        requester_wait_business_hours_median: float | None
        requester_wait_business_hours_median = self.requester_wait_business_hours_median

        agent_work_hours_median: float | None
        agent_work_hours_median = self.agent_work_hours_median

        agent_work_business_hours_median: float | None
        agent_work_business_hours_median = self.agent_work_business_hours_median

        closed_confirmed = self.closed_confirmed

        closed_without_confirmation = self.closed_without_confirmation


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tickets": tickets,
            "resolved": resolved,
            "first_response_on_time_rate": first_response_on_time_rate,
            "next_reply_on_time_rate": next_reply_on_time_rate,
            "next_replies": next_replies,
            "resolution_on_time_rate": resolution_on_time_rate,
            "first_contact_resolution_rate": first_contact_resolution_rate,
            "reopen_rate": reopen_rate,
            "satisfaction_after_resolution": satisfaction_after_resolution,
            "satisfaction_answers": satisfaction_answers,
            "csat": csat,
            "csat_ratings": csat_ratings,
            "requester_wait_hours_median": requester_wait_hours_median,
            "requester_wait_business_hours_median": requester_wait_business_hours_median,
            "agent_work_hours_median": agent_work_hours_median,
            "agent_work_business_hours_median": agent_work_business_hours_median,
        })
        if closed_confirmed is not UNSET:
            field_dict["closed_confirmed"] = closed_confirmed
        if closed_without_confirmation is not UNSET:
            field_dict["closed_without_confirmation"] = closed_without_confirmation

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tickets = d.pop("tickets")

        resolved = d.pop("resolved")

        def _parse_first_response_on_time_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_response_on_time_rate = _parse_first_response_on_time_rate(d.pop("first_response_on_time_rate"))


        def _parse_next_reply_on_time_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        next_reply_on_time_rate = _parse_next_reply_on_time_rate(d.pop("next_reply_on_time_rate"))


        next_replies = d.pop("next_replies")

        def _parse_resolution_on_time_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        resolution_on_time_rate = _parse_resolution_on_time_rate(d.pop("resolution_on_time_rate"))


        def _parse_first_contact_resolution_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_contact_resolution_rate = _parse_first_contact_resolution_rate(d.pop("first_contact_resolution_rate"))


        def _parse_reopen_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        reopen_rate = _parse_reopen_rate(d.pop("reopen_rate"))


        def _parse_satisfaction_after_resolution(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        satisfaction_after_resolution = _parse_satisfaction_after_resolution(d.pop("satisfaction_after_resolution"))


        satisfaction_answers = d.pop("satisfaction_answers")

        def _parse_csat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat = _parse_csat(d.pop("csat"))


        csat_ratings = d.pop("csat_ratings")

        def _parse_requester_wait_hours_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        requester_wait_hours_median = _parse_requester_wait_hours_median(d.pop("requester_wait_hours_median"))


        def _parse_requester_wait_business_hours_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        requester_wait_business_hours_median = _parse_requester_wait_business_hours_median(d.pop("requester_wait_business_hours_median"))


        def _parse_agent_work_hours_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        agent_work_hours_median = _parse_agent_work_hours_median(d.pop("agent_work_hours_median"))


        def _parse_agent_work_business_hours_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        agent_work_business_hours_median = _parse_agent_work_business_hours_median(d.pop("agent_work_business_hours_median"))


        closed_confirmed = d.pop("closed_confirmed", UNSET)

        closed_without_confirmation = d.pop("closed_without_confirmation", UNSET)

        tier_report = cls(
            tickets=tickets,
            resolved=resolved,
            first_response_on_time_rate=first_response_on_time_rate,
            next_reply_on_time_rate=next_reply_on_time_rate,
            next_replies=next_replies,
            resolution_on_time_rate=resolution_on_time_rate,
            first_contact_resolution_rate=first_contact_resolution_rate,
            reopen_rate=reopen_rate,
            satisfaction_after_resolution=satisfaction_after_resolution,
            satisfaction_answers=satisfaction_answers,
            csat=csat,
            csat_ratings=csat_ratings,
            requester_wait_hours_median=requester_wait_hours_median,
            requester_wait_business_hours_median=requester_wait_business_hours_median,
            agent_work_hours_median=agent_work_hours_median,
            agent_work_business_hours_median=agent_work_business_hours_median,
            closed_confirmed=closed_confirmed,
            closed_without_confirmation=closed_without_confirmation,
        )


        tier_report.additional_properties = d
        return tier_report

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
