from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.erasure_confirmation_out_redacted import ErasureConfirmationOutRedacted





T = TypeVar("T", bound="ErasureConfirmationOut")



@_attrs_define
class ErasureConfirmationOut:
    """ 
        Attributes:
            service (str):
            confirmed_at (datetime.datetime):
            redacted (ErasureConfirmationOutRedacted): What the service redacted, as counts per kind of record
     """

    service: str
    confirmed_at: datetime.datetime
    redacted: ErasureConfirmationOutRedacted
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.erasure_confirmation_out_redacted import ErasureConfirmationOutRedacted # noqa: PLC0415
        service = self.service

        confirmed_at = self.confirmed_at.isoformat()

        redacted = self.redacted.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "service": service,
            "confirmed_at": confirmed_at,
            "redacted": redacted,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.erasure_confirmation_out_redacted import ErasureConfirmationOutRedacted # noqa: PLC0415
        d = dict(src_dict)
        service = d.pop("service")

        confirmed_at = datetime.datetime.fromisoformat(d.pop("confirmed_at"))




        redacted = ErasureConfirmationOutRedacted.from_dict(d.pop("redacted"))




        erasure_confirmation_out = cls(
            service=service,
            confirmed_at=confirmed_at,
            redacted=redacted,
        )


        erasure_confirmation_out.additional_properties = d
        return erasure_confirmation_out

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
