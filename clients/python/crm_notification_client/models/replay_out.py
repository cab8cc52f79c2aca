from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ReplayOut")



@_attrs_define
class ReplayOut:
    """ 
        Attributes:
            replay_id (str):
            since (datetime.datetime):
            events (int): Deliveries queued
            log_kept_since (datetime.datetime): The oldest time the event log still covers
     """

    replay_id: str
    since: datetime.datetime
    events: int
    log_kept_since: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        replay_id = self.replay_id

        since = self.since.isoformat()

        events = self.events

        log_kept_since = self.log_kept_since.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "replay_id": replay_id,
            "since": since,
            "events": events,
            "log_kept_since": log_kept_since,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        replay_id = d.pop("replay_id")

        since = datetime.datetime.fromisoformat(d.pop("since"))




        events = d.pop("events")

        log_kept_since = datetime.datetime.fromisoformat(d.pop("log_kept_since"))




        replay_out = cls(
            replay_id=replay_id,
            since=since,
            events=events,
            log_kept_since=log_kept_since,
        )


        replay_out.additional_properties = d
        return replay_out

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
