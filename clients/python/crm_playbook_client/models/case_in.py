from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.case_in_quadrant_type_0 import CaseInQuadrantType0
from ..models.case_in_tier_type_0 import CaseInTierType0
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.case_effect import CaseEffect





T = TypeVar("T", bound="CaseIn")



@_attrs_define
class CaseIn:
    """ 
        Attributes:
            title (str):
            background (str):
            strategy (str):
            execution (str):
            effect (CaseEffect):
            lessons (str):
            customer_id (None | str | Unset):
            tier (CaseInTierType0 | None | Unset):
            quadrant (CaseInQuadrantType0 | None | Unset):
            tags (list[str] | Unset):
     """

    title: str
    background: str
    strategy: str
    execution: str
    effect: CaseEffect
    lessons: str
    customer_id: None | str | Unset = UNSET
    tier: CaseInTierType0 | None | Unset = UNSET
    quadrant: CaseInQuadrantType0 | None | Unset = UNSET
    tags: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_effect import CaseEffect # noqa: PLC0415
        title = self.title

        background = self.background

        strategy = self.strategy

        execution = self.execution

        effect = self.effect.to_dict()

        lessons = self.lessons

        customer_id: None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, CaseInTierType0):
            tier = self.tier.value
        else:
            tier = self.tier

        quadrant: None | str | Unset
        if isinstance(self.quadrant, Unset):
            quadrant = UNSET
        elif isinstance(self.quadrant, CaseInQuadrantType0):
            quadrant = self.quadrant.value
        else:
            quadrant = self.quadrant

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "title": title,
            "background": background,
            "strategy": strategy,
            "execution": execution,
            "effect": effect,
            "lessons": lessons,
        })
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if tier is not UNSET:
            field_dict["tier"] = tier
        if quadrant is not UNSET:
            field_dict["quadrant"] = quadrant
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_effect import CaseEffect # noqa: PLC0415
        d = dict(src_dict)
        title = d.pop("title")

        background = d.pop("background")

        strategy = d.pop("strategy")

        execution = d.pop("execution")

        effect = CaseEffect.from_dict(d.pop("effect"))




        lessons = d.pop("lessons")

        def _parse_customer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))


        def _parse_tier(data: object) -> CaseInTierType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_0 = CaseInTierType0(data)



                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseInTierType0 | None | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        def _parse_quadrant(data: object) -> CaseInQuadrantType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                quadrant_type_0 = CaseInQuadrantType0(data)



                return quadrant_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseInQuadrantType0 | None | Unset, data)

        quadrant = _parse_quadrant(d.pop("quadrant", UNSET))


        tags = cast(list[str], d.pop("tags", UNSET))


        case_in = cls(
            title=title,
            background=background,
            strategy=strategy,
            execution=execution,
            effect=effect,
            lessons=lessons,
            customer_id=customer_id,
            tier=tier,
            quadrant=quadrant,
            tags=tags,
        )

        return case_in

