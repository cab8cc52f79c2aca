from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ScheduleTimesIn")



@_attrs_define
class ScheduleTimesIn:
    """ A job's times; those left out take the job's defaults. Only the fields of the job's kind apply.

        Attributes:
            at (None | str | Unset): Time of day HH:MM in the business time zone
            weekday (None | str | Unset): Weekly jobs: Monday ... Sunday
            day_of_month (int | None | Unset): Monthly, quarterly, half-yearly and yearly jobs: the day (1-28) of the month
                after the period closes on which the job runs
            every_minutes (int | None | Unset): Interval jobs: every N minutes, 1-1440
     """

    at: None | str | Unset = UNSET
    weekday: None | str | Unset = UNSET
    day_of_month: int | None | Unset = UNSET
    every_minutes: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        else:
            at = self.at

        weekday: None | str | Unset
        if isinstance(self.weekday, Unset):
            weekday = UNSET
        else:
            weekday = self.weekday

        day_of_month: int | None | Unset
        if isinstance(self.day_of_month, Unset):
            day_of_month = UNSET
        else:
            day_of_month = self.day_of_month

        every_minutes: int | None | Unset
        if isinstance(self.every_minutes, Unset):
            every_minutes = UNSET
        else:
            every_minutes = self.every_minutes


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if at is not UNSET:
            field_dict["at"] = at
        if weekday is not UNSET:
            field_dict["weekday"] = weekday
        if day_of_month is not UNSET:
            field_dict["day_of_month"] = day_of_month
        if every_minutes is not UNSET:
            field_dict["every_minutes"] = every_minutes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        at = _parse_at(d.pop("at", UNSET))


        def _parse_weekday(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        weekday = _parse_weekday(d.pop("weekday", UNSET))


        def _parse_day_of_month(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        day_of_month = _parse_day_of_month(d.pop("day_of_month", UNSET))


        def _parse_every_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        every_minutes = _parse_every_minutes(d.pop("every_minutes", UNSET))


        schedule_times_in = cls(
            at=at,
            weekday=weekday,
            day_of_month=day_of_month,
            every_minutes=every_minutes,
        )

        return schedule_times_in

