from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.interaction_kind import InteractionKind
from typing import cast
import datetime






T = TypeVar("T", bound="InteractionOut")



@_attrs_define
class InteractionOut:
    """ 
        Attributes:
            id (int):
            customer_id (str):
            kind (InteractionKind):
            occurred_at (datetime.datetime):
            opened (bool | None):
     """

    id: int
    customer_id: str
    kind: InteractionKind
    occurred_at: datetime.datetime
    opened: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        customer_id = self.customer_id

        kind = self.kind.value

        occurred_at = self.occurred_at.isoformat()

        opened: bool | None
        opened = self.opened


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "kind": kind,
            "occurred_at": occurred_at,
            "opened": opened,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        customer_id = d.pop("customer_id")

        kind = InteractionKind(d.pop("kind"))




        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        def _parse_opened(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        opened = _parse_opened(d.pop("opened"))


        interaction_out = cls(
            id=id,
            customer_id=customer_id,
            kind=kind,
            occurred_at=occurred_at,
            opened=opened,
        )


        interaction_out.additional_properties = d
        return interaction_out

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
