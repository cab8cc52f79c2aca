from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="TemplateIn")



@_attrs_define
class TemplateIn:
    """ 
        Attributes:
            subject (str):
            body (str):
     """

    subject: str
    body: str





    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        body = self.body


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "subject": subject,
            "body": body,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        subject = d.pop("subject")

        body = d.pop("body")

        template_in = cls(
            subject=subject,
            body=body,
        )

        return template_in

