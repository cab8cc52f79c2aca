from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.contact_in import ContactIn





T = TypeVar("T", bound="CustomerIn")



@_attrs_define
class CustomerIn:
    """ 
        Attributes:
            name (str):
            industry (None | str | Unset):
            size (None | str | Unset):
            since (datetime.date | None | Unset): Start of cooperation
            growth_pct (float | Unset): Industry growth, percent Default: 0.0.
            repurchase_rate (float | None | Unset): Percent; derived from orders when absent
            owner (None | str | Unset): Account owner; only a manager gives a customer another owner
            team (None | str | Unset): Account team: its account managers see the customer too; only a manager moves a
                customer to another team
            contacts (list[ContactIn] | Unset):
     """

    name: str
    industry: None | str | Unset = UNSET
    size: None | str | Unset = UNSET
    since: datetime.date | None | Unset = UNSET
    growth_pct: float | Unset = 0.0
    repurchase_rate: float | None | Unset = UNSET
    owner: None | str | Unset = UNSET
    team: None | str | Unset = UNSET
    contacts: list[ContactIn] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_in import ContactIn # noqa: PLC0415
        name = self.name

        industry: None | str | Unset
        if isinstance(self.industry, Unset):
            industry = UNSET
        else:
            industry = self.industry

        size: None | str | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        else:
            size = self.size

        since: None | str | Unset
        if isinstance(self.since, Unset):
            since = UNSET
        elif isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        growth_pct = self.growth_pct

        repurchase_rate: float | None | Unset
        if isinstance(self.repurchase_rate, Unset):
            repurchase_rate = UNSET
        else:
            repurchase_rate = self.repurchase_rate

        owner: None | str | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner

        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        else:
            team = self.team

        contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contacts, Unset):
            contacts = []
            for contacts_item_data in self.contacts:
                contacts_item = contacts_item_data.to_dict()
                contacts.append(contacts_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if industry is not UNSET:
            field_dict["industry"] = industry
        if size is not UNSET:
            field_dict["size"] = size
        if since is not UNSET:
            field_dict["since"] = since
        if growth_pct is not UNSET:
            field_dict["growth_pct"] = growth_pct
        if repurchase_rate is not UNSET:
            field_dict["repurchase_rate"] = repurchase_rate
        if owner is not UNSET:
            field_dict["owner"] = owner
        if team is not UNSET:
            field_dict["team"] = team
        if contacts is not UNSET:
            field_dict["contacts"] = contacts

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_in import ContactIn # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_industry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry = _parse_industry(d.pop("industry", UNSET))


        def _parse_size(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        size = _parse_size(d.pop("size", UNSET))


        def _parse_since(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.date.fromisoformat(data)



                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        since = _parse_since(d.pop("since", UNSET))


        growth_pct = d.pop("growth_pct", UNSET)

        def _parse_repurchase_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        repurchase_rate = _parse_repurchase_rate(d.pop("repurchase_rate", UNSET))


        def _parse_owner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))


        def _parse_team(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team = _parse_team(d.pop("team", UNSET))


        _contacts = d.pop("contacts", UNSET)
        contacts: list[ContactIn] | Unset = UNSET
        if _contacts is not UNSET:
            contacts = []
            for contacts_item_data in _contacts:
                contacts_item = ContactIn.from_dict(contacts_item_data)



                contacts.append(contacts_item)


        customer_in = cls(
            name=name,
            industry=industry,
            size=size,
            since=since,
            growth_pct=growth_pct,
            repurchase_rate=repurchase_rate,
            owner=owner,
            team=team,
            contacts=contacts,
        )

        return customer_in

