"""The synthesized CloudFormation templates: what API Gateway, Lambda, DynamoDB and S3 will really be
configured as, checked against the route table, the table schema and the code that runs locally.

`dev` and `prod` come from `npx cdk synth` itself, dev on the defaults and prod with every optional
context value that changes the template (see conftest.py)."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match

from deploy import bundle
from deploy.config import StackConfig
from deploy.parts.data import EXPIRY_TAG_KEY
from deploy.parts.functions import (
    BULK_WORKER_FILE_PREFIXES,
    BULK_WORKER_INDEXES,
    INDEX_QUERIES,
    TABLE_ACTIONS,
    file_prefixes,
    indexes_used_by,
)
from deploy.parts.lambda_function import LAMBDA_RUNTIME
from deploy.stack import ExamRegistrationStack
from emulator import gateway
from shared import gateway_contract
from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE
from shared.gateway_contract import CORS_ALLOW_HEADERS
from shared.routes import (
    AUTHORIZER_MODULE,
    BULK_WORKER_MODULE,
    LAMBDAS,
    WEBHOOK_DISPATCHER_MODULE,
    WEBHOOK_FANOUT_MODULE,
    Lambda,
    Route,
)
from shared.table_schema import GLOBAL_SECONDARY_INDEXES, TTL_ATTRIBUTE, create_table_request

from .conftest import CDK_JSON, EXTRA_INDEX, PROD_CONTEXT, STAGE_CONTEXT, Synthesized
from .template_helpers import (
    as_list,
    function_by_module,
    invoked_by_module,
    mentions,
    methods,
    of_type,
    our_functions,
    resource_paths,
    role_of,
    role_statements,
)

pytestmark = [pytest.mark.deploy, pytest.mark.xdist_group("deploy")]

RESOURCE_ENVIRONMENT = (
    "TABLE_NAME",
    "BUCKET_NAME",
    "TENANT_MAX_RECORDS_PER_RESOURCE",
    "PAGE_TOKEN_SECRET_ARN",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_LOG_LEVEL",
    "POWERTOOLS_METRICS_NAMESPACE",
)


def config_of(synthesized: Synthesized) -> StackConfig:
    """The settings the stack was built with, read from the same context."""
    context = {**CDK_JSON["context"], **STAGE_CONTEXT[synthesized.stage]}
    return StackConfig.from_context(cdk.App(context=context).node, synthesized.stage)


# --- stages ----------------------------------------------------------------------------------------


def test_each_stage_is_its_own_named_stack(synthesized):
    assert synthesized.name == f"ExamRegistration-{synthesized.stage}"
    assert synthesized.template["Description"] == f"Exam registration API ({synthesized.stage})"


@pytest.mark.parametrize(
    "resource_type",
    [
        "AWS::DynamoDB::Table",
        "AWS::S3::Bucket",
        "AWS::SecretsManager::Secret",
        "AWS::Logs::LogGroup",
        "AWS::KMS::Key",
        "AWS::SQS::Queue",
    ],
)
def test_stateful_resources_are_retained_only_in_prod(synthesized, resource_type):
    expected = "Retain" if synthesized.stage == "prod" else "Delete"
    found = of_type(synthesized.resources, resource_type)
    assert found
    for name, res in found.items():
        assert res["DeletionPolicy"] == expected, name
        assert res["UpdateReplacePolicy"] == expected, name


def test_prod_table_has_deletion_protection_and_dev_buckets_empty_themselves(synthesized):
    table = next(iter(of_type(synthesized.resources, "AWS::DynamoDB::Table").values()))["Properties"]
    assert table.get("DeletionProtectionEnabled", False) is (synthesized.stage == "prod")
    emptied = of_type(synthesized.resources, "Custom::S3AutoDeleteObjects")
    buckets = of_type(synthesized.resources, "AWS::S3::Bucket")
    if synthesized.stage == "prod":
        assert not emptied
    else:
        assert {res["Properties"]["BucketName"]["Ref"] for res in emptied.values()} == set(buckets)


# --- DynamoDB --------------------------------------------------------------------------------------


def test_table_matches_the_shared_schema_on_demand_with_pitr_encryption_and_ttl(synthesized):
    tables = of_type(synthesized.resources, "AWS::DynamoDB::Table")
    assert len(tables) == 1
    props = next(iter(tables.values()))["Properties"]
    local = create_table_request("unused")
    assert props["KeySchema"] == local["KeySchema"]
    assert sorted(props["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == local["AttributeDefinitions"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert "ProvisionedThroughput" not in props
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"] == {"SSEEnabled": True}  # KMS, AWS-managed key
    assert props["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}
    # The local table's stream (what emulator/dispatcher.py reads) is the deployed one.
    assert props["StreamSpecification"] == {"StreamViewType": local["StreamSpecification"]["StreamViewType"]}
    assert local["StreamSpecification"]["StreamEnabled"] is True
    deployed = {
        index["IndexName"]: [(k["AttributeName"], k["KeyType"]) for k in index["KeySchema"]]
        for index in props.get("GlobalSecondaryIndexes", [])
    }
    expected = {
        i["IndexName"]: [(k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]]
        for i in local.get("GlobalSecondaryIndexes", [])
    }
    assert deployed == expected  # the schema's indexes, no others
    for index in props.get("GlobalSecondaryIndexes", []):
        assert index["Projection"] == {"ProjectionType": "ALL"}


def test_an_index_added_to_the_schema_is_added_to_the_table(indexed):
    indexes = indexed.resolve(indexed.table.node.default_child.global_secondary_indexes)
    assert {index["indexName"] for index in indexes} == {*GLOBAL_SECONDARY_INDEXES, EXTRA_INDEX[0]}


# --- S3 --------------------------------------------------------------------------------------------


def buckets(synthesized: Synthesized) -> tuple[str, dict, str, dict]:
    """(data bucket id, props, access-log bucket id, props)."""
    found = of_type(synthesized.resources, "AWS::S3::Bucket")
    data = next(name for name, res in found.items() if "LoggingConfiguration" in res["Properties"])
    log = next(name for name in found if name != data)
    return data, found[data]["Properties"], log, found[log]["Properties"]


def test_both_buckets_are_private_encrypted_versioned_and_tls_only(synthesized):
    resources = synthesized.resources
    for name, props in of_type(resources, "AWS::S3::Bucket").items():
        assert props["Properties"]["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }, name
        assert props["Properties"]["BucketEncryption"] == {
            "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        }, name
        assert props["Properties"]["VersioningConfiguration"] == {"Status": "Enabled"}, name
        assert props["Properties"]["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        policy = next(
            p["Properties"]["PolicyDocument"]["Statement"]
            for p in of_type(resources, "AWS::S3::BucketPolicy").values()
            if p["Properties"]["Bucket"] == {"Ref": name}
        )
        denies = [s for s in policy if s["Effect"] == "Deny" and s["Principal"] == {"AWS": "*"}]
        conditions = [s["Condition"] for s in denies]
        assert {"Bool": {"aws:SecureTransport": "false"}} in conditions, name
        assert {"NumericLessThan": {"s3:TlsVersion": 1.2}} in conditions, name


def test_data_bucket_logs_its_access_to_the_log_bucket(synthesized):
    data, props, log, log_props = buckets(synthesized)
    assert props["LoggingConfiguration"] == {"DestinationBucketName": {"Ref": log}, "LogFilePrefix": "bulk-files/"}
    assert "LoggingConfiguration" not in log_props
    log_policy = next(
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in of_type(synthesized.resources, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": log}
    )
    delivery = next(s for s in log_policy if s.get("Principal") == {"Service": "logging.s3.amazonaws.com"})
    assert delivery["Effect"] == "Allow" and delivery["Action"] == "s3:PutObject"
    assert mentions(delivery["Condition"], data)  # only this bucket's logs


def lifecycle(props: dict) -> dict[str, dict]:
    return {rule["Id"]: rule for rule in props["LifecycleConfiguration"]["Rules"]}


def test_bulk_load_and_export_files_expire_after_their_configured_days(all_templates):
    for synthesized in all_templates:
        config = config_of(synthesized)
        _, props, _, _ = buckets(synthesized)
        rules = lifecycle(props)
        for rule_id, value, days in (
            ("expire-bulk-load-files", "bulk-load", config.bulk_load_retention_days),
            ("expire-exports", "export", config.export_retention_days),
        ):
            rule = rules[rule_id]
            assert rule["Status"] == "Enabled"
            assert rule["TagFilters"] == [{"Key": EXPIRY_TAG_KEY, "Value": value}]
            assert "Prefix" not in rule  # tenant-first keys: selected by tag, in every tenant
            assert rule["ExpirationInDays"] == days, (synthesized.name, rule_id)
            assert rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 1}
        housekeeping = rules["housekeeping"]
        assert housekeeping["NoncurrentVersionExpiration"] == {
            "NoncurrentDays": config.noncurrent_version_retention_days
        }
        assert housekeeping["AbortIncompleteMultipartUpload"] == {"DaysAfterInitiation": 7}
        assert housekeeping["ExpiredObjectDeleteMarker"] is True
    assert config_of(all_templates[1]).bulk_load_retention_days == 14  # the context value was used


def test_access_logs_expire(synthesized):
    _, _, _, log_props = buckets(synthesized)
    rule = lifecycle(log_props)["expire-access-logs"]
    assert rule["ExpirationInDays"] == (365 if synthesized.stage == "prod" else 90)


# --- Lambda ----------------------------------------------------------------------------------------


BACKGROUND_MODULES = (BULK_WORKER_MODULE, WEBHOOK_FANOUT_MODULE, WEBHOOK_DISPATCHER_MODULE)


def test_one_lambda_per_route_table_function_plus_the_authorizer_and_the_background_ones(synthesized):
    handlers = sorted(props["Handler"] for props in our_functions(synthesized.resources).values())
    modules = [f.module for f in LAMBDAS] + [AUTHORIZER_MODULE, *BACKGROUND_MODULES]
    assert handlers == sorted(f"{module}.lambda_handler" for module in modules)


def test_runtime_is_the_bundles_python_on_arm64():
    assert LAMBDA_RUNTIME.name == f"python{bundle.LAMBDA_PYTHON_VERSION}"
    assert bundle.LAMBDA_MACHINE == "aarch64" and all(p.endswith("_aarch64") for p in bundle.LAMBDA_PLATFORMS)
    newest = max(
        (r for r in cdk.aws_lambda.Runtime.ALL if r.name.startswith("python3.")),
        key=lambda r: tuple(int(p) for p in r.name.removeprefix("python").split(".")),
    )
    assert LAMBDA_RUNTIME.name == newest.name  # the newest Python runtime this CDK knows


def test_every_function_is_arm64_traced_bounded_and_logs_to_its_own_group(all_templates):
    for synthesized in all_templates:
        config = config_of(synthesized)
        functions = our_functions(synthesized.resources)
        log_groups = of_type(synthesized.resources, "AWS::Logs::LogGroup")
        used_groups = set()
        for name, props in functions.items():
            assert props["Architectures"] == ["arm64"], name
            assert props["Runtime"] == LAMBDA_RUNTIME.name, name
            assert props["TracingConfig"] == {"Mode": "Active"}, name
            assert props["ReservedConcurrentExecutions"] == config.reserved_concurrency, name
            if props["Handler"].startswith(BULK_WORKER_MODULE):  # asynchronous, no API Gateway limit
                assert props["MemorySize"] == 1024 and props["Timeout"] == 900, name
            elif props["Handler"].startswith(WEBHOOK_DISPATCHER_MODULE):  # the receiver's 15 s and more
                assert props["MemorySize"] == 512 and props["Timeout"] == 30, name
            elif props["Handler"].startswith(WEBHOOK_FANOUT_MODULE):  # a stream batch of 100 events
                assert props["MemorySize"] == 512 and props["Timeout"] == 60, name
            else:
                assert props["MemorySize"] == 512 and props["Timeout"] <= 15, name
            log_group = props["LoggingConfig"]["LogGroup"]["Ref"]
            assert log_groups[log_group]["Properties"]["RetentionInDays"] == config.log_retention_days, name
            used_groups.add(log_group)
        assert len(used_groups) == len(functions)
    assert config_of(all_templates[0]).reserved_concurrency == 10  # dev default
    assert config_of(all_templates[1]).reserved_concurrency == 50  # prod default


def test_bulk_worker_runs_on_every_object_created_and_sends_failed_events_to_an_encrypted_dlq(synthesized):
    resources = synthesized.resources
    worker = function_by_module(resources)[BULK_WORKER_MODULE]
    data, _, _, _ = buckets(synthesized)
    # A direct S3 -> Lambda notification (the classic `Records[].s3` event the handler reads), unfiltered:
    # keys start with the tenant id, so no prefix can select them; the worker ignores other keys.
    (notifications,) = of_type(resources, "Custom::S3BucketNotifications").values()
    assert notifications["Properties"]["BucketName"] == {"Ref": data}
    assert notifications["Properties"]["NotificationConfiguration"] == {
        "LambdaFunctionConfigurations": [
            {"Events": ["s3:ObjectCreated:*"], "LambdaFunctionArn": {"Fn::GetAtt": [worker, "Arn"]}}
        ]
    }
    permissions = [
        p["Properties"]
        for p in of_type(resources, "AWS::Lambda::Permission").values()
        if mentions(p["Properties"]["FunctionName"], worker)
    ]
    assert permissions == [
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": [worker, "Arn"]},
            "Principal": "s3.amazonaws.com",
            "SourceAccount": {"Ref": "AWS::AccountId"},
            "SourceArn": {"Fn::GetAtt": [data, "Arn"]},
        }
    ]
    dlq_id = bulk_worker_dlq(resources)
    dlq = resources[dlq_id]
    assert our_functions(resources)[worker]["DeadLetterConfig"] == {"TargetArn": {"Fn::GetAtt": [dlq_id, "Arn"]}}
    (invoke_config,) = of_type(resources, "AWS::Lambda::EventInvokeConfig").values()
    assert invoke_config["Properties"]["FunctionName"] == {"Ref": worker}
    assert invoke_config["Properties"]["MaximumRetryAttempts"] == 2
    assert 3600 <= invoke_config["Properties"]["MaximumEventAgeInSeconds"] <= 6 * 3600
    assert dlq["Properties"]["KmsMasterKeyId"] == "alias/aws/sqs"
    assert dlq["Properties"]["MessageRetentionPeriod"] == 14 * 86400
    (queue_policy,) = [
        p
        for p in of_type(resources, "AWS::SQS::QueuePolicy").values()
        if p["Properties"]["Queues"] == [{"Ref": dlq_id}]
    ]
    (deny,) = queue_policy["Properties"]["PolicyDocument"]["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    expected_policy = "Retain" if synthesized.stage == "prod" else "Delete"
    assert resources[dlq_id]["DeletionPolicy"] == expected_policy


def bulk_worker_dlq(resources: dict) -> str:
    """The logical id of the bulk worker's dead-letter queue (the stack has webhook queues too)."""
    (dlq_id,) = [name for name in of_type(resources, "AWS::SQS::Queue") if name.startswith("BulkLoaderDlq")]
    return dlq_id


