from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.results_out_by import ResultsOutBy
from typing import cast

if TYPE_CHECKING:
  from ..models.gap_out import GapOut
  from ..models.group_out import GroupOut





T = TypeVar("T", bound="ResultsOut")



@_attrs_define
class ResultsOut:
    """ 
        Attributes:
            survey_id (str):
            by (ResultsOutBy):
            overall (GroupOut):
            groups (list[GroupOut]):
            gaps (list[GapOut]):
     """

    survey_id: str
    by: ResultsOutBy
    overall: GroupOut
    groups: list[GroupOut]
    gaps: list[GapOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.gap_out import GapOut # noqa: PLC0415
        from ..models.group_out import GroupOut # noqa: PLC0415
        survey_id = self.survey_id

        by = self.by.value

        overall = self.overall.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)



        gaps = []
        for gaps_item_data in self.gaps:
            gaps_item = gaps_item_data.to_dict()
            gaps.append(gaps_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "survey_id": survey_id,
            "by": by,
            "overall": overall,
            "groups": groups,
            "gaps": gaps,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gap_out import GapOut # noqa: PLC0415
        from ..models.group_out import GroupOut # noqa: PLC0415
        d = dict(src_dict)
        survey_id = d.pop("survey_id")

        by = ResultsOutBy(d.pop("by"))




        overall = GroupOut.from_dict(d.pop("overall"))




        groups = []
        _groups = d.pop("groups")
        for groups_item_data in (_groups):
            groups_item = GroupOut.from_dict(groups_item_data)



            groups.append(groups_item)


        gaps = []
        _gaps = d.pop("gaps")
        for gaps_item_data in (_gaps):
            gaps_item = GapOut.from_dict(gaps_item_data)



            gaps.append(gaps_item)


        results_out = cls(
            survey_id=survey_id,
            by=by,
            overall=overall,
            groups=groups,
            gaps=gaps,
        )


        results_out.additional_properties = d
        return results_out

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
