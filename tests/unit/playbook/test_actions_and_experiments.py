"""Action life cycle and stable experiment assignment."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from services.playbook.domain.actions import ActionStatus, is_overdue, transition_refusal
from services.playbook.domain.experiments import CONTROL, assign, bucket

NOW = datetime(2026, 3, 15, tzinfo=UTC)


@pytest.mark.parametrize(("current", "target"), [
    ("pending", "done"), ("pending", "cancelled"), ("deferred", "cancelled"), ("deferred", "pending"),
])
def test_allowed_transitions(current, target):
    assert transition_refusal(ActionStatus(current), ActionStatus(target), NOW, None) is None


@pytest.mark.parametrize(("current", "target"), [
    ("done", "pending"), ("done", "cancelled"), ("cancelled", "pending"), ("cancelled", "done"),
    ("deferred", "done"),
])
def test_invalid_transitions_are_refused(current, target):
    assert transition_refusal(ActionStatus(current), ActionStatus(target), NOW, None)


def test_a_deferred_action_goes_ahead_only_from_its_date():
    later = NOW + timedelta(days=3)
    assert "deferred until" in transition_refusal(ActionStatus.DEFERRED, ActionStatus.PENDING, NOW, later)
    assert transition_refusal(ActionStatus.DEFERRED, ActionStatus.PENDING, later, later) is None


def test_overdue_is_pending_and_past_due():
    assert is_overdue(ActionStatus.PENDING, NOW - timedelta(seconds=1), NOW)
    assert not is_overdue(ActionStatus.DONE, NOW - timedelta(days=1), NOW)
    assert not is_overdue(ActionStatus.PENDING, NOW + timedelta(seconds=1), NOW)


def test_assignment_is_stable_and_uses_sha256_of_experiment_and_customer():
    import hashlib

    digest = hashlib.sha256(b"exp-1:C-42").digest()
    assert bucket("exp-1", "C-42") == int.from_bytes(digest[:8], "big") / 2**64
    assert assign("exp-1", "C-42", 0.2, ["a", "b"]) == assign("exp-1", "C-42", 0.2, ["a", "b"])


def test_assignment_splits_control_and_variants_in_the_given_shares():
    arms = Counter(assign("exp-1", f"C-{i}", 0.2, ["a", "b"]) for i in range(4000))
    assert abs(arms[CONTROL] / 4000 - 0.2) < 0.03
    assert abs(arms["a"] - arms["b"]) / 4000 < 0.05


def test_a_zero_control_share_puts_nobody_in_control():
    assert all(assign("exp-2", f"C-{i}", 0.0, ["a"]) == "a" for i in range(200))