def test_functions_share_one_code_asset(synthesized):
    code = {json.dumps(props["Code"], sort_keys=True) for props in our_functions(synthesized.resources).values()}
    assert len(code) == 1


def test_functions_get_powertools_and_settings_environment(synthesized):
    config = config_of(synthesized)
    resources = synthesized.resources
    by_module = function_by_module(resources)
    functions = our_functions(resources)
    secret = next(iter(of_type(resources, "AWS::SecretsManager::Secret")))
    for module in [f.module for f in LAMBDAS] + [AUTHORIZER_MODULE, BULK_WORKER_MODULE]:
        variables = functions[by_module[module]]["Environment"]["Variables"]
        assert variables["POWERTOOLS_SERVICE_NAME"] == "exam-registration-api"
        assert variables["POWERTOOLS_LOG_LEVEL"] == config.log_level
        assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "ExamRegistration"
        assert "TABLE_NAME" in variables
        if module != AUTHORIZER_MODULE:
            assert set(RESOURCE_ENVIRONMENT) <= set(variables), module
            assert variables["PAGE_TOKEN_SECRET_ARN"] == {"Ref": secret}
            assert int(variables["TENANT_MAX_RECORDS_PER_RESOURCE"]) == config.tenant_max_records_per_resource
            cors = None if module == BULK_WORKER_MODULE else (",".join(config.cors_origins) or None)
            assert variables.get("CORS_ALLOWED_ORIGINS") == cors, module


