from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.author import Author
from ..models.channel import Channel
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MessageIn")



@_attrs_define
class MessageIn:
    """ 
        Attributes:
            author (Author):
            body (str):
            channel (Channel | None | Unset): Where the message came from or went
     """

    author: Author
    body: str
    channel: Channel | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        author = self.author.value

        body = self.body

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, Channel):
            channel = self.channel.value
        else:
            channel = self.channel


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "author": author,
            "body": body,
        })
        if channel is not UNSET:
            field_dict["channel"] = channel

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author = Author(d.pop("author"))




        body = d.pop("body")

        def _parse_channel(data: object) -> Channel | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = Channel(data)



                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Channel | None | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))


        message_in = cls(
            author=author,
            body=body,
            channel=channel,
        )

        return message_in

