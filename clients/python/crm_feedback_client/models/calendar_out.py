from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CalendarOut")



@_attrs_define
class CalendarOut:
    """ 
        Attributes:
            version (int):
            created_by (str):
            created_at (datetime.datetime):
            timezone (str | Unset):  Default: 'Asia/Shanghai'.
            work_start (str | Unset):  Default: '09:00'.
            work_end (str | Unset):  Default: '18:00'.
            holidays (list[str] | Unset): Extra days off
            workdays (list[str] | Unset): Extra working days
            use_chinese_calendar (bool | Unset):  Default: True.
     """

    version: int
    created_by: str
    created_at: datetime.datetime
    timezone: str | Unset = 'Asia/Shanghai'
    work_start: str | Unset = '09:00'
    work_end: str | Unset = '18:00'
    holidays: list[str] | Unset = UNSET
    workdays: list[str] | Unset = UNSET
    use_chinese_calendar: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        version = self.version

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        timezone = self.timezone

        work_start = self.work_start

        work_end = self.work_end

        holidays: list[str] | Unset = UNSET
        if not isinstance(self.holidays, Unset):
            holidays = self.holidays



        workdays: list[str] | Unset = UNSET
        if not isinstance(self.workdays, Unset):
            workdays = self.workdays



        use_chinese_calendar = self.use_chinese_calendar


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_by": created_by,
            "created_at": created_at,
        })
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if work_start is not UNSET:
            field_dict["work_start"] = work_start
        if work_end is not UNSET:
            field_dict["work_end"] = work_end
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if workdays is not UNSET:
            field_dict["workdays"] = workdays
        if use_chinese_calendar is not UNSET:
            field_dict["use_chinese_calendar"] = use_chinese_calendar

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        timezone = d.pop("timezone", UNSET)

        work_start = d.pop("work_start", UNSET)

        work_end = d.pop("work_end", UNSET)

        holidays = cast(list[str], d.pop("holidays", UNSET))


        workdays = cast(list[str], d.pop("workdays", UNSET))


        use_chinese_calendar = d.pop("use_chinese_calendar", UNSET)

        calendar_out = cls(
            version=version,
            created_by=created_by,
            created_at=created_at,
            timezone=timezone,
            work_start=work_start,
            work_end=work_end,
            holidays=holidays,
            workdays=workdays,
            use_chinese_calendar=use_chinese_calendar,
        )


        calendar_out.additional_properties = d
        return calendar_out

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
