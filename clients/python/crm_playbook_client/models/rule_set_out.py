from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.rule_set_out_rules_item import RuleSetOutRulesItem





T = TypeVar("T", bound="RuleSetOut")



@_attrs_define
class RuleSetOut:
    """ 
        Attributes:
            version (int):
            created_at (datetime.datetime):
            created_by (str):
            rules (list[RuleSetOutRulesItem]):
     """

    version: int
    created_at: datetime.datetime
    created_by: str
    rules: list[RuleSetOutRulesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_set_out_rules_item import RuleSetOutRulesItem # noqa: PLC0415
        version = self.version

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_at": created_at,
            "created_by": created_by,
            "rules": rules,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_set_out_rules_item import RuleSetOutRulesItem # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        created_by = d.pop("created_by")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in (_rules):
            rules_item = RuleSetOutRulesItem.from_dict(rules_item_data)



            rules.append(rules_item)


        rule_set_out = cls(
            version=version,
            created_at=created_at,
            created_by=created_by,
            rules=rules,
        )


        rule_set_out.additional_properties = d
        return rule_set_out

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
