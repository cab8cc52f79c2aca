"""Published events are checked against their JSON Schema outside production (tests and
development catch a wrong event where it is made); in production the check is off by default,
and every consumer still validates what it receives (`parse_event`)."""

import pytest

from shared.events.envelope import InvalidEvent, new_event, parse_event
from shared.settings import Environment, PlatformSettings

SECRET = "a-secret-of-this-deployment-0123456789abcdef"
NOT_A_TICKET = {"ticket_id": 42}


def test_outside_production_published_events_are_validated():
    assert PlatformSettings().validates_published_events


def test_production_skips_it_unless_asked():
    production = PlatformSettings(env=Environment.PRODUCTION, jwt_secret=SECRET)
    assert not production.validates_published_events
    assert PlatformSettings(
        env=Environment.PRODUCTION, jwt_secret=SECRET, validate_published_events=True
    ).validates_published_events


def test_a_wrong_event_is_refused_where_it_is_made_when_validating():
    with pytest.raises(InvalidEvent):
        new_event("ticket-created", "feedback", "c1", NOT_A_TICKET, None)


def test_unvalidated_the_consumer_still_refuses_it():
    event = new_event("ticket-created", "feedback", "c1", NOT_A_TICKET, None, validate=False)
    with pytest.raises(InvalidEvent):
        parse_event(event.to_json())
