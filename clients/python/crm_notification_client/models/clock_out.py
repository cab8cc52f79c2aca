from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ClockOut")



@_attrs_define
class ClockOut:
    """ 
        Attributes:
            now (datetime.datetime): The service's time, which its schedules follow
            real_now (datetime.datetime):
            offset_seconds (float): How far the test clock runs ahead of real time
            time_zone (str): The business time zone of day, week and month boundaries
            business_time (str): `now` as wall time in the business time zone
            moved_at (datetime.datetime | None):
            moved_by (None | str):
     """

    now: datetime.datetime
    real_now: datetime.datetime
    offset_seconds: float
    time_zone: str
    business_time: str
    moved_at: datetime.datetime | None
    moved_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        now = self.now.isoformat()

        real_now = self.real_now.isoformat()

        offset_seconds = self.offset_seconds

        time_zone = self.time_zone

        business_time = self.business_time

        moved_at: None | str
        if isinstance(self.moved_at, datetime.datetime):
            moved_at = self.moved_at.isoformat()
        else:
            moved_at = self.moved_at

        moved_by: None | str
        moved_by = self.moved_by


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "now": now,
            "real_now": real_now,
            "offset_seconds": offset_seconds,
            "time_zone": time_zone,
            "business_time": business_time,
            "moved_at": moved_at,
            "moved_by": moved_by,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        now = datetime.datetime.fromisoformat(d.pop("now"))




        real_now = datetime.datetime.fromisoformat(d.pop("real_now"))




        offset_seconds = d.pop("offset_seconds")

        time_zone = d.pop("time_zone")

        business_time = d.pop("business_time")

        def _parse_moved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                moved_at_type_0 = datetime.datetime.fromisoformat(data)



                return moved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        moved_at = _parse_moved_at(d.pop("moved_at"))


        def _parse_moved_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        moved_by = _parse_moved_by(d.pop("moved_by"))


        clock_out = cls(
            now=now,
            real_now=real_now,
            offset_seconds=offset_seconds,
            time_zone=time_zone,
            business_time=business_time,
            moved_at=moved_at,
            moved_by=moved_by,
        )


        clock_out.additional_properties = d
        return clock_out

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
