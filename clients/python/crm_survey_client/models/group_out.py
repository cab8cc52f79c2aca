from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.drop_off_out import DropOffOut
  from ..models.group_out_dimensions import GroupOutDimensions
  from ..models.group_out_gap_to_overall import GroupOutGapToOverall
  from ..models.group_out_levels import GroupOutLevels





T = TypeVar("T", bound="GroupOut")



@_attrs_define
class GroupOut:
    """ 
        Attributes:
            group (str):
            invited (int):
            responses (int):
            response_rate (float | None):
            satisfaction (float | None):
            dimensions (GroupOutDimensions):
            nps (float | None): % promoters - % detractors, -100..100
            csat (float | None): Share (0-1) of item answers that are 4 or 5
            levels (GroupOutLevels):
            opened (int): Invitations whose questions were fetched
            started (int): Invitations with at least one answer saved or sent
            completed (int): Invitations answered (the responses)
            drop_off (list[DropOffOut]): Per question in page order, then `submit`: where started invitations stopped
            gap_to_overall (GroupOutGapToOverall | Unset):
     """

    group: str
    invited: int
    responses: int
    response_rate: float | None
    satisfaction: float | None
    dimensions: GroupOutDimensions
    nps: float | None
    csat: float | None
    levels: GroupOutLevels
    opened: int
    started: int
    completed: int
    drop_off: list[DropOffOut]
    gap_to_overall: GroupOutGapToOverall | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.drop_off_out import DropOffOut # noqa: PLC0415
        from ..models.group_out_dimensions import GroupOutDimensions # noqa: PLC0415
        from ..models.group_out_gap_to_overall import GroupOutGapToOverall # noqa: PLC0415
        from ..models.group_out_levels import GroupOutLevels # noqa: PLC0415
        group = self.group

        invited = self.invited

        responses = self.responses

        response_rate: float | None
        response_rate = self.response_rate

        satisfaction: float | None
        satisfaction = self.satisfaction

        dimensions = self.dimensions.to_dict()

        nps: float | None
        nps = self.nps

        csat: float | None
        csat = self.csat

        levels = self.levels.to_dict()

        opened = self.opened

        started = self.started

        completed = self.completed

        drop_off = []
        for drop_off_item_data in self.drop_off:
            drop_off_item = drop_off_item_data.to_dict()
            drop_off.append(drop_off_item)



        gap_to_overall: dict[str, Any] | Unset = UNSET
        if not isinstance(self.gap_to_overall, Unset):
            gap_to_overall = self.gap_to_overall.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "group": group,
            "invited": invited,
            "responses": responses,
            "response_rate": response_rate,
            "satisfaction": satisfaction,
            "dimensions": dimensions,
            "nps": nps,
            "csat": csat,
            "levels": levels,
            "opened": opened,
            "started": started,
            "completed": completed,
            "drop_off": drop_off,
        })
        if gap_to_overall is not UNSET:
            field_dict["gap_to_overall"] = gap_to_overall

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.drop_off_out import DropOffOut # noqa: PLC0415
        from ..models.group_out_dimensions import GroupOutDimensions # noqa: PLC0415
        from ..models.group_out_gap_to_overall import GroupOutGapToOverall # noqa: PLC0415
        from ..models.group_out_levels import GroupOutLevels # noqa: PLC0415
        d = dict(src_dict)
        group = d.pop("group")

        invited = d.pop("invited")

        responses = d.pop("responses")

        def _parse_response_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        response_rate = _parse_response_rate(d.pop("response_rate"))


        def _parse_satisfaction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction"))


        dimensions = GroupOutDimensions.from_dict(d.pop("dimensions"))




        def _parse_nps(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        nps = _parse_nps(d.pop("nps"))


        def _parse_csat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat = _parse_csat(d.pop("csat"))


        levels = GroupOutLevels.from_dict(d.pop("levels"))




        opened = d.pop("opened")

        started = d.pop("started")

        completed = d.pop("completed")

        drop_off = []
        _drop_off = d.pop("drop_off")
        for drop_off_item_data in (_drop_off):
            drop_off_item = DropOffOut.from_dict(drop_off_item_data)



            drop_off.append(drop_off_item)


        _gap_to_overall = d.pop("gap_to_overall", UNSET)
        gap_to_overall: GroupOutGapToOverall | Unset
        if isinstance(_gap_to_overall,  Unset):
            gap_to_overall = UNSET
        else:
            gap_to_overall = GroupOutGapToOverall.from_dict(_gap_to_overall)




        group_out = cls(
            group=group,
            invited=invited,
            responses=responses,
            response_rate=response_rate,
            satisfaction=satisfaction,
            dimensions=dimensions,
            nps=nps,
            csat=csat,
            levels=levels,
            opened=opened,
            started=started,
            completed=completed,
            drop_off=drop_off,
            gap_to_overall=gap_to_overall,
        )


        group_out.additional_properties = d
        return group_out

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
