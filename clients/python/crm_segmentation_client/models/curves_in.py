from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="CurvesIn")



@_attrs_define
class CurvesIn:
    """ 
        Attributes:
            r (list[list[float]]):
            f (list[list[float]]):
            m (list[list[float]]):
            p (list[list[float]]):
            l (list[list[float]]):
     """

    r: list[list[float]]
    f: list[list[float]]
    m: list[list[float]]
    p: list[list[float]]
    l: list[list[float]]





    def to_dict(self) -> dict[str, Any]:
        r = []
        for r_item_data in self.r:
            r_item = []
            for r_item_item_data in r_item_data:
                r_item_item: float
                r_item_item = r_item_item_data
                r_item.append(r_item_item)


            r.append(r_item)



        f = []
        for f_item_data in self.f:
            f_item = []
            for f_item_item_data in f_item_data:
                f_item_item: float
                f_item_item = f_item_item_data
                f_item.append(f_item_item)


            f.append(f_item)



        m = []
        for m_item_data in self.m:
            m_item = []
            for m_item_item_data in m_item_data:
                m_item_item: float
                m_item_item = m_item_item_data
                m_item.append(m_item_item)


            m.append(m_item)



        p = []
        for p_item_data in self.p:
            p_item = []
            for p_item_item_data in p_item_data:
                p_item_item: float
                p_item_item = p_item_item_data
                p_item.append(p_item_item)


            p.append(p_item)



        l = []
        for l_item_data in self.l:
            l_item = []
            for l_item_item_data in l_item_data:
                l_item_item: float
                l_item_item = l_item_item_data
                l_item.append(l_item_item)


            l.append(l_item)




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
        r = []
        _r = d.pop("R")
        for r_item_data in (_r):
            r_item = []
            _r_item = r_item_data
            for r_item_item_data in (_r_item):
                def _parse_r_item_item(data: object) -> float:
                    return cast(float, data)

                r_item_item = _parse_r_item_item(r_item_item_data)

                r_item.append(r_item_item)

            r.append(r_item)


        f = []
        _f = d.pop("F")
        for f_item_data in (_f):
            f_item = []
            _f_item = f_item_data
            for f_item_item_data in (_f_item):
                def _parse_f_item_item(data: object) -> float:
                    return cast(float, data)

                f_item_item = _parse_f_item_item(f_item_item_data)

                f_item.append(f_item_item)

            f.append(f_item)


        m = []
        _m = d.pop("M")
        for m_item_data in (_m):
            m_item = []
            _m_item = m_item_data
            for m_item_item_data in (_m_item):
                def _parse_m_item_item(data: object) -> float:
                    return cast(float, data)

                m_item_item = _parse_m_item_item(m_item_item_data)

                m_item.append(m_item_item)

            m.append(m_item)


        p = []
        _p = d.pop("P")
        for p_item_data in (_p):
            p_item = []
            _p_item = p_item_data
            for p_item_item_data in (_p_item):
                def _parse_p_item_item(data: object) -> float:
                    return cast(float, data)

                p_item_item = _parse_p_item_item(p_item_item_data)

                p_item.append(p_item_item)

            p.append(p_item)


        l = []
        _l = d.pop("L")
        for l_item_data in (_l):
            l_item = []
            _l_item = l_item_data
            for l_item_item_data in (_l_item):
                def _parse_l_item_item(data: object) -> float:
                    return cast(float, data)

                l_item_item = _parse_l_item_item(l_item_item_data)

                l_item.append(l_item_item)

            l.append(l_item)


        curves_in = cls(
            r=r,
            f=f,
            m=m,
            p=p,
            l=l,
        )

        return curves_in

