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
  from ..models.history_out_detail import HistoryOutDetail





T = TypeVar("T", bound="HistoryOut")



@_attrs_define
class HistoryOut:
    """ 
        Attributes:
            at (datetime.datetime):
            actor (str):
            action (str):
            from_status (None | str | Unset):
            to_status (None | str | Unset):
            detail (HistoryOutDetail | Unset):
     """

    at: datetime.datetime
    actor: str
    action: str
    from_status: None | str | Unset = UNSET
    to_status: None | str | Unset = UNSET
    detail: HistoryOutDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.history_out_detail import HistoryOutDetail # noqa: PLC0415
        at = self.at.isoformat()

        actor = self.actor

        action = self.action

        from_status: None | str | Unset
        if isinstance(self.from_status, Unset):
            from_status = UNSET
        else:
            from_status = self.from_status

        to_status: None | str | Unset
        if isinstance(self.to_status, Unset):
            to_status = UNSET
        else:
            to_status = self.to_status

        detail: dict[str, Any] | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = self.detail.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "at": at,
            "actor": actor,
            "action": action,
        })
        if from_status is not UNSET:
            field_dict["from_status"] = from_status
        if to_status is not UNSET:
            field_dict["to_status"] = to_status
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_out_detail import HistoryOutDetail # noqa: PLC0415
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))




        actor = d.pop("actor")

        action = d.pop("action")

        def _parse_from_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_status = _parse_from_status(d.pop("from_status", UNSET))


        def _parse_to_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_status = _parse_to_status(d.pop("to_status", UNSET))


        _detail = d.pop("detail", UNSET)
        detail: HistoryOutDetail | Unset
        if isinstance(_detail,  Unset):
            detail = UNSET
        else:
            detail = HistoryOutDetail.from_dict(_detail)




        history_out = cls(
            at=at,
            actor=actor,
            action=action,
            from_status=from_status,
            to_status=to_status,
            detail=detail,
        )


        history_out.additional_properties = d
        return history_out

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
