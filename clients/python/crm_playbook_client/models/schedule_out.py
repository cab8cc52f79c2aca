from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.schedule_out_times import ScheduleOutTimes
  from ..models.schedule_run_out import ScheduleRunOut





T = TypeVar("T", bound="ScheduleOut")



@_attrs_define
class ScheduleOut:
    """ 
        Attributes:
            name (str):
            description (str):
            recurrence (str): When it runs, in the business time zone
            times (ScheduleOutTimes): What an admin may change (PUT /v1/schedules/{name}): `at` (HH:MM) for a daily, weekly
                or monthly job, `weekday` for a weekly one, `day_of_month` (1-28, the day after the period closes on which it
                runs) for a monthly, quarterly, half-yearly or yearly one, `every_minutes` for an interval job
            times_version (int | None): Version of the job's times (its ETag is "schedule:<name>.<version>")
            catch_up (str): each: every missed period is run; latest: only the newest
            time_zone (str):
            last_run (None | ScheduleRunOut):
            next_run_at (datetime.datetime): When the next run falls due; in the past means now
     """

    name: str
    description: str
    recurrence: str
    times: ScheduleOutTimes
    times_version: int | None
    catch_up: str
    time_zone: str
    last_run: None | ScheduleRunOut
    next_run_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.schedule_out_times import ScheduleOutTimes # noqa: PLC0415
        from ..models.schedule_run_out import ScheduleRunOut # noqa: PLC0415
        name = self.name

        description = self.description

        recurrence = self.recurrence

        times = self.times.to_dict()

        times_version: int | None
        times_version = self.times_version

        catch_up = self.catch_up

        time_zone = self.time_zone

        last_run: dict[str, Any] | None
        if isinstance(self.last_run, ScheduleRunOut):
            last_run = self.last_run.to_dict()
        else:
            last_run = self.last_run

        next_run_at = self.next_run_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "description": description,
            "recurrence": recurrence,
            "times": times,
            "times_version": times_version,
            "catch_up": catch_up,
            "time_zone": time_zone,
            "last_run": last_run,
            "next_run_at": next_run_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_out_times import ScheduleOutTimes # noqa: PLC0415
        from ..models.schedule_run_out import ScheduleRunOut # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        recurrence = d.pop("recurrence")

        times = ScheduleOutTimes.from_dict(d.pop("times"))




        def _parse_times_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        times_version = _parse_times_version(d.pop("times_version"))


        catch_up = d.pop("catch_up")

        time_zone = d.pop("time_zone")

        def _parse_last_run(data: object) -> None | ScheduleRunOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_run_type_0 = ScheduleRunOut.from_dict(data)



                return last_run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScheduleRunOut, data)

        last_run = _parse_last_run(d.pop("last_run"))


        next_run_at = datetime.datetime.fromisoformat(d.pop("next_run_at"))




        schedule_out = cls(
            name=name,
            description=description,
            recurrence=recurrence,
            times=times,
            times_version=times_version,
            catch_up=catch_up,
            time_zone=time_zone,
            last_run=last_run,
            next_run_at=next_run_at,
        )


        schedule_out.additional_properties = d
        return schedule_out

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
