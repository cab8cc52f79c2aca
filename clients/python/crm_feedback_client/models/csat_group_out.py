from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.csat_group_out_distribution import CsatGroupOutDistribution





T = TypeVar("T", bound="CsatGroupOut")



@_attrs_define
class CsatGroupOut:
    """ 
        Attributes:
            group (str): The agent, team or tier; `unknown` when none was recorded
            ratings (int):
            csat (float | None): Share (0-1) of ratings that are 4 or 5
            mean_rating (float | None):
            distribution (CsatGroupOutDistribution): Ratings per score, `1` to `5`
     """

    group: str
    ratings: int
    csat: float | None
    mean_rating: float | None
    distribution: CsatGroupOutDistribution
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.csat_group_out_distribution import CsatGroupOutDistribution # noqa: PLC0415
        group = self.group

        ratings = self.ratings

        csat: float | None
        csat = self.csat

        mean_rating: float | None
        mean_rating = self.mean_rating

        distribution = self.distribution.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "group": group,
            "ratings": ratings,
            "csat": csat,
            "mean_rating": mean_rating,
            "distribution": distribution,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_group_out_distribution import CsatGroupOutDistribution # noqa: PLC0415
        d = dict(src_dict)
        group = d.pop("group")

        ratings = d.pop("ratings")

        def _parse_csat(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        csat = _parse_csat(d.pop("csat"))


        def _parse_mean_rating(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_rating = _parse_mean_rating(d.pop("mean_rating"))


        distribution = CsatGroupOutDistribution.from_dict(d.pop("distribution"))




        csat_group_out = cls(
            group=group,
            ratings=ratings,
            csat=csat,
            mean_rating=mean_rating,
            distribution=distribution,
        )


        csat_group_out.additional_properties = d
        return csat_group_out

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
