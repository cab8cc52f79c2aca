from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.category_topics_out import CategoryTopicsOut
  from ..models.ticket_topic_out import TicketTopicOut





T = TypeVar("T", bound="TicketTopicsOut")



@_attrs_define
class TicketTopicsOut:
    """ 
        Attributes:
            from_month (str):
            to_month (str):
            category (None | str):
            tickets (int): Descriptions clustered (the latest ones, up to the service's limit)
            topics (list[TicketTopicOut]):
            by_category (list[CategoryTopicsOut]):
     """

    from_month: str
    to_month: str
    category: None | str
    tickets: int
    topics: list[TicketTopicOut]
    by_category: list[CategoryTopicsOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.category_topics_out import CategoryTopicsOut # noqa: PLC0415
        from ..models.ticket_topic_out import TicketTopicOut # noqa: PLC0415
        from_month = self.from_month

        to_month = self.to_month

        category: None | str
        category = self.category

        tickets = self.tickets

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.to_dict()
            topics.append(topics_item)



        by_category = []
        for by_category_item_data in self.by_category:
            by_category_item = by_category_item_data.to_dict()
            by_category.append(by_category_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from_month": from_month,
            "to_month": to_month,
            "category": category,
            "tickets": tickets,
            "topics": topics,
            "by_category": by_category,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.category_topics_out import CategoryTopicsOut # noqa: PLC0415
        from ..models.ticket_topic_out import TicketTopicOut # noqa: PLC0415
        d = dict(src_dict)
        from_month = d.pop("from_month")

        to_month = d.pop("to_month")

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))


        tickets = d.pop("tickets")

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in (_topics):
            topics_item = TicketTopicOut.from_dict(topics_item_data)



            topics.append(topics_item)


        by_category = []
        _by_category = d.pop("by_category")
        for by_category_item_data in (_by_category):
            by_category_item = CategoryTopicsOut.from_dict(by_category_item_data)



            by_category.append(by_category_item)


        ticket_topics_out = cls(
            from_month=from_month,
            to_month=to_month,
            category=category,
            tickets=tickets,
            topics=topics,
            by_category=by_category,
        )


        ticket_topics_out.additional_properties = d
        return ticket_topics_out

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