def test_page_token_secret_is_generated(synthesized):
    synthesized.assertions.has_resource_properties(
        "AWS::SecretsManager::Secret", {"GenerateSecretString": Match.object_like({"PasswordLength": 64})}
    )


def test_each_function_has_its_own_role_without_managed_policies(synthesized):
    resources = synthesized.resources
    roles = [role_of(resources, name) for name in our_functions(resources)]
    assert len(set(roles)) == len(roles)
    for role in roles:
        props = resources[role]["Properties"]
        assert "ManagedPolicyArns" not in props, role  # no AWSLambdaBasicExecutionRole (logs:* everywhere)
        assert props["AssumeRolePolicyDocument"]["Statement"] == [
            {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}
        ]


def test_functions_are_invoked_only_by_this_api_on_their_own_paths(synthesized):
    resources = synthesized.resources
    by_module = invoked_by_module(resources)
    permissions = of_type(resources, "AWS::Lambda::Permission").values()
    api = next(iter(of_type(resources, "AWS::ApiGateway::RestApi")))
    for function in LAMBDAS:
        granted = [
            p["Properties"]
            for p in permissions
            if mentions(p["Properties"]["FunctionName"], by_module[function.module])
        ]
        assert granted, function.name
        for props in granted:
            assert props["Principal"] == "apigateway.amazonaws.com"
            assert props["Action"] == "lambda:InvokeFunction"
            assert mentions(props["SourceArn"], api)
            arn = json.dumps(props["SourceArn"])
            assert f"/{synthesized.stage}/*/{function.name}/*" in arn, arn


