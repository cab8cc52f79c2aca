from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TicketTopicOut")



@_attrs_define
class TicketTopicOut:
    """ 
        Attributes:
            id (int): Referred to by `by_category[].months[].topics`
            label (str):
            keywords (list[str]):
            count (int):
            examples (list[str]): Descriptions closest to the topic's centre
            example_ticket_ids (list[str]):
     """

    id: int
    label: str
    keywords: list[str]
    count: int
    examples: list[str]
    example_ticket_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        label = self.label

        keywords = self.keywords



        count = self.count

        examples = self.examples



        example_ticket_ids = self.example_ticket_ids




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "label": label,
            "keywords": keywords,
            "count": count,
            "examples": examples,
            "example_ticket_ids": example_ticket_ids,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        label = d.pop("label")

        keywords = cast(list[str], d.pop("keywords"))


        count = d.pop("count")

        examples = cast(list[str], d.pop("examples"))


        example_ticket_ids = cast(list[str], d.pop("example_ticket_ids"))


        ticket_topic_out = cls(
            id=id,
            label=label,
            keywords=keywords,
            count=count,
            examples=examples,
            example_ticket_ids=example_ticket_ids,
        )


        ticket_topic_out.additional_properties = d
        return ticket_topic_out

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
