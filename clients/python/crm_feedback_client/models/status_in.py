from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.status_in_status import StatusInStatus
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="StatusIn")



@_attrs_define
class StatusIn:
    """ 
        Attributes:
            status (StatusInStatus): `pending_customer` pauses the SLA clocks; `on_hold` (waiting on a third party) leaves
                them running; `in_progress` resumes the work
            note (None | str | Unset):
     """

    status: StatusInStatus
    note: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "status": status,
        })
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = StatusInStatus(d.pop("status"))




        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))


        status_in = cls(
            status=status,
            note=note,
        )

        return status_in

