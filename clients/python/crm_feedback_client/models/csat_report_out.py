from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.csat_report_out_by import CsatReportOutBy
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.csat_group_out import CsatGroupOut
  from ..models.csat_report_out_definitions import CsatReportOutDefinitions





T = TypeVar("T", bound="CsatReportOut")



@_attrs_define
class CsatReportOut:
    """ 
        Attributes:
            month (str):
            by (CsatReportOutBy):
            generated_at (datetime.datetime):
            overall (CsatGroupOut):
            groups (list[CsatGroupOut]):
            definitions (CsatReportOutDefinitions):
     """

    month: str
    by: CsatReportOutBy
    generated_at: datetime.datetime
    overall: CsatGroupOut
    groups: list[CsatGroupOut]
    definitions: CsatReportOutDefinitions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.csat_group_out import CsatGroupOut # noqa: PLC0415
        from ..models.csat_report_out_definitions import CsatReportOutDefinitions # noqa: PLC0415
        month = self.month

        by = self.by.value

        generated_at = self.generated_at.isoformat()

        overall = self.overall.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)



        definitions = self.definitions.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month": month,
            "by": by,
            "generated_at": generated_at,
            "overall": overall,
            "groups": groups,
            "definitions": definitions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_group_out import CsatGroupOut # noqa: PLC0415
        from ..models.csat_report_out_definitions import CsatReportOutDefinitions # noqa: PLC0415
        d = dict(src_dict)
        month = d.pop("month")

        by = CsatReportOutBy(d.pop("by"))




        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))




        overall = CsatGroupOut.from_dict(d.pop("overall"))




        groups = []
        _groups = d.pop("groups")
        for groups_item_data in (_groups):
            groups_item = CsatGroupOut.from_dict(groups_item_data)



            groups.append(groups_item)


        definitions = CsatReportOutDefinitions.from_dict(d.pop("definitions"))




        csat_report_out = cls(
            month=month,
            by=by,
            generated_at=generated_at,
            overall=overall,
            groups=groups,
            definitions=definitions,
        )


        csat_report_out.additional_properties = d
        return csat_report_out

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
