from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="CareScheduleOut")



@_attrs_define
class CareScheduleOut:
    """ The numbers of the playbook's calendar an admin edits (docs/design.md §9), as one version.

        Attributes:
            version (int):
            created_at (datetime.datetime):
            created_by (str):
            presence_check_days (int): a high-value customer with no completed contact in this many days gets a presence
                contact for its owner (at most one a month)
            digest_at_risk_days (int): the Monday digest lists the owner's customers with a churn-risk warning in this many
                days
     """

    version: int
    created_at: datetime.datetime
    created_by: str
    presence_check_days: int
    digest_at_risk_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        version = self.version

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        presence_check_days = self.presence_check_days

        digest_at_risk_days = self.digest_at_risk_days


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_at": created_at,
            "created_by": created_by,
            "presence_check_days": presence_check_days,
            "digest_at_risk_days": digest_at_risk_days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        created_by = d.pop("created_by")

        presence_check_days = d.pop("presence_check_days")

        digest_at_risk_days = d.pop("digest_at_risk_days")

        care_schedule_out = cls(
            version=version,
            created_at=created_at,
            created_by=created_by,
            presence_check_days=presence_check_days,
            digest_at_risk_days=digest_at_risk_days,
        )


        care_schedule_out.additional_properties = d
        return care_schedule_out

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
