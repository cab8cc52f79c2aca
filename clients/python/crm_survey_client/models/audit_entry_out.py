from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.audit_entry_out_detail_type_0 import AuditEntryOutDetailType0





T = TypeVar("T", bound="AuditEntryOut")



@_attrs_define
class AuditEntryOut:
    """ 
        Attributes:
            id (str):
            at (datetime.datetime):
            actor (str): The `sub` of the token that made the change or read
            action (str): created, changed, deleted, decided, erased or read-personal-data
            entity (str): What kind of thing: customer, contact, sla-policy, template, ...
            entity_id (None | str):
            before (Any | Unset): For a configuration change: the document before
            after (Any | Unset): For a configuration change: the document after
            detail (AuditEntryOutDetailType0 | None | Unset):
     """

    id: str
    at: datetime.datetime
    actor: str
    action: str
    entity: str
    entity_id: None | str
    before: Any | Unset = UNSET
    after: Any | Unset = UNSET
    detail: AuditEntryOutDetailType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_out_detail_type_0 import AuditEntryOutDetailType0 # noqa: PLC0415
        id = self.id

        at = self.at.isoformat()

        actor = self.actor

        action = self.action

        entity = self.entity

        entity_id: None | str
        entity_id = self.entity_id

        before = self.before

        after = self.after

        detail: dict[str, Any] | None | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        elif isinstance(self.detail, AuditEntryOutDetailType0):
            detail = self.detail.to_dict()
        else:
            detail = self.detail


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "at": at,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
        })
        if before is not UNSET:
            field_dict["before"] = before
        if after is not UNSET:
            field_dict["after"] = after
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_out_detail_type_0 import AuditEntryOutDetailType0 # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        actor = d.pop("actor")

        action = d.pop("action")

        entity = d.pop("entity")

        def _parse_entity_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        entity_id = _parse_entity_id(d.pop("entity_id"))


        before = d.pop("before", UNSET)

        after = d.pop("after", UNSET)

        def _parse_detail(data: object) -> AuditEntryOutDetailType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                detail_type_0 = AuditEntryOutDetailType0.from_dict(data)



                return detail_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryOutDetailType0 | None | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))


        audit_entry_out = cls(
            id=id,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            detail=detail,
        )


        audit_entry_out.additional_properties = d
        return audit_entry_out

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
