from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="OrderIn")



@_attrs_define
class OrderIn:
    """ 
        Attributes:
            order_id (str):
            amount (float | str): CNY
            ordered_at (datetime.datetime):
     """

    order_id: str
    amount: float | str
    ordered_at: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        amount: float | str
        amount = self.amount

        ordered_at = self.ordered_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "order_id": order_id,
            "amount": amount,
            "ordered_at": ordered_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))


        ordered_at = datetime.datetime.fromisoformat(d.pop("ordered_at"))




        order_in = cls(
            order_id=order_id,
            amount=amount,
            ordered_at=ordered_at,
        )

        return order_in

