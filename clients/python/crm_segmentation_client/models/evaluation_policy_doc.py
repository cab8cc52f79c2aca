from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.review_intervals_doc import ReviewIntervalsDoc





T = TypeVar("T", bound="EvaluationPolicyDoc")



@_attrs_define
class EvaluationPolicyDoc:
    """ Every number of re-evaluation, quadrants, churn risk, overrides and trends (defaults: the seed's).

        Attributes:
            review_interval_days (ReviewIntervalsDoc):
            high_value_share (float): High value: the top share of active customers (0.30)
            loyalty_min_sub_score (float): High loyalty: L sub-score at least this (60)
            loyalty_min_years (float): High loyalty: cooperation of at least this many years (1)
            silence_days (int): Churn risk: no order and no interaction for this many days (90)
            spending_drop_ratio (float): Spending drop: each recent month at most this share (0.5)
            spending_drop_months (int): ... in each of this many last months (2)
            spending_baseline_months (int): ... of the mean of this many months before (3)
            declining_months (int): Churn risk: the month-end score fell this many months running (3)
            override_validity_days (int): A tier override without an expiry holds this long (180)
            trend_flat_band (float): Trend: within this many points of 3 months ago is flat (1.0)
     """

    review_interval_days: ReviewIntervalsDoc
    high_value_share: float
    loyalty_min_sub_score: float
    loyalty_min_years: float
    silence_days: int
    spending_drop_ratio: float
    spending_drop_months: int
    spending_baseline_months: int
    declining_months: int
    override_validity_days: int
    trend_flat_band: float





    def to_dict(self) -> dict[str, Any]:
        from ..models.review_intervals_doc import ReviewIntervalsDoc # noqa: PLC0415
        review_interval_days = self.review_interval_days.to_dict()

        high_value_share = self.high_value_share

        loyalty_min_sub_score = self.loyalty_min_sub_score

        loyalty_min_years = self.loyalty_min_years

        silence_days = self.silence_days

        spending_drop_ratio = self.spending_drop_ratio

        spending_drop_months = self.spending_drop_months

        spending_baseline_months = self.spending_baseline_months

        declining_months = self.declining_months

        override_validity_days = self.override_validity_days

        trend_flat_band = self.trend_flat_band


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "review_interval_days": review_interval_days,
            "high_value_share": high_value_share,
            "loyalty_min_sub_score": loyalty_min_sub_score,
            "loyalty_min_years": loyalty_min_years,
            "silence_days": silence_days,
            "spending_drop_ratio": spending_drop_ratio,
            "spending_drop_months": spending_drop_months,
            "spending_baseline_months": spending_baseline_months,
            "declining_months": declining_months,
            "override_validity_days": override_validity_days,
            "trend_flat_band": trend_flat_band,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.review_intervals_doc import ReviewIntervalsDoc # noqa: PLC0415
        d = dict(src_dict)
        review_interval_days = ReviewIntervalsDoc.from_dict(d.pop("review_interval_days"))




        high_value_share = d.pop("high_value_share")

        loyalty_min_sub_score = d.pop("loyalty_min_sub_score")

        loyalty_min_years = d.pop("loyalty_min_years")

        silence_days = d.pop("silence_days")

        spending_drop_ratio = d.pop("spending_drop_ratio")

        spending_drop_months = d.pop("spending_drop_months")

        spending_baseline_months = d.pop("spending_baseline_months")

        declining_months = d.pop("declining_months")

        override_validity_days = d.pop("override_validity_days")

        trend_flat_band = d.pop("trend_flat_band")

        evaluation_policy_doc = cls(
            review_interval_days=review_interval_days,
            high_value_share=high_value_share,
            loyalty_min_sub_score=loyalty_min_sub_score,
            loyalty_min_years=loyalty_min_years,
            silence_days=silence_days,
            spending_drop_ratio=spending_drop_ratio,
            spending_drop_months=spending_drop_months,
            spending_baseline_months=spending_baseline_months,
            declining_months=declining_months,
            override_validity_days=override_validity_days,
            trend_flat_band=trend_flat_band,
        )

        return evaluation_policy_doc