# --- API Gateway -----------------------------------------------------------------------------------


def test_every_route_is_a_method_and_nothing_else_is(synthesized):
    expected = {(route.method, route.path) for function in LAMBDAS for route in function.routes}
    found = {key for key in methods(synthesized.resources) if key[0] != "OPTIONS"}  # CORS preflights apart
    assert found == expected


def test_resources_are_shared_between_routes(synthesized):
    paths = list(resource_paths(synthesized.resources).values())
    assert len(paths) == len(set(paths))
    assert "/exams/{tenantId}" in paths and "/exams/{tenantId}/{id}" in paths


def test_each_method_is_custom_authorized_and_proxies_to_its_own_function(synthesized):
    resources = synthesized.resources
    by_module = invoked_by_module(resources)
    authorizer = next(iter(of_type(resources, "AWS::ApiGateway::Authorizer")))
    found = methods(resources)
    for function in LAMBDAS:
        for route in function.routes:
            props = found[(route.method, route.path)]
            assert props["AuthorizationType"] == "CUSTOM", route
            assert props["AuthorizerId"] == {"Ref": authorizer}, route
            assert not props.get("ApiKeyRequired", False), route  # tenants use the project's own keys
            assert props["Integration"]["Type"] == "AWS_PROXY", route
            assert props["Integration"]["IntegrationHttpMethod"] == "POST", route
            assert mentions(props["Integration"]["Uri"], by_module[function.module]), route
            others = [name for module, name in by_module.items() if module != function.module]
            assert not any(mentions(props["Integration"]["Uri"], other) for other in others), route


