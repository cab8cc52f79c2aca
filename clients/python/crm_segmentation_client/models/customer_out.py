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
  from ..models.churn_risk_out import ChurnRiskOut
  from ..models.contact_out import ContactOut
  from ..models.override_out import OverrideOut
  from ..models.satisfaction_out import SatisfactionOut
  from ..models.score_out import ScoreOut
  from ..models.trend_out import TrendOut





T = TypeVar("T", bound="CustomerOut")



@_attrs_define
class CustomerOut:
    """ 
        Attributes:
            id (str):
            name (str):
            industry (None | str):
            size (None | str):
            since (datetime.date | None):
            growth_pct (float):
            repurchase_rate (float | None):
            owner (None | str):
            contacts (list[ContactOut]):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            next_evaluation_at (datetime.datetime | None):
            score (None | ScoreOut):
            override (None | OverrideOut): Approved override in force, else a pending proposal
            churn_risk (list[ChurnRiskOut]):
            team (None | str | Unset):
            satisfaction (None | SatisfactionOut | Unset):
            open_p1_complaints_12m (int | Unset):  Default: 0.
            trend (None | TrendOut | Unset):
     """

    id: str
    name: str
    industry: None | str
    size: None | str
    since: datetime.date | None
    growth_pct: float
    repurchase_rate: float | None
    owner: None | str
    contacts: list[ContactOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    next_evaluation_at: datetime.datetime | None
    score: None | ScoreOut
    override: None | OverrideOut
    churn_risk: list[ChurnRiskOut]
    team: None | str | Unset = UNSET
    satisfaction: None | SatisfactionOut | Unset = UNSET
    open_p1_complaints_12m: int | Unset = 0
    trend: None | TrendOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.churn_risk_out import ChurnRiskOut # noqa: PLC0415
        from ..models.contact_out import ContactOut # noqa: PLC0415
        from ..models.override_out import OverrideOut # noqa: PLC0415
        from ..models.satisfaction_out import SatisfactionOut # noqa: PLC0415
        from ..models.score_out import ScoreOut # noqa: PLC0415
        from ..models.trend_out import TrendOut # noqa: PLC0415
        id = self.id

        name = self.name

        industry: None | str
        industry = self.industry

        size: None | str
        size = self.size

        since: None | str
        if isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        growth_pct = self.growth_pct

        repurchase_rate: float | None
        repurchase_rate = self.repurchase_rate

        owner: None | str
        owner = self.owner

        contacts = []
        for contacts_item_data in self.contacts:
            contacts_item = contacts_item_data.to_dict()
            contacts.append(contacts_item)



        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        next_evaluation_at: None | str
        if isinstance(self.next_evaluation_at, datetime.datetime):
            next_evaluation_at = self.next_evaluation_at.isoformat()
        else:
            next_evaluation_at = self.next_evaluation_at

        score: dict[str, Any] | None
        if isinstance(self.score, ScoreOut):
            score = self.score.to_dict()
        else:
            score = self.score

        override: dict[str, Any] | None
        if isinstance(self.override, OverrideOut):
            override = self.override.to_dict()
        else:
            override = self.override

        churn_risk = []
        for churn_risk_item_data in self.churn_risk:
            churn_risk_item = churn_risk_item_data.to_dict()
            churn_risk.append(churn_risk_item)



        team: None | str | Unset
        if isinstance(self.team, Unset):
            team = UNSET
        else:
            team = self.team

        satisfaction: dict[str, Any] | None | Unset
        if isinstance(self.satisfaction, Unset):
            satisfaction = UNSET
        elif isinstance(self.satisfaction, SatisfactionOut):
            satisfaction = self.satisfaction.to_dict()
        else:
            satisfaction = self.satisfaction

        open_p1_complaints_12m = self.open_p1_complaints_12m

        trend: dict[str, Any] | None | Unset
        if isinstance(self.trend, Unset):
            trend = UNSET
        elif isinstance(self.trend, TrendOut):
            trend = self.trend.to_dict()
        else:
            trend = self.trend


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "industry": industry,
            "size": size,
            "since": since,
            "growth_pct": growth_pct,
            "repurchase_rate": repurchase_rate,
            "owner": owner,
            "contacts": contacts,
            "created_at": created_at,
            "updated_at": updated_at,
            "next_evaluation_at": next_evaluation_at,
            "score": score,
            "override": override,
            "churn_risk": churn_risk,
        })
        if team is not UNSET:
            field_dict["team"] = team
        if satisfaction is not UNSET:
            field_dict["satisfaction"] = satisfaction
        if open_p1_complaints_12m is not UNSET:
            field_dict["open_p1_complaints_12m"] = open_p1_complaints_12m
        if trend is not UNSET:
            field_dict["trend"] = trend

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.churn_risk_out import ChurnRiskOut # noqa: PLC0415
        from ..models.contact_out import ContactOut # noqa: PLC0415
        from ..models.override_out import OverrideOut # noqa: PLC0415
        from ..models.satisfaction_out import SatisfactionOut # noqa: PLC0415
        from ..models.score_out import ScoreOut # noqa: PLC0415
        from ..models.trend_out import TrendOut # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_industry(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        industry = _parse_industry(d.pop("industry"))


        def _parse_size(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        size = _parse_size(d.pop("size"))


        def _parse_since(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.date.fromisoformat(data)



                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        since = _parse_since(d.pop("since"))


        growth_pct = d.pop("growth_pct")

        def _parse_repurchase_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        repurchase_rate = _parse_repurchase_rate(d.pop("repurchase_rate"))


        def _parse_owner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner = _parse_owner(d.pop("owner"))


        contacts = []
        _contacts = d.pop("contacts")
        for contacts_item_data in (_contacts):
            contacts_item = ContactOut.from_dict(contacts_item_data)



            contacts.append(contacts_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_next_evaluation_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_evaluation_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_evaluation_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_evaluation_at = _parse_next_evaluation_at(d.pop("next_evaluation_at"))


        def _parse_score(data: object) -> None | ScoreOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                score_type_0 = ScoreOut.from_dict(data)



                return score_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScoreOut, data)

        score = _parse_score(d.pop("score"))


        def _parse_override(data: object) -> None | OverrideOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                override_type_0 = OverrideOut.from_dict(data)



                return override_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OverrideOut, data)

        override = _parse_override(d.pop("override"))


        churn_risk = []
        _churn_risk = d.pop("churn_risk")
        for churn_risk_item_data in (_churn_risk):
            churn_risk_item = ChurnRiskOut.from_dict(churn_risk_item_data)



            churn_risk.append(churn_risk_item)


        def _parse_team(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team = _parse_team(d.pop("team", UNSET))


        def _parse_satisfaction(data: object) -> None | SatisfactionOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                satisfaction_type_0 = SatisfactionOut.from_dict(data)



                return satisfaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SatisfactionOut | Unset, data)

        satisfaction = _parse_satisfaction(d.pop("satisfaction", UNSET))


        open_p1_complaints_12m = d.pop("open_p1_complaints_12m", UNSET)

        def _parse_trend(data: object) -> None | TrendOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                trend_type_0 = TrendOut.from_dict(data)



                return trend_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrendOut | Unset, data)

        trend = _parse_trend(d.pop("trend", UNSET))


        customer_out = cls(
            id=id,
            name=name,
            industry=industry,
            size=size,
            since=since,
            growth_pct=growth_pct,
            repurchase_rate=repurchase_rate,
            owner=owner,
            contacts=contacts,
            created_at=created_at,
            updated_at=updated_at,
            next_evaluation_at=next_evaluation_at,
            score=score,
            override=override,
            churn_risk=churn_risk,
            team=team,
            satisfaction=satisfaction,
            open_p1_complaints_12m=open_p1_complaints_12m,
            trend=trend,
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
