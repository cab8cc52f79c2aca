from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.author import Author
from ..models.channel import Channel
from typing import cast
import datetime






T = TypeVar("T", bound="MessageOut")



@_attrs_define
class MessageOut:
    """ 
        Attributes:
            id (int):
            author (Author):
            body (str):
            channel (Channel | None):
            actor (str): Who recorded the message
            at (datetime.datetime):
     """

    id: int
    author: Author
    body: str
    channel: Channel | None
    actor: str
    at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        author = self.author.value

        body = self.body

        channel: None | str
        if isinstance(self.channel, Channel):
            channel = self.channel.value
        else:
            channel = self.channel

        actor = self.actor

        at = self.at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "author": author,
            "body": body,
            "channel": channel,
            "actor": actor,
            "at": at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        author = Author(d.pop("author"))




        body = d.pop("body")

        def _parse_channel(data: object) -> Channel | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = Channel(data)



                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Channel | None, data)

        channel = _parse_channel(d.pop("channel"))


        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        message_out = cls(
            id=id,
            author=author,
            body=body,
            channel=channel,
            actor=actor,
            at=at,
        )


        message_out.additional_properties = d
        return message_out

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
