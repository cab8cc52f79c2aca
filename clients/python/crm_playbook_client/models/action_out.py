from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.action_out_status import ActionOutStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.action_out_explanation import ActionOutExplanation
  from ..models.survey_invitation_state import SurveyInvitationState





T = TypeVar("T", bound="ActionOut")



@_attrs_define
class ActionOut:
    """ 
        Attributes:
            id (str):
            customer_id (str):
            kind (str):
            title (str):
            channel (str):
            owner (None | str):
            owner_role (str):
            status (ActionOutStatus):
            overdue (bool):
            due_at (datetime.datetime | None):
            deep_contact (bool):
            rule_id (str):
            rule_version (int | None):
            trigger_event_id (str):
            trigger_event_type (str):
            created_at (datetime.datetime):
            updated_at (datetime.datetime):
            explanation (ActionOutExplanation):
            deferred_reason (None | str | Unset):
            may_proceed_at (datetime.datetime | None | Unset):
            experiment_id (None | str | Unset):
            variant (None | str | Unset):
            customer_feedback (None | str | Unset):
            next_step (None | str | Unset):
            completed_at (datetime.datetime | None | Unset):
            overdue_notified_at (datetime.datetime | None | Unset):
            survey (None | SurveyInvitationState | Unset):
     """

    id: str
    customer_id: str
    kind: str
    title: str
    channel: str
    owner: None | str
    owner_role: str
    status: ActionOutStatus
    overdue: bool
    due_at: datetime.datetime | None
    deep_contact: bool
    rule_id: str
    rule_version: int | None
    trigger_event_id: str
    trigger_event_type: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    explanation: ActionOutExplanation
    deferred_reason: None | str | Unset = UNSET
    may_proceed_at: datetime.datetime | None | Unset = UNSET
    experiment_id: None | str | Unset = UNSET
    variant: None | str | Unset = UNSET
    customer_feedback: None | str | Unset = UNSET
    next_step: None | str | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    overdue_notified_at: datetime.datetime | None | Unset = UNSET
    survey: None | SurveyInvitationState | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_out_explanation import ActionOutExplanation # noqa: PLC0415
        from ..models.survey_invitation_state import SurveyInvitationState # noqa: PLC0415
        id = self.id

        customer_id = self.customer_id

        kind = self.kind

        title = self.title

        channel = self.channel

        owner: None | str
        owner = self.owner

        owner_role = self.owner_role

        status = self.status.value

        overdue = self.overdue

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        deep_contact = self.deep_contact

        rule_id = self.rule_id

        rule_version: int | None
        rule_version = self.rule_version

        trigger_event_id = self.trigger_event_id

        trigger_event_type = self.trigger_event_type

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        explanation = self.explanation.to_dict()

        deferred_reason: None | str | Unset
        if isinstance(self.deferred_reason, Unset):
            deferred_reason = UNSET
        else:
            deferred_reason = self.deferred_reason

        may_proceed_at: None | str | Unset
        if isinstance(self.may_proceed_at, Unset):
            may_proceed_at = UNSET
        elif isinstance(self.may_proceed_at, datetime.datetime):
            may_proceed_at = self.may_proceed_at.isoformat()
        else:
            may_proceed_at = self.may_proceed_at

        experiment_id: None | str | Unset
        if isinstance(self.experiment_id, Unset):
            experiment_id = UNSET
        else:
            experiment_id = self.experiment_id

        variant: None | str | Unset
        if isinstance(self.variant, Unset):
            variant = UNSET
        else:
            variant = self.variant

        customer_feedback: None | str | Unset
        if isinstance(self.customer_feedback, Unset):
            customer_feedback = UNSET
        else:
            customer_feedback = self.customer_feedback

        next_step: None | str | Unset
        if isinstance(self.next_step, Unset):
            next_step = UNSET
        else:
            next_step = self.next_step

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        overdue_notified_at: None | str | Unset
        if isinstance(self.overdue_notified_at, Unset):
            overdue_notified_at = UNSET
        elif isinstance(self.overdue_notified_at, datetime.datetime):
            overdue_notified_at = self.overdue_notified_at.isoformat()
        else:
            overdue_notified_at = self.overdue_notified_at

        survey: dict[str, Any] | None | Unset
        if isinstance(self.survey, Unset):
            survey = UNSET
        elif isinstance(self.survey, SurveyInvitationState):
            survey = self.survey.to_dict()
        else:
            survey = self.survey


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "customer_id": customer_id,
            "kind": kind,
            "title": title,
            "channel": channel,
            "owner": owner,
            "owner_role": owner_role,
            "status": status,
            "overdue": overdue,
            "due_at": due_at,
            "deep_contact": deep_contact,
            "rule_id": rule_id,
            "rule_version": rule_version,
            "trigger_event_id": trigger_event_id,
            "trigger_event_type": trigger_event_type,
            "created_at": created_at,
            "updated_at": updated_at,
            "explanation": explanation,
        })
        if deferred_reason is not UNSET:
            field_dict["deferred_reason"] = deferred_reason
        if may_proceed_at is not UNSET:
            field_dict["may_proceed_at"] = may_proceed_at
        if experiment_id is not UNSET:
            field_dict["experiment_id"] = experiment_id
        if variant is not UNSET:
            field_dict["variant"] = variant
        if customer_feedback is not UNSET:
            field_dict["customer_feedback"] = customer_feedback
        if next_step is not UNSET:
            field_dict["next_step"] = next_step
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if overdue_notified_at is not UNSET:
            field_dict["overdue_notified_at"] = overdue_notified_at
        if survey is not UNSET:
            field_dict["survey"] = survey

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_out_explanation import ActionOutExplanation # noqa: PLC0415
        from ..models.survey_invitation_state import SurveyInvitationState # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        customer_id = d.pop("customer_id")

        kind = d.pop("kind")

        title = d.pop("title")

        channel = d.pop("channel")

        def _parse_owner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner = _parse_owner(d.pop("owner"))


        owner_role = d.pop("owner_role")

        status = ActionOutStatus(d.pop("status"))




        overdue = d.pop("overdue")

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))


        deep_contact = d.pop("deep_contact")

        rule_id = d.pop("rule_id")

        def _parse_rule_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule_version = _parse_rule_version(d.pop("rule_version"))


        trigger_event_id = d.pop("trigger_event_id")

        trigger_event_type = d.pop("trigger_event_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        explanation = ActionOutExplanation.from_dict(d.pop("explanation"))




        def _parse_deferred_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deferred_reason = _parse_deferred_reason(d.pop("deferred_reason", UNSET))


        def _parse_may_proceed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                may_proceed_at_type_0 = datetime.datetime.fromisoformat(data)



                return may_proceed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        may_proceed_at = _parse_may_proceed_at(d.pop("may_proceed_at", UNSET))


        def _parse_experiment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        experiment_id = _parse_experiment_id(d.pop("experiment_id", UNSET))


        def _parse_variant(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        variant = _parse_variant(d.pop("variant", UNSET))


        def _parse_customer_feedback(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_feedback = _parse_customer_feedback(d.pop("customer_feedback", UNSET))


        def _parse_next_step(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_step = _parse_next_step(d.pop("next_step", UNSET))


        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)



                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))


        def _parse_overdue_notified_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_notified_at_type_0 = datetime.datetime.fromisoformat(data)



                return overdue_notified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        overdue_notified_at = _parse_overdue_notified_at(d.pop("overdue_notified_at", UNSET))


        def _parse_survey(data: object) -> None | SurveyInvitationState | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                survey_type_0 = SurveyInvitationState.from_dict(data)



                return survey_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SurveyInvitationState | Unset, data)

        survey = _parse_survey(d.pop("survey", UNSET))


        action_out = cls(
            id=id,
            customer_id=customer_id,
            kind=kind,
            title=title,
            channel=channel,
            owner=owner,
            owner_role=owner_role,
            status=status,
            overdue=overdue,
            due_at=due_at,
            deep_contact=deep_contact,
            rule_id=rule_id,
            rule_version=rule_version,
            trigger_event_id=trigger_event_id,
            trigger_event_type=trigger_event_type,
            created_at=created_at,
            updated_at=updated_at,
            explanation=explanation,
            deferred_reason=deferred_reason,
            may_proceed_at=may_proceed_at,
            experiment_id=experiment_id,
            variant=variant,
            customer_feedback=customer_feedback,
            next_step=next_step,
            completed_at=completed_at,
            overdue_notified_at=overdue_notified_at,
            survey=survey,
        )


        action_out.additional_properties = d
        return action_out

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
