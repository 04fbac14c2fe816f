"""The offline gates on the synthesized templates, part two: cfn-lint and checkov on every template
(both stages, nested stacks included). They were started in the
background by test_compliance.py (see static_checks.py); this module collects their reports."""

from __future__ import annotations

import pytest

from deploy import compliance

from .static_checks import template_key

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]


def merged(static_checks, stripped: bool = False) -> dict[str, list[dict]]:
    return static_checks.checkov(stripped)


def test_cfn_lint_reports_no_error_and_no_warning(static_checks):
    code, matches = static_checks.cfn_lint()
    problems = [f"{m['Rule']['Id']} {m['Filename']} {m['Location']['Path']}: {m['Message']}" for m in matches]
    assert problems == [] and code == 0


def test_the_checkers_read_every_template(static_checks):
    assert len(static_checks.paths) == 4  # dev and prod, each with its monitoring stack
    assert all(path.stat().st_size > 10_000 for path in static_checks.paths)


def test_checkov_fails_nothing(static_checks):
    results = merged(static_checks)
    assert len(results["passed_checks"]) > 400  # it did scan the templates
    failed = [f"{c['check_id']} {c['resource']} ({c['file_path']})" for c in results["failed_checks"]]
    assert failed == []


def test_every_checkov_skip_is_needed_has_its_reason_and_is_scoped(static_checks):
    """The skips written into the templates are exactly what checkov fails without them."""
    skipped_checks = merged(static_checks)["skipped_checks"]
    skipped = {(c["check_id"], c["resource"], template_key(c["file_path"])) for c in skipped_checks}
    failing = {
        (c["check_id"], c["resource"], template_key(c["file_path"]))
        for c in merged(static_checks, stripped=True)["failed_checks"]
    }
    assert skipped == failing
    reasons = {skip.check: skip.reason for skip in compliance.CHECKOV_SKIPS}
    for check in skipped_checks:
        assert check["check_result"]["suppress_comment"] == reasons[check["check_id"]]


def test_checkov_skips_are_declared_once_with_a_reason():
    checks = [(skip.check, skip.resource_type) for skip in compliance.CHECKOV_SKIPS]
    assert len(checks) == len(set(checks))
    for skip in compliance.CHECKOV_SKIPS:
        assert skip.check.startswith("CKV") and skip.resource_type.startswith("AWS::")
        assert len(skip.reason) >= 80, skip.check
        assert (skip.only is None) == (not skip.where), skip.check
