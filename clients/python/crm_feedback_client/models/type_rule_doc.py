from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.priority import Priority
from ..models.ticket_type import TicketType






T = TypeVar("T", bound="TypeRuleDoc")



@_attrs_define
class TypeRuleDoc:
    """ 
        Attributes:
            priority (Priority):
            type_ (TicketType):
     """

    priority: Priority
    type_: TicketType





    def to_dict(self) -> dict[str, Any]:
        priority = self.priority.value

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "priority": priority,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        priority = Priority(d.pop("priority"))




        type_ = TicketType(d.pop("type"))




        type_rule_doc = cls(
            priority=priority,
            type_=type_,
        )

        return type_rule_doc

