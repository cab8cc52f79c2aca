from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.quadrant import Quadrant
from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.override_out import OverrideOut
  from ..models.score_out_components import ScoreOutComponents





T = TypeVar("T", bound="ScoreOut")



@_attrs_define
class ScoreOut:
    """ 
        Attributes:
            value (float):
            tier (Tier):
            computed_tier (Tier):
            quadrant (None | Quadrant):
            model_version (str):
            computed_at (datetime.datetime):
            components (ScoreOutComponents):
            amount_12m (float):
            orders_12m (int):
            override (None | OverrideOut | Unset):
     """

    value: float
    tier: Tier
    computed_tier: Tier
    quadrant: None | Quadrant
    model_version: str
    computed_at: datetime.datetime
    components: ScoreOutComponents
    amount_12m: float
    orders_12m: int
    override: None | OverrideOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.override_out import OverrideOut # noqa: PLC0415
        from ..models.score_out_components import ScoreOutComponents # noqa: PLC0415
        value = self.value

        tier = self.tier.value

        computed_tier = self.computed_tier.value

        quadrant: None | str
        if isinstance(self.quadrant, Quadrant):
            quadrant = self.quadrant.value
        else:
            quadrant = self.quadrant

        model_version = self.model_version

        computed_at = self.computed_at.isoformat()

        components = self.components.to_dict()

        amount_12m = self.amount_12m

        orders_12m = self.orders_12m

        override: dict[str, Any] | None | Unset
        if isinstance(self.override, Unset):
            override = UNSET
        elif isinstance(self.override, OverrideOut):
            override = self.override.to_dict()
        else:
            override = self.override


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "value": value,
            "tier": tier,
            "computed_tier": computed_tier,
            "quadrant": quadrant,
            "model_version": model_version,
            "computed_at": computed_at,
            "components": components,
            "amount_12m": amount_12m,
            "orders_12m": orders_12m,
        })
        if override is not UNSET:
            field_dict["override"] = override

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.override_out import OverrideOut # noqa: PLC0415
        from ..models.score_out_components import ScoreOutComponents # noqa: PLC0415
        d = dict(src_dict)
        value = d.pop("value")

        tier = Tier(d.pop("tier"))




        computed_tier = Tier(d.pop("computed_tier"))




        def _parse_quadrant(data: object) -> None | Quadrant:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                quadrant_type_0 = Quadrant(data)



                return quadrant_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Quadrant, data)

        quadrant = _parse_quadrant(d.pop("quadrant"))


        model_version = d.pop("model_version")

        computed_at = datetime.datetime.fromisoformat(d.pop("computed_at"))




        components = ScoreOutComponents.from_dict(d.pop("components"))




        amount_12m = d.pop("amount_12m")

        orders_12m = d.pop("orders_12m")

        def _parse_override(data: object) -> None | OverrideOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                override_type_0 = OverrideOut.from_dict(data)



                return override_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OverrideOut | Unset, data)

        override = _parse_override(d.pop("override", UNSET))


        score_out = cls(
            value=value,
            tier=tier,
            computed_tier=computed_tier,
            quadrant=quadrant,
            model_version=model_version,
            computed_at=computed_at,
            components=components,
            amount_12m=amount_12m,
            orders_12m=orders_12m,
            override=override,
        )


        score_out.additional_properties = d
        return score_out

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
