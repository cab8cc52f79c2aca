from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="RecurringOut")



@_attrs_define
class RecurringOut:
    """ One recurring action of the customer's current tier and quadrant, planned ahead.

        Attributes:
            kind (str):
            rule_id (str):
            cadence (str):
            period (str): the current period of the business calendar, e.g. 2026-Q4
            action_id (None | str): this period's action, once made
            status (None | str):
            due_at (datetime.datetime):
            next_due_at (datetime.datetime): when the same action falls due in the next period
     """

    kind: str
    rule_id: str
    cadence: str
    period: str
    action_id: None | str
    status: None | str
    due_at: datetime.datetime
    next_due_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        rule_id = self.rule_id

        cadence = self.cadence

        period = self.period

        action_id: None | str
        action_id = self.action_id

        status: None | str
        status = self.status

        due_at = self.due_at.isoformat()

        next_due_at = self.next_due_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "rule_id": rule_id,
            "cadence": cadence,
            "period": period,
            "action_id": action_id,
            "status": status,
            "due_at": due_at,
            "next_due_at": next_due_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = d.pop("kind")

        rule_id = d.pop("rule_id")

        cadence = d.pop("cadence")

        period = d.pop("period")

        def _parse_action_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        action_id = _parse_action_id(d.pop("action_id"))


        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.pop("status"))


        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        next_due_at = datetime.datetime.fromisoformat(d.pop("next_due_at"))




        recurring_out = cls(
            kind=kind,
            rule_id=rule_id,
            cadence=cadence,
            period=period,
            action_id=action_id,
            status=status,
            due_at=due_at,
            next_due_at=next_due_at,
        )


        recurring_out.additional_properties = d
        return recurring_out

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
