from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="WeightsIn")



@_attrs_define
class WeightsIn:
    """ 
        Attributes:
            r (float):
            f (float):
            m (float):
            p (float):
            l (float):
     """

    r: float
    f: float
    m: float
    p: float
    l: float





    def to_dict(self) -> dict[str, Any]:
        r = self.r

        f = self.f

        m = self.m

        p = self.p

        l = self.l


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "R": r,
            "F": f,
            "M": m,
            "P": p,
            "L": l,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        r = d.pop("R")

        f = d.pop("F")

        m = d.pop("M")

        p = d.pop("P")

        l = d.pop("L")

        weights_in = cls(
            r=r,
            f=f,
            m=m,
            p=p,
            l=l,
        )

        return weights_in

