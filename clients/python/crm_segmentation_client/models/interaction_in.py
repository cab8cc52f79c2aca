from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.interaction_kind import InteractionKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="InteractionIn")



@_attrs_define
class InteractionIn:
    """ 
        Attributes:
            kind (InteractionKind):
            occurred_at (datetime.datetime):
            opened (bool | None | Unset): For messages: opened or not
     """

    kind: InteractionKind
    occurred_at: datetime.datetime
    opened: bool | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        occurred_at = self.occurred_at.isoformat()

        opened: bool | None | Unset
        if isinstance(self.opened, Unset):
            opened = UNSET
        else:
            opened = self.opened


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "occurred_at": occurred_at,
        })
        if opened is not UNSET:
            field_dict["opened"] = opened

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = InteractionKind(d.pop("kind"))




        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        def _parse_opened(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        opened = _parse_opened(d.pop("opened", UNSET))


        interaction_in = cls(
            kind=kind,
            occurred_at=occurred_at,
            opened=opened,
        )

        return interaction_in