def test_authorizer_caches_per_api_key_alone_for_the_configured_ttl(all_templates):
    """The cache key is the Authorization header only (no path identity source, which CDK's
    IdentitySource does not offer): the cached policy itself covers the key's own tenant only
    (tests/api/test_auth.py)."""
    for synthesized in all_templates:
        authorizers = of_type(synthesized.resources, "AWS::ApiGateway::Authorizer")
        assert len(authorizers) == 1
        props = next(iter(authorizers.values()))["Properties"]
        assert props["Type"] == "REQUEST"
        assert props["IdentitySource"] == "method.request.header.Authorization"
        assert props["AuthorizerResultTtlInSeconds"] == config_of(synthesized).authorizer_cache_ttl_seconds
        assert mentions(props["AuthorizerUri"], invoked_by_module(synthesized.resources)[AUTHORIZER_MODULE])
    assert config_of(all_templates[0]).authorizer_cache_ttl_seconds == 300
    assert config_of(all_templates[1]).authorizer_cache_ttl_seconds == 60


def test_snap_start_serves_the_api_from_a_published_version_when_configured(synthesized):
    """With `snapStart` (prod's test context), the authorizer and every API function start from a
    snapshot and API Gateway invokes their `live` alias; the asynchronous bulk worker is left out.
    Without it (dev), nothing is published and API Gateway invokes the functions themselves."""
    resources = synthesized.resources
    by_module = function_by_module(resources)
    invoked = invoked_by_module(resources)
    api_modules = {AUTHORIZER_MODULE, *(function.module for function in LAMBDAS)}
    functions = our_functions(resources)
    if config_of(synthesized).snap_start:
        for module in api_modules:
            assert functions[by_module[module]]["SnapStart"] == {"ApplyOn": "PublishedVersions"}, module
            alias = resources[invoked[module]]
            assert alias["Type"] == "AWS::Lambda::Alias" and alias["Properties"]["Name"] == "live", module
            version = alias["Properties"]["FunctionVersion"]["Fn::GetAtt"][0]
            assert resources[version]["Type"] == "AWS::Lambda::Version", module
            assert resources[version]["Properties"]["FunctionName"] == {"Ref": by_module[module]}, module
        assert "SnapStart" not in functions[by_module[BULK_WORKER_MODULE]]
    else:
        assert not any("SnapStart" in props for props in functions.values())
        assert not of_type(resources, "AWS::Lambda::Alias") and invoked == by_module
    assert config_of(synthesized).snap_start == (synthesized.stage == "prod")


def test_a_route_outside_a_tenant_is_refused(monkeypatch, stub_asset):
    """The tenantId identity source would be missing there, so API Gateway would answer 401."""
    stray = Lambda("health", "functions.health.handler", operations=(), extra_routes=(Route("GET", "/health"),))
    monkeypatch.setattr("deploy.stack.LAMBDAS", (*LAMBDAS, stray))
    with pytest.raises(ValueError, match="/health"):
        ExamRegistrationStack(cdk.App(context=CDK_JSON["context"]), "Stray", stage="dev", asset_dir=stub_asset)


def gateway_responses(resources: dict) -> dict[str, dict[str, Any]]:
    """Response type -> Gateway Response properties."""
    found = of_type(resources, "AWS::ApiGateway::GatewayResponse").values()
    return {res["Properties"]["ResponseType"]: res["Properties"] for res in found}


def _problem_body(problem: tuple[int, str, str, str]) -> dict:
    """The body emulator/gateway.py sends locally for the same error."""
    return json.loads(gateway.gateway_problem(*problem)[2])


@pytest.mark.parametrize(
    ("response_type", "status_code", "local_problem"),
    [
        ("UNAUTHORIZED", "401", gateway_contract.UNAUTHORIZED),
        ("ACCESS_DENIED", "403", gateway_contract.DENIED),
        ("MISSING_AUTHENTICATION_TOKEN", "404", gateway_contract.NO_ROUTE),
        ("THROTTLED", "429", None),
        ("REQUEST_TOO_LARGE", "413", None),
    ],
)
def test_gateway_errors_send_the_local_problem_bodies(dev, response_type, status_code, local_problem):
    props = gateway_responses(dev.resources)[response_type]
    assert props["StatusCode"] == status_code
    assert props["ResponseParameters"] == {"gatewayresponse.header.Content-Type": f"'{PROBLEM_JSON}'"}
    template = props["ResponseTemplates"]["application/json"]
    body = json.loads(template.replace("$context.error.messageString", '"Request too large"'))
    assert body["status"] == int(status_code)
    assert body["type"].startswith(PROBLEM_TYPE_BASE)
    if local_problem is not None:
        assert body == _problem_body(local_problem)


