"""CDK context options: defaults per stage, parsing of `-c` strings and cdk.json values, and the
options table in docs/deploy.md."""

from __future__ import annotations

import re

import aws_cdk as cdk
import pytest

from deploy.config import OPTIONS, ConfigError, StackConfig

from .conftest import CDK_JSON, REPO_ROOT

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]


def config(**context) -> StackConfig:
    return StackConfig.from_context(cdk.App(context=context).node)


def test_cdk_json_runs_the_app_with_dev_as_the_default_stage():
    assert CDK_JSON["app"] == "python3 deploy/app.py"
    assert CDK_JSON["context"]["stage"] == "dev"


def test_defaults_differ_by_stage_where_data_or_cost_says_so():
    dev, prod = config(), config(stage="prod")
    assert (dev.stage, dev.is_production, prod.is_production) == ("dev", False, True)
    assert (dev.log_retention_days, prod.log_retention_days) == (7, 365)
    assert (dev.access_log_retention_days, prod.access_log_retention_days) == (90, 365)
    assert (dev.reserved_concurrency, prod.reserved_concurrency) == (10, 50)
    for c in (dev, prod):
        assert c.bulk_load_retention_days == c.export_retention_days == 30
        assert c.authorizer_cache_ttl_seconds == 300
        assert (c.cors_origins, c.waf_acl_arn, c.alarm_topic_arn) == ((), None, None)


def test_command_line_strings_and_json_values_both_parse():
    assert config(bulkLoadRetentionDays="14").bulk_load_retention_days == 14
    assert config(bulkLoadRetentionDays=14).bulk_load_retention_days == 14
    assert config(corsOrigins="https://a.example, https://b.example/").cors_origins == (
        "https://a.example",
        "https://b.example",
    )
    assert config(corsOrigins='["https://a.example"]').cors_origins == ("https://a.example",)
    assert config(corsOrigins=["https://a.example"]).cors_origins == ("https://a.example",)
    assert config(logLevel="debug").log_level == "DEBUG"
    assert config(authorizerCacheTtlSeconds="0").authorizer_cache_ttl_seconds == 0
    assert config(snapStart="true").snap_start is True and config(snapStart=True).snap_start is True
    assert config(snapStart="false").snap_start is False and config().snap_start is False


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ({"bulkLoadRetentionDays": "0"}, "bulkLoadRetentionDays"),
        ({"bulkLoadRetentionDays": "soon"}, "whole number"),
        ({"logRetentionDays": "10"}, "not a CloudWatch Logs retention"),
        ({"authorizerCacheTtlSeconds": "7200"}, "authorizerCacheTtlSeconds"),
        ({"corsOrigins": "http://evil.example"}, "https://"),
        ({"wafAclArn": "arn:aws:sns:eu-west-1:1:x"}, "wafv2"),
        ({"alarmTopicArn": "my-topic"}, "sns"),
        ({"throttleRateLimit": "500", "throttleBurstLimit": "100"}, "throttleBurstLimit"),
        ({"logLevel": "LOUD"}, "log level"),
        ({"snapStart": "maybe"}, "snapStart: expected true or false"),
    ],
)
def test_bad_values_stop_synthesis_with_the_option_named(context, message):
    with pytest.raises(ConfigError, match=message):
        config(**context)


def test_deploy_guide_lists_every_context_option():
    guide = (REPO_ROOT / "docs" / "deploy.md").read_text()
    table = {match.group(1) for match in re.finditer(r"^\| `(\w+)` \|", guide, re.MULTILINE)}
    assert {option.key for option in OPTIONS} <= table
