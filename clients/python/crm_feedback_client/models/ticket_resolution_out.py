from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TicketResolutionOut")



@_attrs_define
class TicketResolutionOut:
    """ What the customer is told when a ticket is resolved (for the notification service only).

        Attributes:
            ticket_id (str):
            customer_id (str):
            status (str):
            priority (str):
            solution (None | str | Unset):
            improvement (None | str | Unset):
            resolved_at (datetime.datetime | None | Unset):
     """

    ticket_id: str
    customer_id: str
    status: str
    priority: str
    solution: None | str | Unset = UNSET
    improvement: None | str | Unset = UNSET
    resolved_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        ticket_id = self.ticket_id

        customer_id = self.customer_id

        status = self.status

        priority = self.priority

        solution: None | str | Unset
        if isinstance(self.solution, Unset):
            solution = UNSET
        else:
            solution = self.solution

        improvement: None | str | Unset
        if isinstance(self.improvement, Unset):
            improvement = UNSET
        else:
            improvement = self.improvement

        resolved_at: None | str | Unset
        if isinstance(self.resolved_at, Unset):
            resolved_at = UNSET
        elif isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ticket_id": ticket_id,
            "customer_id": customer_id,
            "status": status,
            "priority": priority,
        })
        if solution is not UNSET:
            field_dict["solution"] = solution
        if improvement is not UNSET:
            field_dict["improvement"] = improvement
        if resolved_at is not UNSET:
            field_dict["resolved_at"] = resolved_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticket_id = d.pop("ticket_id")

        customer_id = d.pop("customer_id")

        status = d.pop("status")

        priority = d.pop("priority")

        def _parse_solution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        solution = _parse_solution(d.pop("solution", UNSET))


        def _parse_improvement(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        improvement = _parse_improvement(d.pop("improvement", UNSET))


        def _parse_resolved_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at", UNSET))


        ticket_resolution_out = cls(
            ticket_id=ticket_id,
            customer_id=customer_id,
            status=status,
            priority=priority,
            solution=solution,
            improvement=improvement,
            resolved_at=resolved_at,
        )


        ticket_resolution_out.additional_properties = d
        return ticket_resolution_out

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