@pytest.mark.parametrize("response_type", ["DEFAULT_4XX", "DEFAULT_5XX"])
def test_catch_all_gateway_errors_are_problem_json_with_api_gateways_message(dev, response_type):
    props = gateway_responses(dev.resources)[response_type]
    assert "StatusCode" not in props  # API Gateway keeps the status it chose
    assert props["ResponseParameters"] == {"gatewayresponse.header.Content-Type": f"'{PROBLEM_JSON}'"}
    template = props["ResponseTemplates"]["application/json"]
    # $context.error.messageString renders as a quoted JSON string.
    body = json.loads(template.replace("$context.error.messageString", '"Request too large"'))
    assert body["type"].startswith(PROBLEM_TYPE_BASE) and body["detail"] == "Request too large"


def stage_props(synthesized: Synthesized) -> dict[str, Any]:
    stages = list(of_type(synthesized.resources, "AWS::ApiGateway::Stage").values())
    assert len(stages) == 1
    return stages[0]["Properties"]


def test_stage_is_throttled_traced_metered_and_access_logged_as_json(all_templates):
    for synthesized in all_templates:
        config = config_of(synthesized)
        props = stage_props(synthesized)
        assert props["StageName"] == synthesized.stage
        assert props["TracingEnabled"] is True
        everything = next(s for s in props["MethodSettings"] if s["ResourcePath"] == "/*" and s["HttpMethod"] == "*")
        assert everything["ThrottlingRateLimit"] == config.throttle_rate_limit
        assert everything["ThrottlingBurstLimit"] == config.throttle_burst_limit
        assert everything["MetricsEnabled"] is True  # per-route metrics, for the p99 alarms
        assert everything["LoggingLevel"] == "ERROR"
        assert everything["DataTraceEnabled"] is False  # bodies never reach the logs
        access_log = props["AccessLogSetting"]
        log_group = next(n for n in of_type(synthesized.resources, "AWS::Logs::LogGroup") if "ApiAccessLogs" in n)
        assert mentions(access_log["DestinationArn"], log_group)
        fields = json.loads(access_log["Format"])
        assert fields["requestId"] == "$context.requestId" and fields["tenantId"] == "$context.authorizer.tenantId"
        assert fields["status"] == "$context.status" and fields["keyId"] == "$context.authorizer.keyId"


def test_execution_logs_go_to_a_group_the_stack_owns(synthesized):
    api = next(iter(of_type(synthesized.resources, "AWS::ApiGateway::RestApi")))
    groups = of_type(synthesized.resources, "AWS::Logs::LogGroup").values()
    execution = [g["Properties"] for g in groups if "API-Gateway-Execution-Logs_" in json.dumps(g["Properties"])]
    assert len(execution) == 1
    name = execution[0]["LogGroupName"]
    assert mentions(name, api) and f"/{synthesized.stage}" in json.dumps(name)
    assert execution[0]["RetentionInDays"] == config_of(synthesized).log_retention_days


def test_usage_plan_covers_the_stage_without_api_keys(synthesized):
    resources = synthesized.resources
    plans = of_type(resources, "AWS::ApiGateway::UsagePlan")
    assert len(plans) == 1
    props = next(iter(plans.values()))["Properties"]
    api = next(iter(of_type(resources, "AWS::ApiGateway::RestApi")))
    stage = next(iter(of_type(resources, "AWS::ApiGateway::Stage")))
    assert props["ApiStages"] == [{"ApiId": {"Ref": api}, "Stage": {"Ref": stage}, "Throttle": {}}]
    config = config_of(synthesized)
    assert props["Throttle"] == {"RateLimit": config.throttle_rate_limit, "BurstLimit": config.throttle_burst_limit}
    assert not of_type(resources, "AWS::ApiGateway::ApiKey") and not of_type(resources, "AWS::ApiGateway::UsagePlanKey")


def test_binary_media_types_are_the_local_gateways(synthesized):
    api = next(iter(of_type(synthesized.resources, "AWS::ApiGateway::RestApi").values()))["Properties"]
    assert api["BinaryMediaTypes"] == list(gateway_contract.BINARY_MEDIA_TYPES)
    assert api["EndpointConfiguration"] == {"Types": ["REGIONAL"]}


def test_no_waf_association_unless_an_acl_is_given(dev, prod):
    assert not of_type(dev.resources, "AWS::WAFv2::WebACLAssociation")
    associations = list(of_type(prod.resources, "AWS::WAFv2::WebACLAssociation").values())
    assert len(associations) == 1
    props = associations[0]["Properties"]
    assert props["WebACLArn"] == PROD_CONTEXT["wafAclArn"]
    stage = next(iter(of_type(prod.resources, "AWS::ApiGateway::Stage")))
    assert mentions(props["ResourceArn"], stage)


