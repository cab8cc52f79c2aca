from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="CustomerOut")



@_attrs_define
class CustomerOut:
    """ 
        Attributes:
            customer_id (str):
            tier (None | str):
            quadrant (None | str):
            owner (None | str):
            score (float | None):
            amount_12m (None | str):
            orders_12m (int | None):
            last_order_at (datetime.datetime | None):
            computed_at (datetime.datetime | None):
     """

    customer_id: str
    tier: None | str
    quadrant: None | str
    owner: None | str
    score: float | None
    amount_12m: None | str
    orders_12m: int | None
    last_order_at: datetime.datetime | None
    computed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        customer_id = self.customer_id

        tier: None | str
        tier = self.tier

        quadrant: None | str
        quadrant = self.quadrant

        owner: None | str
        owner = self.owner

        score: float | None
        score = self.score

        amount_12m: None | str
        amount_12m = self.amount_12m

        orders_12m: int | None
        orders_12m = self.orders_12m

        last_order_at: None | str
        if isinstance(self.last_order_at, datetime.datetime):
            last_order_at = self.last_order_at.isoformat()
        else:
            last_order_at = self.last_order_at

        computed_at: None | str
        if isinstance(self.computed_at, datetime.datetime):
            computed_at = self.computed_at.isoformat()
        else:
            computed_at = self.computed_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "customer_id": customer_id,
            "tier": tier,
            "quadrant": quadrant,
            "owner": owner,
            "score": score,
            "amount_12m": amount_12m,
            "orders_12m": orders_12m,
            "last_order_at": last_order_at,
            "computed_at": computed_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_id = d.pop("customer_id")

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


        def _parse_owner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner = _parse_owner(d.pop("owner"))


        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))


        def _parse_amount_12m(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount_12m = _parse_amount_12m(d.pop("amount_12m"))


        def _parse_orders_12m(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        orders_12m = _parse_orders_12m(d.pop("orders_12m"))


        def _parse_last_order_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_order_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_order_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_order_at = _parse_last_order_at(d.pop("last_order_at"))


        def _parse_computed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                computed_at_type_0 = datetime.datetime.fromisoformat(data)



                return computed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        computed_at = _parse_computed_at(d.pop("computed_at"))


        customer_out = cls(
            customer_id=customer_id,
            tier=tier,
            quadrant=quadrant,
            owner=owner,
            score=score,
            amount_12m=amount_12m,
            orders_12m=orders_12m,
            last_order_at=last_order_at,
            computed_at=computed_at,
        )


        customer_out.additional_properties = d
        return customer_out

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
