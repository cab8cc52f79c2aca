from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.topic_out import TopicOut





T = TypeVar("T", bound="TopicsOut")



@_attrs_define
class TopicsOut:
    """ 
        Attributes:
            survey_id (str):
            question_id (None | str):
            answers (int):
            topics (list[TopicOut]):
     """

    survey_id: str
    question_id: None | str
    answers: int
    topics: list[TopicOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.topic_out import TopicOut # noqa: PLC0415
        survey_id = self.survey_id

        question_id: None | str
        question_id = self.question_id

        answers = self.answers

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.to_dict()
            topics.append(topics_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "survey_id": survey_id,
            "question_id": question_id,
            "answers": answers,
            "topics": topics,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.topic_out import TopicOut # noqa: PLC0415
        d = dict(src_dict)
        survey_id = d.pop("survey_id")

        def _parse_question_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        question_id = _parse_question_id(d.pop("question_id"))


        answers = d.pop("answers")

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in (_topics):
            topics_item = TopicOut.from_dict(topics_item_data)



            topics.append(topics_item)


        topics_out = cls(
            survey_id=survey_id,
            question_id=question_id,
            answers=answers,
            topics=topics,
        )


        topics_out.additional_properties = d
        return topics_out

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
