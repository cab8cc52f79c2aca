from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.topic_count import TopicCount





T = TypeVar("T", bound="CategoryMonthOut")



@_attrs_define
class CategoryMonthOut:
    """ 
        Attributes:
            month (str):
            tickets (int):
            topics (list[TopicCount]): Tickets per topic, the most frequent first
     """

    month: str
    tickets: int
    topics: list[TopicCount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.topic_count import TopicCount # noqa: PLC0415
        month = self.month

        tickets = self.tickets

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.to_dict()
            topics.append(topics_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "tickets": tickets,
            "topics": topics,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.topic_count import TopicCount # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        tickets = d.pop("tickets")

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in (_topics):
            topics_item = TopicCount.from_dict(topics_item_data)



            topics.append(topics_item)


        category_month_out = cls(
            month=month,
            tickets=tickets,
            topics=topics,
        )


        category_month_out.additional_properties = d
        return category_month_out

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
