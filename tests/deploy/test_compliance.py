"""The offline gates on the synthesized templates, part one: `cdk synth` for both stages and cdk-nag
(AwsSolutions, 3.x plugin wiring), clean, with every accepted finding written down in
deploy/compliance.py and none accepted that does not occur. cfn-lint and checkov: test_static_checks.py."""

from __future__ import annotations

import functools
import json

import aws_cdk as cdk
import pytest
from aws_cdk import aws_s3 as s3
from cdk_nag import AwsSolutionsChecks

import deploy.app
import deploy.stack
from deploy import compliance
from deploy.stack import ExamRegistrationStack, stack_name

from .conftest import CDK_JSON, STAGE_CONTEXT, Synthesized, needed

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]


@pytest.fixture(scope="module", autouse=True)
def _static_checks_run_in_the_background(request):
    """Start cfn-lint and checkov on the CLI's templates now, if test_static_checks.py (which collects
    their reports at the end) is part of this run."""
    if needed(request, "static_checks"):
        request.getfixturevalue("static_checks")


# --- cdk synth -------------------------------------------------------------------------------------


def test_cdk_synth_writes_both_stages_templates_offline(cli_synth):
    for stage, out in cli_synth.items():
        manifest = json.loads((out / "manifest.json").read_text())
        assert stack_name(stage) in manifest["artifacts"]
        template = json.loads((out / f"{stack_name(stage)}.template.json").read_text())
        assert template["Resources"]
        # The real Lambda asset was staged with the template (built by deploy.bundle, no Docker).
        assets = json.loads((out / f"{stack_name(stage)}.assets.json").read_text())["files"]
        staged = [out / a["source"]["path"] for a in assets.values() if a["source"].get("packaging") == "zip"]
        assert any((path / "functions" / "authorizer" / "handler.py").is_file() for path in staged)


def test_templates_stay_well_below_cloudformation_limits(all_templates):
    """500 resources and 1 MB per template (nested stacks count apart): room for the route table to grow."""
    for synthesized in all_templates:
        for path in synthesized.template_paths:
            template = json.loads(path.read_text())
            # prod (CORS: an OPTIONS method per path) holds ~385 since the webhook routes and parts;
            # the API's methods are the bulk (~250), so they are what a nested stack would take next.
            assert len(template["Resources"]) <= 400, f"{path.name}: {len(template['Resources'])} of 500 resources"
            assert len(template.get("Parameters", {})) <= 150, path.name  # of 200
            assert path.stat().st_size < 700_000, path.name


# --- cdk-nag ---------------------------------------------------------------------------------------


def test_the_app_runs_cdk_nag_on_synthesis(monkeypatch, stub_asset, tmp_path):
    """build_app registers the AwsSolutions pack as a validation plugin: a finding stops `app.synth()`."""

    class LeakyStack(cdk.Stack):
        def __init__(self, scope, construct_id, **_):
            super().__init__(scope, construct_id)
            s3.Bucket(self, "Unlogged", enforce_ssl=True)  # AwsSolutions-S1: no server access logs

    monkeypatch.setattr(deploy.app, "ExamRegistrationStack", LeakyStack)
    # CDK's built-in template checks are not the point here (and cost seconds): only cdk-nag runs.
    monkeypatch.setattr(deploy.app.cdk, "App", functools.partial(cdk.App, builtin_cloud_formation_validation=False))
    app, _ = deploy.app.build_app({"stage": "dev"}, str(tmp_path), stub_asset)
    with pytest.raises(RuntimeError, match=r"(?s)ValidationFailed: .*AwsSolutions-S1"):
        app.synth()


def nag_findings(stack: cdk.Stack) -> set[tuple[str, str]]:
    report = AwsSolutionsChecks().validate_scope(stack)
    return {(r.construct_path, v.rule_name) for v in report.violations for r in v.violating_resources}


@pytest.fixture(scope="module")
def unacknowledged(stub_asset) -> dict[str, tuple[ExamRegistrationStack, set[tuple[str, str]]]]:
    """Both stages' construct trees without deploy/compliance.py applied, and what cdk-nag finds there."""
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deploy.stack.compliance, "apply", lambda stack: None)
        for stage in ("dev", "prod"):
            app = cdk.App(context={**CDK_JSON["context"], "stage": stage, **STAGE_CONTEXT[stage]})
            stack = ExamRegistrationStack(app, stack_name(stage), asset_dir=stub_asset)
            found[stage] = (stack, nag_findings(stack))
    return found


def template_acknowledgments(synthesized: Synthesized) -> set[tuple[str, str]]:
    """(construct path, rule) of each acknowledgment cdk-nag wrote into the template's metadata."""
    found = set()
    nested = [template["Resources"].values() for _, template in synthesized.nested.values()]
    for resource in [*synthesized.resources.values(), *(r for group in nested for r in group)]:
        metadata = resource.get("Metadata", {})
        for rule in metadata.get("cdk_nag", {}).get("rules_to_suppress", []):
            assert len(rule["reason"]) >= 40, rule  # a written reason, not a placeholder
            found.add((metadata["aws:cdk:path"], rule["id"]))
    return found


def test_cdk_nag_finds_nothing_unacknowledged_with_a_function_that_queries_an_index(indexed):
    assert nag_findings(indexed) == set()


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_each_acknowledgment_covers_exactly_one_real_finding(request, unacknowledged, stage):
    """Without deploy/compliance.py cdk-nag reports exactly what the template acknowledges: nothing
    is acknowledged that is not found (stale or too broad), and nothing found is unacknowledged."""
    synthesized = request.getfixturevalue(stage)
    _, findings = unacknowledged[stage]
    assert findings, "cdk-nag found nothing at all: is the pack running?"
    assert template_acknowledgments(synthesized) == findings


def test_every_acknowledged_rule_has_a_reason_and_is_rule_specific():
    for rule, reason in compliance.NAG_REASONS.items():
        assert rule.startswith("AwsSolutions-"), rule
        assert len(reason) >= 80, rule
        if rule.split("[")[0] in ("AwsSolutions-IAM4", "AwsSolutions-IAM5"):
            assert "[" in rule, f"{rule}: IAM findings are acknowledged one finding at a time"


def test_the_only_resource_star_left_is_x_ray(all_templates):
    """The one `Resource: *` left in any function role is the X-Ray statement."""
    for synthesized in all_templates:
        for resource in synthesized.resources.values():
            if resource["Type"] != "AWS::IAM::Policy":
                continue
            for statement in resource["Properties"]["PolicyDocument"]["Statement"]:
                if statement["Resource"] == "*":
                    assert sorted(statement["Action"]) == ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
