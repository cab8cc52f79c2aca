from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.action_out import ActionOut
  from ..models.contact_state_out import ContactStateOut
  from ..models.customer_out import CustomerOut
  from ..models.recurring_out import RecurringOut





T = TypeVar("T", bound="PlanOut")



@_attrs_define
class PlanOut:
    """ 
        Attributes:
            customer_id (str):
            customer (CustomerOut | None):
            contact (ContactStateOut):
            open_actions (list[ActionOut]):
            recent_actions (list[ActionOut]):
            recurring (list[RecurringOut] | Unset):
     """

    customer_id: str
    customer: CustomerOut | None
    contact: ContactStateOut
    open_actions: list[ActionOut]
    recent_actions: list[ActionOut]
    recurring: list[RecurringOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.contact_state_out import ContactStateOut # noqa: PLC0415
        from ..models.customer_out import CustomerOut # noqa: PLC0415
        from ..models.recurring_out import RecurringOut # noqa: PLC0415
        customer_id = self.customer_id

        customer: dict[str, Any] | None
        if isinstance(self.customer, CustomerOut):
            customer = self.customer.to_dict()
        else:
            customer = self.customer

        contact = self.contact.to_dict()

        open_actions = []
        for open_actions_item_data in self.open_actions:
            open_actions_item = open_actions_item_data.to_dict()
            open_actions.append(open_actions_item)



        recent_actions = []
        for recent_actions_item_data in self.recent_actions:
            recent_actions_item = recent_actions_item_data.to_dict()
            recent_actions.append(recent_actions_item)



        recurring: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recurring, Unset):
            recurring = []
            for recurring_item_data in self.recurring:
                recurring_item = recurring_item_data.to_dict()
                recurring.append(recurring_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "customer_id": customer_id,
            "customer": customer,
            "contact": contact,
            "open_actions": open_actions,
            "recent_actions": recent_actions,
        })
        if recurring is not UNSET:
            field_dict["recurring"] = recurring

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.contact_state_out import ContactStateOut # noqa: PLC0415
        from ..models.customer_out import CustomerOut # noqa: PLC0415
        from ..models.recurring_out import RecurringOut # noqa: PLC0415
        d = dict(src_dict)
        customer_id = d.pop("customer_id")

        def _parse_customer(data: object) -> CustomerOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                customer_type_0 = CustomerOut.from_dict(data)



                return customer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerOut | None, data)

        customer = _parse_customer(d.pop("customer"))


        contact = ContactStateOut.from_dict(d.pop("contact"))




        open_actions = []
        _open_actions = d.pop("open_actions")
        for open_actions_item_data in (_open_actions):
            open_actions_item = ActionOut.from_dict(open_actions_item_data)



            open_actions.append(open_actions_item)


        recent_actions = []
        _recent_actions = d.pop("recent_actions")
        for recent_actions_item_data in (_recent_actions):
            recent_actions_item = ActionOut.from_dict(recent_actions_item_data)



            recent_actions.append(recent_actions_item)


        _recurring = d.pop("recurring", UNSET)
        recurring: list[RecurringOut] | Unset = UNSET
        if _recurring is not UNSET:
            recurring = []
            for recurring_item_data in _recurring:
                recurring_item = RecurringOut.from_dict(recurring_item_data)



                recurring.append(recurring_item)


        plan_out = cls(
            customer_id=customer_id,
            customer=customer,
            contact=contact,
            open_actions=open_actions,
            recent_actions=recent_actions,
            recurring=recurring,
        )


        plan_out.additional_properties = d
        return plan_out

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
