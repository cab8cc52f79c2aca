from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.rule_out_rule import RuleOutRule





T = TypeVar("T", bound="RuleOut")



@_attrs_define
class RuleOut:
    """ 
        Attributes:
            version (int):
            rule (RuleOutRule):
     """

    version: int
    rule: RuleOutRule
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_out_rule import RuleOutRule # noqa: PLC0415
        version = self.version

        rule = self.rule.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "rule": rule,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_out_rule import RuleOutRule # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        rule = RuleOutRule.from_dict(d.pop("rule"))




        rule_out = cls(
            version=version,
            rule=rule,
        )


        rule_out.additional_properties = d
        return rule_out

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
