from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.schedule_out_cadence import ScheduleOutCadence





T = TypeVar("T", bound="ScheduleOut")



@_attrs_define
class ScheduleOut:
    """ 
        Attributes:
            version (int):
            created_by (str):
            created_at (datetime.datetime):
            cadence (ScheduleOutCadence):
            survey_id (str):
            reminder_after_days (list[int]):
            fatigue_days (int):
            coverage_target (float):
            verification_reminder_after_days (int | None):
            invitation_expires_in_days (int):
     """

    version: int
    created_by: str
    created_at: datetime.datetime
    cadence: ScheduleOutCadence
    survey_id: str
    reminder_after_days: list[int]
    fatigue_days: int
    coverage_target: float
    verification_reminder_after_days: int | None
    invitation_expires_in_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.schedule_out_cadence import ScheduleOutCadence # noqa: PLC0415
        version = self.version

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        cadence = self.cadence.to_dict()

        survey_id = self.survey_id

        reminder_after_days = self.reminder_after_days



        fatigue_days = self.fatigue_days

        coverage_target = self.coverage_target

        verification_reminder_after_days: int | None
        verification_reminder_after_days = self.verification_reminder_after_days

        invitation_expires_in_days = self.invitation_expires_in_days


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "created_by": created_by,
            "created_at": created_at,
            "cadence": cadence,
            "survey_id": survey_id,
            "reminder_after_days": reminder_after_days,
            "fatigue_days": fatigue_days,
            "coverage_target": coverage_target,
            "verification_reminder_after_days": verification_reminder_after_days,
            "invitation_expires_in_days": invitation_expires_in_days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_out_cadence import ScheduleOutCadence # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        cadence = ScheduleOutCadence.from_dict(d.pop("cadence"))




        survey_id = d.pop("survey_id")

        reminder_after_days = cast(list[int], d.pop("reminder_after_days"))


        fatigue_days = d.pop("fatigue_days")

        coverage_target = d.pop("coverage_target")

        def _parse_verification_reminder_after_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        verification_reminder_after_days = _parse_verification_reminder_after_days(d.pop("verification_reminder_after_days"))


        invitation_expires_in_days = d.pop("invitation_expires_in_days")

        schedule_out = cls(
            version=version,
            created_by=created_by,
            created_at=created_at,
            cadence=cadence,
            survey_id=survey_id,
            reminder_after_days=reminder_after_days,
            fatigue_days=fatigue_days,
            coverage_target=coverage_target,
            verification_reminder_after_days=verification_reminder_after_days,
            invitation_expires_in_days=invitation_expires_in_days,
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
