"""The care schedule an admin edits (docs/design.md §9): the presence and at-risk windows."""

import pytest

from services.playbook.domain.care_schedule import (
    CareSchedule,
    CareScheduleError,
    care_schedule_from_document,
    care_schedule_to_document,
)


def test_the_defaults_are_a_month_for_presence_and_30_days_at_risk():
    assert care_schedule_to_document(CareSchedule()) == {"presence_check_days": 30, "digest_at_risk_days": 30}


def test_an_edited_schedule_is_read_back_as_written():
    document = {"presence_check_days": 45, "digest_at_risk_days": 14}
    assert care_schedule_to_document(care_schedule_from_document(document)) == document


@pytest.mark.parametrize(("document", "field"), [
    ({"presence_check_days": 0, "digest_at_risk_days": 30}, "presence_check_days"),
    ({"presence_check_days": 367, "digest_at_risk_days": 30}, "presence_check_days"),
    ({"presence_check_days": 30, "digest_at_risk_days": -1}, "digest_at_risk_days"),
    ({"presence_check_days": 30, "digest_at_risk_days": 7.5}, "digest_at_risk_days"),
    ({"presence_check_days": "30", "digest_at_risk_days": 30}, "presence_check_days"),
    ({"presence_check_days": True, "digest_at_risk_days": 30}, "presence_check_days"),
    ({"digest_at_risk_days": 30}, "presence_check_days"),
    ({"presence_check_days": 30, "digest_at_risk_days": 30, "presence_days": 10}, "presence_days"),
    ([30, 30], "body"),
])
def test_a_value_out_of_range_or_unknown_names_its_field(document, field):
    with pytest.raises(CareScheduleError) as raised:
        care_schedule_from_document(document)
    assert raised.value.field == field
