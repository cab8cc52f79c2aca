from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.erasure_confirmation_out import ErasureConfirmationOut





T = TypeVar("T", bound="ErasureOut")



@_attrs_define
class ErasureOut:
    """ 
        Attributes:
            id (str):
            customer_id (str):
            reason (str):
            requested_by (str):
            requested_at (datetime.datetime):
            completed_at (datetime.datetime | None): When the last service confirmed
            status (str): in-progress, or complete once every service confirmed
            confirmations (list[ErasureConfirmationOut]):
            waiting_for (list[str]): Services that have not confirmed yet
     """

    id: str
    customer_id: str
    reason: str
    requested_by: str
    requested_at: datetime.datetime
    completed_at: datetime.datetime | None
    status: str
    confirmations: list[ErasureConfirmationOut]
    waiting_for: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.erasure_confirmation_out import ErasureConfirmationOut # noqa: PLC0415
        id = self.id

        customer_id = self.customer_id

        reason = self.reason

        requested_by = self.requested_by

        requested_at = self.requested_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        status = self.status

        confirmations = []
        for confirmations_item_data in self.confirmations:
            confirmations_item = confirmations_item_data.to_dict()
            confirmations.append(confirmations_item)



        waiting_for = self.waiting_for




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "reason": reason,
            "requested_by": requested_by,
            "requested_at": requested_at,
            "completed_at": completed_at,
            "status": status,
            "confirmations": confirmations,
            "waiting_for": waiting_for,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.erasure_confirmation_out import ErasureConfirmationOut # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        customer_id = d.pop("customer_id")

        reason = d.pop("reason")

        requested_by = d.pop("requested_by")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))




        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)



                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))


        status = d.pop("status")

        confirmations = []
        _confirmations = d.pop("confirmations")
        for confirmations_item_data in (_confirmations):
            confirmations_item = ErasureConfirmationOut.from_dict(confirmations_item_data)



            confirmations.append(confirmations_item)


        waiting_for = cast(list[str], d.pop("waiting_for"))


        erasure_out = cls(
            id=id,
            customer_id=customer_id,
            reason=reason,
            requested_by=requested_by,
            requested_at=requested_at,
            completed_at=completed_at,
            status=status,
            confirmations=confirmations,
            waiting_for=waiting_for,
        )


        erasure_out.additional_properties = d
        return erasure_out

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
