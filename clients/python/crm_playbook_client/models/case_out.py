from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.case_effect_out import CaseEffectOut





T = TypeVar("T", bound="CaseOut")



@_attrs_define
class CaseOut:
    """ 
        Attributes:
            id (str):
            title (str):
            customer_id (None | str):
            tier (None | str):
            quadrant (None | str):
            background (str):
            strategy (str):
            execution (str):
            effect (CaseEffectOut):
            lessons (str):
            tags (list[str]):
            created_by (str):
            created_at (datetime.datetime):
     """

    id: str
    title: str
    customer_id: None | str
    tier: None | str
    quadrant: None | str
    background: str
    strategy: str
    execution: str
    effect: CaseEffectOut
    lessons: str
    tags: list[str]
    created_by: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_effect_out import CaseEffectOut # noqa: PLC0415
        id = self.id

        title = self.title

        customer_id: None | str
        customer_id = self.customer_id

        tier: None | str
        tier = self.tier

        quadrant: None | str
        quadrant = self.quadrant

        background = self.background

        strategy = self.strategy

        execution = self.execution

        effect = self.effect.to_dict()

        lessons = self.lessons

        tags = self.tags



        created_by = self.created_by

        created_at = self.created_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "title": title,
            "customer_id": customer_id,
            "tier": tier,
            "quadrant": quadrant,
            "background": background,
            "strategy": strategy,
            "execution": execution,
            "effect": effect,
            "lessons": lessons,
            "tags": tags,
            "created_by": created_by,
            "created_at": created_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_effect_out import CaseEffectOut # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        def _parse_customer_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        customer_id = _parse_customer_id(d.pop("customer_id"))


        def _parse_tier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tier = _parse_tier(d.pop("tier"))


        def _parse_quadrant(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quadrant = _parse_quadrant(d.pop("quadrant"))


        background = d.pop("background")

        strategy = d.pop("strategy")

        execution = d.pop("execution")

        effect = CaseEffectOut.from_dict(d.pop("effect"))




        lessons = d.pop("lessons")

        tags = cast(list[str], d.pop("tags"))


        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        case_out = cls(
            id=id,
            title=title,
            customer_id=customer_id,
            tier=tier,
            quadrant=quadrant,
            background=background,
            strategy=strategy,
            execution=execution,
            effect=effect,
            lessons=lessons,
            tags=tags,
            created_by=created_by,
            created_at=created_at,
        )


        case_out.additional_properties = d
        return case_out

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
