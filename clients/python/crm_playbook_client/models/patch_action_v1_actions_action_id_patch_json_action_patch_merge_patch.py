from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.patch_action_v1_actions_action_id_patch_json_action_patch_merge_patch_status_type_0 import PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch")



@_attrs_define
class PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatch:
    """ 
        Attributes:
            status (None | PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0 | Unset):
            customer_feedback (None | str | Unset):
            next_step (None | str | Unset):
     """

    status: None | PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0 | Unset = UNSET
    customer_feedback: None | str | Unset = UNSET
    next_step: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0):
            status = self.status.value
        else:
            status = self.status

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


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if status is not UNSET:
            field_dict["status"] = status
        if customer_feedback is not UNSET:
            field_dict["customer_feedback"] = customer_feedback
        if next_step is not UNSET:
            field_dict["next_step"] = next_step

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_status(data: object) -> None | PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0(data)



                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0 | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


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


        patch_action_v1_actions_action_id_patch_json_action_patch_merge_patch = cls(
            status=status,
            customer_feedback=customer_feedback,
            next_step=next_step,
        )

        return patch_action_v1_actions_action_id_patch_json_action_patch_merge_patch