def test_no_cors_and_no_options_method_unless_origins_are_configured(dev):
    assert not [path for (method, path) in methods(dev.resources) if method == "OPTIONS"]
    for props in gateway_responses(dev.resources).values():
        assert list(props["ResponseParameters"]) == ["gatewayresponse.header.Content-Type"]


def test_cors_preflight_on_every_route_path_when_origins_are_configured(prod):
    resources = prod.resources
    found = methods(resources)
    origin = PROD_CONTEXT["corsOrigins"]
    route_paths = {route.path for function in LAMBDAS for route in function.routes}
    options = {path for (method, path) in found if method == "OPTIONS"}
    assert options == route_paths  # one preflight per route path, nowhere else
    for path in options:
        props = found[("OPTIONS", path)]
        assert props["AuthorizationType"] == "NONE"
        assert props["Integration"]["Type"] == "MOCK"
        headers = props["Integration"]["IntegrationResponses"][0]["ResponseParameters"]
        assert headers["method.response.header.Access-Control-Allow-Origin"] == f"'{origin}'"
        assert headers["method.response.header.Access-Control-Allow-Headers"] == f"'{','.join(CORS_ALLOW_HEADERS)}'"
        allowed = headers["method.response.header.Access-Control-Allow-Methods"].strip("'").split(",")
        assert set(allowed) == {m for (m, p) in found if p == path and m != "OPTIONS"}
    for props in gateway_responses(resources).values():  # API Gateway's own errors are readable too
        assert props["ResponseParameters"]["gatewayresponse.header.Access-Control-Allow-Origin"] == f"'{origin}'"
    by_module = function_by_module(resources)
    variables = our_functions(resources)[by_module["functions.exams.handler"]]["Environment"]["Variables"]
    assert variables["CORS_ALLOWED_ORIGINS"] == origin


# --- least privilege -------------------------------------------------------------------------------


def test_no_policy_grants_every_action_or_a_whole_service(all_templates):
    for synthesized in all_templates:
        resources = synthesized.resources
        statements = [
            s
            for policy in of_type(resources, "AWS::IAM::Policy").values()
            for s in policy["Properties"]["PolicyDocument"]["Statement"]
        ]
        assert statements
        for statement in statements:
            actions = as_list(statement["Action"])
            assert "*" not in actions, statement
            assert not any(action.endswith(":*") for action in actions), statement


def function_grants(resources: dict, function_id: str) -> dict[str, list]:
    """Action -> the resources it is granted on, for one function's role."""
    grants: dict[str, list] = {}
    for statement in role_statements(resources, role_of(resources, function_id)):
        assert statement["Effect"] == "Allow"
        for action in as_list(statement["Action"]):
            grants.setdefault(action, []).extend(as_list(statement["Resource"]))
    return grants


def index_arns(resources: dict[str, Any], grants: dict[str, list]) -> set[str]:
    """Index names in the DynamoDB resources granted (`<table arn>/index/<name>`)."""
    names = set()
    for resource in grants.get("dynamodb:Query", []):
        text = json.dumps(resource)
        if "/index/" in text:
            names.add(text.split("/index/")[1].split('"')[0])
    return names


def test_each_function_may_use_only_its_log_group_the_table_its_files_and_x_ray(synthesized):
    resources = synthesized.resources
    table = next(iter(of_type(resources, "AWS::DynamoDB::Table")))
    secret = next(iter(of_type(resources, "AWS::SecretsManager::Secret")))
    data, _, _, _ = buckets(synthesized)
    functions = {f.module: f for f in LAMBDAS}
    dlq = bulk_worker_dlq(resources)
    for name, props in our_functions(resources).items():
        grants = function_grants(resources, name)
        module = props["Handler"].rsplit(".", 1)[0]
        function = functions.get(module)
        prefixes = BULK_WORKER_FILE_PREFIXES if module == BULK_WORKER_MODULE else ()
        expected_files = [
            {"Fn::Join": ["", [{"Fn::GetAtt": [data, "Arn"]}, f"/{prefix}"]]}
            for prefix in (file_prefixes(function) if function else prefixes)
        ]
        for action in ("s3:GetObject", "s3:PutObject", "s3:PutObjectTagging"):
            assert grants.pop(action, []) == expected_files, (name, action)
        if module == BULK_WORKER_MODULE:  # its dead-letter queue, nothing else in SQS
            assert grants.pop("sqs:SendMessage") == [{"Fn::GetAtt": [dlq, "Arn"]}], name
            assert not [a for a in grants if a.startswith(("sqs:", "kms:"))], name
        log_group = props["LoggingConfig"]["LogGroup"]["Ref"]
        assert (
            grants.pop("logs:CreateLogStream")
            == grants.pop("logs:PutLogEvents")
            == [{"Fn::GetAtt": [log_group, "Arn"]}]
        )
        assert grants.pop("xray:PutTraceSegments") == grants.pop("xray:PutTelemetryRecords") == ["*"]
        if "secretsmanager:GetSecretValue" in grants:
            assert grants.pop("secretsmanager:GetSecretValue") == [{"Ref": secret}]
        for action in [a for a in grants if a.startswith(("kms:", "sqs:"))]:  # test_webhooks.py: which, where
            grants.pop(action)
        for action, targets in grants.items():
            assert action.startswith("dynamodb:"), (name, action)  # nothing else
            for target in targets:
                assert mentions(target, table), (name, action, target)


