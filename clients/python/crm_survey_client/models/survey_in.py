from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.dimension_in import DimensionIn
  from ..models.open_question_in import OpenQuestionIn
  from ..models.survey_in_tier_weights import SurveyInTierWeights





T = TypeVar("T", bound="SurveyIn")



@_attrs_define
class SurveyIn:
    """ 
        Attributes:
            name (str): The title customers see
            dimensions (list[DimensionIn]):
            name_zh (None | str | Unset):
            description (None | str | Unset): Shown to customers under the title: the survey's purpose
            description_zh (None | str | Unset):
            nps_question (None | str | Unset): Include an NPS (0-10) question with this text
            nps_question_zh (None | str | Unset):
            open_questions (list[OpenQuestionIn] | Unset):
            anonymous (bool | Unset): Responses keep only the tier and quadrant, never who answered; their satisfaction-
                scored events carry no customer id Default: False.
            tier_weights (SurveyInTierWeights | Unset): Dimension weights per tier (VIP, Key, Regular, Observation), each
                summing to 1; a tier not listed weighs its dimensions equally
     """

    name: str
    dimensions: list[DimensionIn]
    name_zh: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    description_zh: None | str | Unset = UNSET
    nps_question: None | str | Unset = UNSET
    nps_question_zh: None | str | Unset = UNSET
    open_questions: list[OpenQuestionIn] | Unset = UNSET
    anonymous: bool | Unset = False
    tier_weights: SurveyInTierWeights | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.dimension_in import DimensionIn # noqa: PLC0415
        from ..models.open_question_in import OpenQuestionIn # noqa: PLC0415
        from ..models.survey_in_tier_weights import SurveyInTierWeights # noqa: PLC0415
        name = self.name

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.to_dict()
            dimensions.append(dimensions_item)



        name_zh: None | str | Unset
        if isinstance(self.name_zh, Unset):
            name_zh = UNSET
        else:
            name_zh = self.name_zh

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        description_zh: None | str | Unset
        if isinstance(self.description_zh, Unset):
            description_zh = UNSET
        else:
            description_zh = self.description_zh

        nps_question: None | str | Unset
        if isinstance(self.nps_question, Unset):
            nps_question = UNSET
        else:
            nps_question = self.nps_question

        nps_question_zh: None | str | Unset
        if isinstance(self.nps_question_zh, Unset):
            nps_question_zh = UNSET
        else:
            nps_question_zh = self.nps_question_zh

        open_questions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.open_questions, Unset):
            open_questions = []
            for open_questions_item_data in self.open_questions:
                open_questions_item = open_questions_item_data.to_dict()
                open_questions.append(open_questions_item)



        anonymous = self.anonymous

        tier_weights: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tier_weights, Unset):
            tier_weights = self.tier_weights.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "dimensions": dimensions,
        })
        if name_zh is not UNSET:
            field_dict["name_zh"] = name_zh
        if description is not UNSET:
            field_dict["description"] = description
        if description_zh is not UNSET:
            field_dict["description_zh"] = description_zh
        if nps_question is not UNSET:
            field_dict["nps_question"] = nps_question
        if nps_question_zh is not UNSET:
            field_dict["nps_question_zh"] = nps_question_zh
        if open_questions is not UNSET:
            field_dict["open_questions"] = open_questions
        if anonymous is not UNSET:
            field_dict["anonymous"] = anonymous
        if tier_weights is not UNSET:
            field_dict["tier_weights"] = tier_weights

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dimension_in import DimensionIn # noqa: PLC0415
        from ..models.open_question_in import OpenQuestionIn # noqa: PLC0415
        from ..models.survey_in_tier_weights import SurveyInTierWeights # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in (_dimensions):
            dimensions_item = DimensionIn.from_dict(dimensions_item_data)



            dimensions.append(dimensions_item)


        def _parse_name_zh(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_zh = _parse_name_zh(d.pop("name_zh", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_description_zh(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description_zh = _parse_description_zh(d.pop("description_zh", UNSET))


        def _parse_nps_question(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nps_question = _parse_nps_question(d.pop("nps_question", UNSET))


        def _parse_nps_question_zh(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nps_question_zh = _parse_nps_question_zh(d.pop("nps_question_zh", UNSET))


        _open_questions = d.pop("open_questions", UNSET)
        open_questions: list[OpenQuestionIn] | Unset = UNSET
        if _open_questions is not UNSET:
            open_questions = []
            for open_questions_item_data in _open_questions:
                open_questions_item = OpenQuestionIn.from_dict(open_questions_item_data)



                open_questions.append(open_questions_item)


        anonymous = d.pop("anonymous", UNSET)

        _tier_weights = d.pop("tier_weights", UNSET)
        tier_weights: SurveyInTierWeights | Unset
        if isinstance(_tier_weights,  Unset):
            tier_weights = UNSET
        else:
            tier_weights = SurveyInTierWeights.from_dict(_tier_weights)




        survey_in = cls(
            name=name,
            dimensions=dimensions,
            name_zh=name_zh,
            description=description,
            description_zh=description_zh,
            nps_question=nps_question,
            nps_question_zh=nps_question_zh,
            open_questions=open_questions,
            anonymous=anonymous,
            tier_weights=tier_weights,
        )

        return survey_in

