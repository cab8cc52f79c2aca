from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.caps_doc import CapsDoc





T = TypeVar("T", bound="SlaPolicyDocTierCaps")



@_attrs_define
class SlaPolicyDocTierCaps:
    

    additional_properties: dict[str, CapsDoc] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.caps_doc import CapsDoc # noqa: PLC0415
        
        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()


        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.caps_doc import CapsDoc # noqa: PLC0415
        d = dict(src_dict)
        sla_policy_doc_tier_caps = cls(
        )


        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = CapsDoc.from_dict(prop_dict)



            additional_properties[prop_name] = additional_property

        sla_policy_doc_tier_caps.additional_properties = additional_properties
        return sla_policy_doc_tier_caps

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> CapsDoc:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: CapsDoc) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