def test_table_actions_and_indexes_are_what_each_functions_code_reaches(synthesized):
    """The grants equal what tests/deploy/codescan.py finds each handler's code can do."""
    from .codescan import access_of

    resources = synthesized.resources
    by_module = function_by_module(resources)
    schema = frozenset(GLOBAL_SECONDARY_INDEXES)
    for function in [*LAMBDAS, None, BULK_WORKER_MODULE]:
        worker = function == BULK_WORKER_MODULE
        module = BULK_WORKER_MODULE if worker else function.module if function else AUTHORIZER_MODULE
        grants = function_grants(resources, by_module[module])
        reached = access_of(module, schema)
        dynamodb = {a for a in reached.actions if a.startswith("dynamodb:")}
        assert {a for a in grants if a.startswith("dynamodb:")} == dynamodb, module
        if isinstance(function, Lambda) and function.name in TABLE_ACTIONS:  # fewer than the others
            assert set(TABLE_ACTIONS[function.name]) == dynamodb, module
        assert index_arns(resources, grants) == reached.indexes, module
        if worker:
            assert set(BULK_WORKER_INDEXES) == reached.indexes
            assert {a for a in grants if a.startswith("s3:")} == {a for a in reached.actions if a.startswith("s3:")}
            assert "secretsmanager:GetSecretValue" in grants  # exports page with signed page tokens
            continue
        # S3 only for functions that serve file routes; there, exactly what the code does.
        s3_granted = {a for a in grants if a.startswith("s3:")}
        if function is not None and file_prefixes(function):
            assert s3_granted == {a for a in reached.actions if a.startswith("s3:")}, module
        else:
            assert s3_granted == set(), module
        if function is not None:
            assert set(indexes_used_by(function)) == reached.indexes, function.name
        reads_secret = "secretsmanager:GetSecretValue" in grants
        assert reads_secret is (function is not None), module  # the authorizer signs no page tokens


def test_file_routes_decide_which_functions_may_touch_which_files():
    for function in LAMBDAS:
        serves_files = any(route.path.endswith(("/bulkLoads", "/exports")) for route in function.routes)
        expected = (f"*/bulk-loads/{function.name}/*", f"*/exports/{function.name}/*") if serves_files else ()
        assert file_prefixes(function) == expected, function.name
    assert file_prefixes(next(f for f in LAMBDAS if f.name == "apiKeys")) == ()


def test_index_map_names_real_functions_and_indexes():
    names = {f.name for f in LAMBDAS}
    for function_name, indexes in INDEX_QUERIES.items():
        assert function_name in names
        assert set(indexes) <= set(GLOBAL_SECONDARY_INDEXES)


def test_a_functions_declared_index_is_the_only_one_it_may_query(indexed):
    policy = indexed.roles["LookupsFunction"].node.find_child("DefaultPolicy")
    statements = indexed.resolve(policy.document.to_json())["Statement"]
    table = next(s for s in statements if s.get("Sid") == "Table")
    resources = [json.dumps(r) for r in as_list(table["Resource"])]
    assert len(resources) == 2 and resources[1].endswith(f'"/index/{EXTRA_INDEX[0]}"]]}}')


def test_an_unknown_index_fails_synthesis(monkeypatch, stub_asset):
    from .conftest import indexed_function

    monkeypatch.setattr("deploy.stack.LAMBDAS", (*LAMBDAS, indexed_function()))
    with pytest.raises(ValueError, match="byCode"):
        ExamRegistrationStack(cdk.App(context=CDK_JSON["context"]), "Unknown", stage="dev", asset_dir=stub_asset)


# --- outputs ---------------------------------------------------------------------------------------


def test_outputs_the_cli_and_docs_rely_on(synthesized):
    outputs = synthesized.template["Outputs"]
    assert {"ApiUrl", "TableName", "BucketName", "AlarmTopicArn", "DashboardName"} <= set(outputs)
    table = next(iter(of_type(synthesized.resources, "AWS::DynamoDB::Table")))
    data, _, _, _ = buckets(synthesized)
    assert outputs["TableName"]["Value"] == {"Ref": table}  # what `examreg --stack` reads
    assert outputs["BucketName"]["Value"] == {"Ref": data}
    stage = next(iter(of_type(synthesized.resources, "AWS::ApiGateway::Stage")))
    assert mentions(outputs["ApiUrl"]["Value"], stage)
