"""The eligibility rule (shared/read_models.py `eligible_types`): which process types a candidate may
use next, from the status of their last registration for the exam."""

from __future__ import annotations

import typing

import pytest

from shared.models.exam_registrations import ExamRegistrationIn
from shared.read_models import eligible_types

RULE = {
    None: {"register"},  # never registered
    "cancelled": {"register"},
    "failed": {"retest"},
    "no show": {"retest"},
    "draft": set(),  # in progress
    "registered": set(),  # in progress
    "passed": set(),  # done
}


@pytest.mark.parametrize(("status", "expected"), RULE.items())
def test_eligible_types(status, expected):
    assert eligible_types(status) == expected


def test_the_rule_decides_every_registration_status():
    """A status added to the model must be given a place in the rule (and in this table)."""
    statuses = set(typing.get_args(ExamRegistrationIn.model_fields["status"].annotation))
    assert statuses == {s for s in RULE if s is not None}
