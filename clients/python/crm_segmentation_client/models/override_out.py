from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="OverrideOut")



@_attrs_define
class OverrideOut:
    """ 
        Attributes:
            id (str):
            customer_id (str):
            tier (Tier):
            reason (str):
            status (str):
            proposed_by (str):
            proposed_at (datetime.datetime):
            expires_at (datetime.datetime):
            decided_by (None | str | Unset):
            decided_at (datetime.datetime | None | Unset):
            decision_note (None | str | Unset):
     """

    id: str
    customer_id: str
    tier: Tier
    reason: str
    status: str
    proposed_by: str
    proposed_at: datetime.datetime
    expires_at: datetime.datetime
    decided_by: None | str | Unset = UNSET
    decided_at: datetime.datetime | None | Unset = UNSET
    decision_note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        customer_id = self.customer_id

        tier = self.tier.value

        reason = self.reason

        status = self.status

        proposed_by = self.proposed_by

        proposed_at = self.proposed_at.isoformat()

        expires_at = self.expires_at.isoformat()

        decided_by: None | str | Unset
        if isinstance(self.decided_by, Unset):
            decided_by = UNSET
        else:
            decided_by = self.decided_by

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        elif isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_note: None | str | Unset
        if isinstance(self.decision_note, Unset):
            decision_note = UNSET
        else:
            decision_note = self.decision_note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "tier": tier,
            "reason": reason,
            "status": status,
            "proposed_by": proposed_by,
            "proposed_at": proposed_at,
            "expires_at": expires_at,
        })
        if decided_by is not UNSET:
            field_dict["decided_by"] = decided_by
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if decision_note is not UNSET:
            field_dict["decision_note"] = decision_note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        customer_id = d.pop("customer_id")

        tier = Tier(d.pop("tier"))




        reason = d.pop("reason")

        status = d.pop("status")

        proposed_by = d.pop("proposed_by")

        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))




        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        def _parse_decided_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decided_by = _parse_decided_by(d.pop("decided_by", UNSET))


        def _parse_decided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)



                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        decided_at = _parse_decided_at(d.pop("decided_at", UNSET))


        def _parse_decision_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_note = _parse_decision_note(d.pop("decision_note", UNSET))


        override_out = cls(
            id=id,
            customer_id=customer_id,
            tier=tier,
            reason=reason,
            status=status,
            proposed_by=proposed_by,
            proposed_at=proposed_at,
            expires_at=expires_at,
            decided_by=decided_by,
            decided_at=decided_at,
            decision_note=decision_note,
        )


        override_out.additional_properties = d
        return override_out

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
