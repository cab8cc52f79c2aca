from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CalendarDoc")



@_attrs_define
class CalendarDoc:
    """ 
        Attributes:
            timezone (str | Unset):  Default: 'Asia/Shanghai'.
            work_start (str | Unset):  Default: '09:00'.
            work_end (str | Unset):  Default: '18:00'.
            holidays (list[str] | Unset): Extra days off
            workdays (list[str] | Unset): Extra working days
            use_chinese_calendar (bool | Unset):  Default: True.
     """

    timezone: str | Unset = 'Asia/Shanghai'
    work_start: str | Unset = '09:00'
    work_end: str | Unset = '18:00'
    holidays: list[str] | Unset = UNSET
    workdays: list[str] | Unset = UNSET
    use_chinese_calendar: bool | Unset = True





    def to_dict(self) -> dict[str, Any]:
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

        field_dict.update({
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
        timezone = d.pop("timezone", UNSET)

        work_start = d.pop("work_start", UNSET)

        work_end = d.pop("work_end", UNSET)

        holidays = cast(list[str], d.pop("holidays", UNSET))


        workdays = cast(list[str], d.pop("workdays", UNSET))


        use_chinese_calendar = d.pop("use_chinese_calendar", UNSET)

        calendar_doc = cls(
            timezone=timezone,
            work_start=work_start,
            work_end=work_end,
            holidays=holidays,
            workdays=workdays,
            use_chinese_calendar=use_chinese_calendar,
        )

        return calendar_doc

