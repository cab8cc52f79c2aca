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
  from ..models.dimension_out import DimensionOut
  from ..models.item_out import ItemOut
  from ..models.open_question_out import OpenQuestionOut
  from ..models.survey_out_tier_weights import SurveyOutTierWeights





T = TypeVar("T", bound="SurveyOut")



@_attrs_define
class SurveyOut:
    """ 
        Attributes:
            id (str):
            name (str):
            description (str):
            is_default (bool):
            dimensions (list[DimensionOut]):
            items (list[ItemOut]): Every Likert item, with its dimension
            nps_question (None | str):
            open_questions (list[OpenQuestionOut]):
            tier_weights (SurveyOutTierWeights): Effective weights of every tier
            created_by (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            name_zh (str | Unset):  Default: ''.
            description_zh (str | Unset):  Default: ''.
            nps_question_zh (str | Unset):  Default: ''.
            anonymous (bool | Unset): Responses keep no customer id (docs/design.md §11) Default: False.
     """

    id: str
    name: str
    description: str
    is_default: bool
    dimensions: list[DimensionOut]
    items: list[ItemOut]
    nps_question: None | str
    open_questions: list[OpenQuestionOut]
    tier_weights: SurveyOutTierWeights
    created_by: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    name_zh: str | Unset = ''
    description_zh: str | Unset = ''
    nps_question_zh: str | Unset = ''
    anonymous: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.dimension_out import DimensionOut # noqa: PLC0415
        from ..models.item_out import ItemOut # noqa: PLC0415
        from ..models.open_question_out import OpenQuestionOut # noqa: PLC0415
        from ..models.survey_out_tier_weights import SurveyOutTierWeights # noqa: PLC0415
        id = self.id

        name = self.name

        description = self.description

        is_default = self.is_default

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.to_dict()
            dimensions.append(dimensions_item)



        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        nps_question: None | str
        nps_question = self.nps_question

        open_questions = []
        for open_questions_item_data in self.open_questions:
            open_questions_item = open_questions_item_data.to_dict()
            open_questions.append(open_questions_item)



        tier_weights = self.tier_weights.to_dict()

        created_by = self.created_by

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        name_zh = self.name_zh

        description_zh = self.description_zh

        nps_question_zh = self.nps_question_zh

        anonymous = self.anonymous


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "description": description,
            "is_default": is_default,
            "dimensions": dimensions,
            "items": items,
            "nps_question": nps_question,
            "open_questions": open_questions,
            "tier_weights": tier_weights,
            "created_by": created_by,
            "created_at": created_at,
            "updated_at": updated_at,
        })
        if name_zh is not UNSET:
            field_dict["name_zh"] = name_zh
        if description_zh is not UNSET:
            field_dict["description_zh"] = description_zh
        if nps_question_zh is not UNSET:
            field_dict["nps_question_zh"] = nps_question_zh
        if anonymous is not UNSET:
            field_dict["anonymous"] = anonymous

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dimension_out import DimensionOut # noqa: PLC0415
        from ..models.item_out import ItemOut # noqa: PLC0415
        from ..models.open_question_out import OpenQuestionOut # noqa: PLC0415
        from ..models.survey_out_tier_weights import SurveyOutTierWeights # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        is_default = d.pop("is_default")

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in (_dimensions):
            dimensions_item = DimensionOut.from_dict(dimensions_item_data)



            dimensions.append(dimensions_item)


        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ItemOut.from_dict(items_item_data)



            items.append(items_item)


        def _parse_nps_question(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nps_question = _parse_nps_question(d.pop("nps_question"))


        open_questions = []
        _open_questions = d.pop("open_questions")
        for open_questions_item_data in (_open_questions):
            open_questions_item = OpenQuestionOut.from_dict(open_questions_item_data)



            open_questions.append(open_questions_item)


        tier_weights = SurveyOutTierWeights.from_dict(d.pop("tier_weights"))




        created_by = d.pop("created_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        name_zh = d.pop("name_zh", UNSET)

        description_zh = d.pop("description_zh", UNSET)

        nps_question_zh = d.pop("nps_question_zh", UNSET)

        anonymous = d.pop("anonymous", UNSET)

        survey_out = cls(
            id=id,
            name=name,
            description=description,
            is_default=is_default,
            dimensions=dimensions,
            items=items,
            nps_question=nps_question,
            open_questions=open_questions,
            tier_weights=tier_weights,
            created_by=created_by,
            created_at=created_at,
            updated_at=updated_at,
            name_zh=name_zh,
            description_zh=description_zh,
            nps_question_zh=nps_question_zh,
            anonymous=anonymous,
        )


        survey_out.additional_properties = d
        return survey_out

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
