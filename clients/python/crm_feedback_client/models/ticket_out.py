from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel import Channel
from ..models.priority import Priority
from ..models.status import Status
from ..models.ticket_type import TicketType
from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.durations_out import DurationsOut
  from ..models.history_out import HistoryOut
  from ..models.message_out import MessageOut
  from ..models.sla_out import SlaOut
  from ..models.ticket_out_priority_reason import TicketOutPriorityReason





T = TypeVar("T", bound="TicketOut")



@_attrs_define
class TicketOut:
    """ 
        Attributes:
            id (str):
            customer_id (str):
            channel (Channel):
            type_ (TicketType):
            category (str):
            description (str):
            priority (Priority):
            priority_reason (TicketOutPriorityReason):
            team (None | str):
            assignee (None | str):
            status (Status):
            tier (None | Tier):
            sla (SlaOut):
            response_count (int):
            reopen_count (int):
            solution (None | str):
            improvement (None | str):
            first_contact_resolution (bool | None):
            satisfaction (float | None):
            satisfaction_level (None | str):
            csat_rating (int | None): The latest 1-5 rating given with the verification
            csat_rated_at (datetime.datetime | None):
            reported_at (datetime.datetime):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            resolved_at (datetime.datetime | None):
            closed_at (datetime.datetime | None):
            durations (DurationsOut): Zendesk's requester wait and agent work time, counted up to `counted_until` (the last
                status
                change); an open ticket keeps counting from there.
            history (list[HistoryOut] | None | Unset):
            messages (list[MessageOut] | None | Unset): The conversation after the description, oldest first
     """

    id: str
    customer_id: str
    channel: Channel
    type_: TicketType
    category: str
    description: str
    priority: Priority
    priority_reason: TicketOutPriorityReason
    team: None | str
    assignee: None | str
    status: Status
    tier: None | Tier
    sla: SlaOut
    response_count: int
    reopen_count: int
    solution: None | str
    improvement: None | str
    first_contact_resolution: bool | None
    satisfaction: float | None
    satisfaction_level: None | str
    csat_rating: int | None
    csat_rated_at: datetime.datetime | None
    reported_at: datetime.datetime
    created_at: datetime.datetime
    updated_at: datetime.datetime
    resolved_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    durations: DurationsOut
    history: list[HistoryOut] | None | Unset = UNSET
    messages: list[MessageOut] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.durations_out import DurationsOut # noqa: PLC0415
        from ..models.history_out import HistoryOut # noqa: PLC0415
        from ..models.message_out import MessageOut # noqa: PLC0415
        from ..models.sla_out import SlaOut # noqa: PLC0415
        from ..models.ticket_out_priority_reason import TicketOutPriorityReason # noqa: PLC0415
        id = self.id

        customer_id = self.customer_id

        channel = self.channel.value

        type_ = self.type_.value

        category = self.category

        description = self.description

        priority = self.priority.value

        priority_reason = self.priority_reason.to_dict()

        team: None | str
        team = self.team

        assignee: None | str
        assignee = self.assignee

        status = self.status.value

        tier: None | str
        if isinstance(self.tier, Tier):
            tier = self.tier.value
        else:
            tier = self.tier

        sla = self.sla.to_dict()

        response_count = self.response_count

        reopen_count = self.reopen_count

        solution: None | str
        solution = self.solution

        improvement: None | str
        improvement = self.improvement

        first_contact_resolution: bool | None
        first_contact_resolution = self.first_contact_resolution

        satisfaction: float | None
        satisfaction = self.satisfaction

        satisfaction_level: None | str
        satisfaction_level = self.satisfaction_level

        csat_rating: int | None
        csat_rating = self.csat_rating

        csat_rated_at: None | str
        if isinstance(self.csat_rated_at, datetime.datetime):
            csat_rated_at = self.csat_rated_at.isoformat()
        else:
            csat_rated_at = self.csat_rated_at

        reported_at = self.reported_at.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        durations = self.durations.to_dict()

        history: list[dict[str, Any]] | None | Unset
        if isinstance(self.history, Unset):
            history = UNSET
        elif isinstance(self.history, list):
            history = []
            for history_type_0_item_data in self.history:
                history_type_0_item = history_type_0_item_data.to_dict()
                history.append(history_type_0_item)


        else:
            history = self.history

        messages: list[dict[str, Any]] | None | Unset
        if isinstance(self.messages, Unset):
            messages = UNSET
        elif isinstance(self.messages, list):
            messages = []
            for messages_type_0_item_data in self.messages:
                messages_type_0_item = messages_type_0_item_data.to_dict()
                messages.append(messages_type_0_item)


        else:
            messages = self.messages


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "channel": channel,
            "type": type_,
            "category": category,
            "description": description,
            "priority": priority,
            "priority_reason": priority_reason,
            "team": team,
            "assignee": assignee,
            "status": status,
            "tier": tier,
            "sla": sla,
            "response_count": response_count,
            "reopen_count": reopen_count,
            "solution": solution,
            "improvement": improvement,
            "first_contact_resolution": first_contact_resolution,
            "satisfaction": satisfaction,
            "satisfaction_level": satisfaction_level,
            "csat_rating": csat_rating,
            "csat_rated_at": csat_rated_at,
            "reported_at": reported_at,
            "created_at": created_at,
            "updated_at": updated_at,
            "resolved_at": resolved_at,
            "closed_at": closed_at,
            "durations": durations,
        })
        if history is not UNSET:
            field_dict["history"] = history
        if messages is not UNSET:
            field_dict["messages"] = messages

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.durations_out import DurationsOut # noqa: PLC0415
        from ..models.history_out import HistoryOut # noqa: PLC0415
        from ..models.message_out import MessageOut # noqa: PLC0415
        from ..models.sla_out import SlaOut # noqa: PLC0415
        from ..models.ticket_out_priority_reason import TicketOutPriorityReason # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        customer_id = d.pop("customer_id")

        channel = Channel(d.pop("channel"))




        type_ = TicketType(d.pop("type"))




        category = d.pop("category")

        description = d.pop("description")

        priority = Priority(d.pop("priority"))




        priority_reason = TicketOutPriorityReason.from_dict(d.pop("priority_reason"))




        def _parse_team(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team = _parse_team(d.pop("team"))


        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))


        status = Status(d.pop("status"))




        def _parse_tier(data: object) -> None | Tier:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_0 = Tier(data)



                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tier, data)

        tier = _parse_tier(d.pop("tier"))


        sla = SlaOut.from_dict(d.pop("sla"))




        response_count = d.pop("response_count")

        reopen_count = d.pop("reopen_count")

        def _parse_solution(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        solution = _parse_solution(d.pop("solution"))


        def _parse_improvement(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        improvement = _parse_improvement(d.pop("improvement"))


        def _parse_first_contact_resolution(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        first_contact_resolution = _parse_first_contact_resolution(d.pop("first_contact_resolution"))


        def _parse_satisfaction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction"))


        def _parse_satisfaction_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        satisfaction_level = _parse_satisfaction_level(d.pop("satisfaction_level"))


        def _parse_csat_rating(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        csat_rating = _parse_csat_rating(d.pop("csat_rating"))


        def _parse_csat_rated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                csat_rated_at_type_0 = datetime.datetime.fromisoformat(data)



                return csat_rated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        csat_rated_at = _parse_csat_rated_at(d.pop("csat_rated_at"))


        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))


        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        durations = DurationsOut.from_dict(d.pop("durations"))




        def _parse_history(data: object) -> list[HistoryOut] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                history_type_0 = []
                _history_type_0 = data
                for history_type_0_item_data in (_history_type_0):
                    history_type_0_item = HistoryOut.from_dict(history_type_0_item_data)



                    history_type_0.append(history_type_0_item)

                return history_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[HistoryOut] | None | Unset, data)

        history = _parse_history(d.pop("history", UNSET))


        def _parse_messages(data: object) -> list[MessageOut] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                messages_type_0 = []
                _messages_type_0 = data
                for messages_type_0_item_data in (_messages_type_0):
                    messages_type_0_item = MessageOut.from_dict(messages_type_0_item_data)



                    messages_type_0.append(messages_type_0_item)

                return messages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[MessageOut] | None | Unset, data)

        messages = _parse_messages(d.pop("messages", UNSET))


        ticket_out = cls(
            id=id,
            customer_id=customer_id,
            channel=channel,
            type_=type_,
            category=category,
            description=description,
            priority=priority,
            priority_reason=priority_reason,
            team=team,
            assignee=assignee,
            status=status,
            tier=tier,
            sla=sla,
            response_count=response_count,
            reopen_count=reopen_count,
            solution=solution,
            improvement=improvement,
            first_contact_resolution=first_contact_resolution,
            satisfaction=satisfaction,
            satisfaction_level=satisfaction_level,
            csat_rating=csat_rating,
            csat_rated_at=csat_rated_at,
            reported_at=reported_at,
            created_at=created_at,
            updated_at=updated_at,
            resolved_at=resolved_at,
            closed_at=closed_at,
            durations=durations,
            history=history,
            messages=messages,
        )


        ticket_out.additional_properties = d
        return ticket_out

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
