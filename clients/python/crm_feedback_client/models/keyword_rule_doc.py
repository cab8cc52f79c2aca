from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.priority import Priority
from typing import cast






T = TypeVar("T", bound="KeywordRuleDoc")



@_attrs_define
class KeywordRuleDoc:
    """ 
        Attributes:
            priority (Priority):
            keywords (list[str]):
     """

    priority: Priority
    keywords: list[str]





    def to_dict(self) -> dict[str, Any]:
        priority = self.priority.value

        keywords = self.keywords




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "priority": priority,
            "keywords": keywords,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        priority = Priority(d.pop("priority"))




        keywords = cast(list[str], d.pop("keywords"))


        keyword_rule_doc = cls(
            priority=priority,
            keywords=keywords,
        )

        return keyword_rule_doc

