from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.schedule_out_cadence_additional_property_type_0 import ScheduleOutCadenceAdditionalPropertyType0
from typing import cast






T = TypeVar("T", bound="ScheduleOutCadence")



@_attrs_define
class ScheduleOutCadence:
    

    additional_properties: dict[str, None | ScheduleOutCadenceAdditionalPropertyType0] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        
        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            
            if isinstance(prop, ScheduleOutCadenceAdditionalPropertyType0):
                field_dict[prop_name] = prop.value
            else:
                field_dict[prop_name] = prop


        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        schedule_out_cadence = cls(
        )


        additional_properties = {}
        for prop_name, prop_dict in d.items():
            def _parse_additional_property(data: object) -> None | ScheduleOutCadenceAdditionalPropertyType0:
                if data is None:
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    additional_property_type_0 = ScheduleOutCadenceAdditionalPropertyType0(data)



                    return additional_property_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | ScheduleOutCadenceAdditionalPropertyType0, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        schedule_out_cadence.additional_properties = additional_properties
        return schedule_out_cadence

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> None | ScheduleOutCadenceAdditionalPropertyType0:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: None | ScheduleOutCadenceAdditionalPropertyType0) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
