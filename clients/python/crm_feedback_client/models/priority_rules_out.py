from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.priority import Priority
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.keyword_rule_doc import KeywordRuleDoc
  from ..models.type_rule_doc import TypeRuleDoc





T = TypeVar("T", bound="PriorityRulesOut")



@_attrs_define
class PriorityRulesOut:
    """ 
        Attributes:
            version (int):
            created_by (str):
            created_at (datetime.datetime):
            keyword_rules (list[KeywordRuleDoc]):
            type_rules (list[TypeRuleDoc] | Unset):
            default_priority (Priority | Unset):
     """

    version: int
    created_by: str
    created_at: datetime.datetime
    keyword_rules: list[KeywordRuleDoc]
    type_rules: list[TypeRuleDoc] | Unset = UNSET
    default_priority: Priority | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.keyword_rule_doc import KeywordRuleDoc # noqa: PLC0415
        from ..models.type_rule_doc import TypeRuleDoc # noqa: PLC0415
        version = self.version

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        keyword_rules = []
        for keyword_rules_item_data in self.keyword_rules:
            keyword_rules_item = keyword_rules_item_data.to_dict()
            keyword_rules.append(keyword_rules_item)



        type_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.type_rules, Unset):
            type_rules = []
            for type_rules_item_data in self.type_rules:
                type_rules_item = type_rules_item_data.to_dict()
                type_rules.append(type_rules_item)



        default_priority: str | Unset = UNSET
        if not isinstance(self.default_priority, Unset):
            default_priority = self.default_priority.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_by": created_by,
            "created_at": created_at,
            "keyword_rules": keyword_rules,
        })
        if type_rules is not UNSET:
            field_dict["type_rules"] = type_rules
        if default_priority is not UNSET:
            field_dict["default_priority"] = default_priority

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.keyword_rule_doc import KeywordRuleDoc # noqa: PLC0415
        from ..models.type_rule_doc import TypeRuleDoc # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        keyword_rules = []
        _keyword_rules = d.pop("keyword_rules")
        for keyword_rules_item_data in (_keyword_rules):
            keyword_rules_item = KeywordRuleDoc.from_dict(keyword_rules_item_data)



            keyword_rules.append(keyword_rules_item)


        _type_rules = d.pop("type_rules", UNSET)
        type_rules: list[TypeRuleDoc] | Unset = UNSET
        if _type_rules is not UNSET:
            type_rules = []
            for type_rules_item_data in _type_rules:
                type_rules_item = TypeRuleDoc.from_dict(type_rules_item_data)



                type_rules.append(type_rules_item)


        _default_priority = d.pop("default_priority", UNSET)
        default_priority: Priority | Unset
        if isinstance(_default_priority,  Unset):
            default_priority = UNSET
        else:
            default_priority = Priority(_default_priority)




        priority_rules_out = cls(
            version=version,
            created_by=created_by,
            created_at=created_at,
            keyword_rules=keyword_rules,
            type_rules=type_rules,
            default_priority=default_priority,
        )


        priority_rules_out.additional_properties = d
        return priority_rules_out

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
