from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0





T = TypeVar("T", bound="ScheduleRunOut")



@_attrs_define
class ScheduleRunOut:
    """ 
        Attributes:
            period_start (datetime.datetime): Start of the period the run covers
            period_end (datetime.datetime):
            due_at (datetime.datetime):
            status (str): running, done or failed (retried at next_attempt_at)
            attempts (int):
            started_at (datetime.datetime): The service clock's time when the run began
            finished_at (datetime.datetime | None):
            next_attempt_at (datetime.datetime | None): For a failed run: when it is retried
            outcome (None | ScheduleRunOutOutcomeType0): What the run did (counts), as the job reports it
            error (None | str):
     """

    period_start: datetime.datetime
    period_end: datetime.datetime
    due_at: datetime.datetime
    status: str
    attempts: int
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    next_attempt_at: datetime.datetime | None
    outcome: None | ScheduleRunOutOutcomeType0
    error: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0 # noqa: PLC0415
        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        due_at = self.due_at.isoformat()

        status = self.status

        attempts = self.attempts

        started_at = self.started_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        outcome: dict[str, Any] | None
        if isinstance(self.outcome, ScheduleRunOutOutcomeType0):
            outcome = self.outcome.to_dict()
        else:
            outcome = self.outcome

        error: None | str
        error = self.error


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "period_start": period_start,
            "period_end": period_end,
            "due_at": due_at,
            "status": status,
            "attempts": attempts,
            "started_at": started_at,
            "finished_at": finished_at,
            "next_attempt_at": next_attempt_at,
            "outcome": outcome,
            "error": error,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_run_out_outcome_type_0 import ScheduleRunOutOutcomeType0 # noqa: PLC0415
        d = dict(src_dict)
        period_start = datetime.datetime.fromisoformat(d.pop("period_start"))




        period_end = datetime.datetime.fromisoformat(d.pop("period_end"))




        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        status = d.pop("status")

        attempts = d.pop("attempts")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))


        def _parse_outcome(data: object) -> None | ScheduleRunOutOutcomeType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                outcome_type_0 = ScheduleRunOutOutcomeType0.from_dict(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScheduleRunOutOutcomeType0, data)

        outcome = _parse_outcome(d.pop("outcome"))


        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        schedule_run_out = cls(
            period_start=period_start,
            period_end=period_end,
            due_at=due_at,
            status=status,
            attempts=attempts,
            started_at=started_at,
            finished_at=finished_at,
            next_attempt_at=next_attempt_at,
            outcome=outcome,
            error=error,
        )


        schedule_run_out.additional_properties = d
        return schedule_run_out

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
