from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.bounce_out_message_status import BounceOutMessageStatus
from ..models.bounce_out_outcome_type_0 import BounceOutOutcomeType0
from typing import cast






T = TypeVar("T", bound="BounceOut")



@_attrs_define
class BounceOut:
    """ 
        Attributes:
            message_id (str): The message the report is about
            outcome (BounceOutOutcomeType0 | None): bounced: failed with a 5.x.x status; delayed (or failed-transient, a
                4.x.x failure): noted in the history; delivered: delivered or relayed; null: nothing to apply
            dsn_status (None | str): The RFC 3463 status code reported, e.g. 5.1.1
            changed (bool): False when the message already showed this report
            message_status (BounceOutMessageStatus):
     """

    message_id: str
    outcome: BounceOutOutcomeType0 | None
    dsn_status: None | str
    changed: bool
    message_status: BounceOutMessageStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        message_id = self.message_id

        outcome: None | str
        if isinstance(self.outcome, BounceOutOutcomeType0):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        dsn_status: None | str
        dsn_status = self.dsn_status

        changed = self.changed

        message_status = self.message_status.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "message_id": message_id,
            "outcome": outcome,
            "dsn_status": dsn_status,
            "changed": changed,
            "message_status": message_status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message_id = d.pop("message_id")

        def _parse_outcome(data: object) -> BounceOutOutcomeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = BounceOutOutcomeType0(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BounceOutOutcomeType0 | None, data)

        outcome = _parse_outcome(d.pop("outcome"))


        def _parse_dsn_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dsn_status = _parse_dsn_status(d.pop("dsn_status"))


        changed = d.pop("changed")

        message_status = BounceOutMessageStatus(d.pop("message_status"))




        bounce_out = cls(
            message_id=message_id,
            outcome=outcome,
            dsn_status=dsn_status,
            changed=changed,
            message_status=message_status,
        )


        bounce_out.additional_properties = d
        return bounce_out

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
