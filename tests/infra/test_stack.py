"""The synthesized CloudFormation template: what API Gateway, Lambda, DynamoDB and S3 will really be
configured as, checked against the route table and schema the code uses locally."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Match, Template

from infra import bundle, gateway
from infra.stack import AUTHORIZER_RESULTS_TTL, ExamRegistrationStack, stack_name
from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE
from shared.routes import AUTHORIZER_MODULE, FUNCTIONS, Function, Route
from shared.table_schema import GLOBAL_SECONDARY_INDEXES, TTL_ATTRIBUTE, create_table_request

pytestmark = pytest.mark.infra

REPO_ROOT = Path(__file__).resolve().parents[2]
CDK_JSON = json.loads((REPO_ROOT / "cdk.json").read_text())
RESOURCE_ENVIRONMENT = (
    "TABLE_NAME",
    "BUCKET_NAME",
    "TENANT_MAX_RECORDS_PER_RESOURCE",
    "PAGE_TOKEN_SECRET_ARN",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_LOG_LEVEL",
    "POWERTOOLS_METRICS_NAMESPACE",
)


def synthesize(stage: str, asset_dir: Path) -> tuple[ExamRegistrationStack, Template]:
    """As `cdk synth -c stage=...` would, with cdk.json's feature flags, but a stub code asset."""
    app = cdk.App(context={**CDK_JSON["context"], "stage": stage})
    stack = ExamRegistrationStack(app, stack_name(stage), stage=stage, asset_dir=asset_dir)
    return stack, Template.from_stack(stack)


@pytest.fixture(scope="module")
def stub_asset(tmp_path_factory) -> Path:
    """The stack only needs a directory to hash; building the real one would run pip."""
    directory = tmp_path_factory.mktemp("lambda-asset")
    (directory / "placeholder.py").write_text("")
    return directory


@pytest.fixture(scope="module", params=["dev", "prod"])
def synthesized(request, stub_asset) -> tuple[str, ExamRegistrationStack, Template]:
    stack, template = synthesize(request.param, stub_asset)
    return request.param, stack, template


@pytest.fixture(scope="module")
def stage(synthesized) -> str:
    return synthesized[0]


@pytest.fixture(scope="module")
def template(synthesized) -> Template:
    return synthesized[2]


@pytest.fixture(scope="module")
def resources(template) -> dict[str, dict[str, Any]]:
    return template.to_json()["Resources"]


def of_type(resources: dict, resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: res for name, res in resources.items() if res["Type"] == resource_type}


def our_functions(resources: dict) -> dict[str, dict[str, Any]]:
    """Lambda logical id -> properties, for the project's functions (not CDK's custom-resource helpers)."""
    return {
        name: res["Properties"]
        for name, res in of_type(resources, "AWS::Lambda::Function").items()
        if res["Properties"].get("Handler", "").endswith(".lambda_handler")
    }


def function_by_module(resources: dict) -> dict[str, str]:
    """Handler module -> Lambda logical id."""
    return {props["Handler"].rsplit(".", 1)[0]: name for name, props in our_functions(resources).items()}


def resource_paths(resources: dict) -> dict[str, str]:
    """API Gateway resource logical id -> its full path, rebuilt from the PathPart/ParentId chain."""
    parts = {name: res["Properties"] for name, res in of_type(resources, "AWS::ApiGateway::Resource").items()}

    def path_of(name: str) -> str:
        parent = parts[name]["ParentId"]
        prefix = path_of(parent["Ref"]) if "Ref" in parent else ""  # else the API's root resource
        return f"{prefix}/{parts[name]['PathPart']}"

    return {name: path_of(name) for name in parts}


def methods(resources: dict) -> dict[tuple[str, str], dict[str, Any]]:
    """(HTTP method, path) -> method properties."""
    paths = resource_paths(resources)
    found = {}
    for props in (res["Properties"] for res in of_type(resources, "AWS::ApiGateway::Method").values()):
        key = (props["HttpMethod"], paths[props["ResourceId"]["Ref"]])
        assert key not in found, f"duplicate method {key}"
        found[key] = props
    return found


def mentions(value: Any, logical_id: str) -> bool:
    """Whether a CloudFormation value refers to `logical_id` (Ref or GetAtt, at any depth)."""
    return f'"{logical_id}"' in json.dumps(value)


# --- stack and functions ---------------------------------------------------------------------------


def test_stack_is_named_after_the_stage(synthesized):
    stage, stack, _ = synthesized
    assert stack.stack_name == f"ExamRegistration-{stage}"


def test_one_lambda_per_route_table_function_plus_the_authorizer(resources):
    handlers = sorted(props["Handler"] for props in our_functions(resources).values())
    expected = sorted(f"{module}.lambda_handler" for module in [f.module for f in FUNCTIONS] + [AUTHORIZER_MODULE])
    assert handlers == expected


def test_every_function_is_arm64_python3_12_traced_with_its_own_log_group_and_role(resources):
    functions = our_functions(resources)
    log_groups = of_type(resources, "AWS::Logs::LogGroup")
    for name, props in functions.items():
        assert props["Architectures"] == ["arm64"], name
        assert props["Runtime"] == "python3.12", name
        assert props["TracingConfig"] == {"Mode": "Active"}, name
        log_group = props["LoggingConfig"]["LogGroup"]["Ref"]
        assert log_groups[log_group]["Properties"]["RetentionInDays"] > 0, name
    roles = [props["Role"]["Fn::GetAtt"][0] for props in functions.values()]
    assert len(set(roles)) == len(functions)


def test_functions_share_one_code_asset(resources):
    code = {json.dumps(props["Code"], sort_keys=True) for props in our_functions(resources).values()}
    assert len(code) == 1


def test_resource_functions_get_the_settings_environment(resources):
    by_module = function_by_module(resources)
    functions = our_functions(resources)
    secret = next(iter(of_type(resources, "AWS::SecretsManager::Secret")))
    for function in FUNCTIONS:
        variables = functions[by_module[function.module]]["Environment"]["Variables"]
        assert set(RESOURCE_ENVIRONMENT) <= set(variables), function.name
        assert variables["PAGE_TOKEN_SECRET_ARN"] == {"Ref": secret}
        assert int(variables["TENANT_MAX_RECORDS_PER_RESOURCE"]) >= 1
    authorizer_variables = functions[by_module[AUTHORIZER_MODULE]]["Environment"]["Variables"]
    assert "TABLE_NAME" in authorizer_variables


def test_page_token_secret_is_generated(template):
    template.has_resource_properties(
        "AWS::SecretsManager::Secret", {"GenerateSecretString": Match.object_like({"PasswordLength": 64})}
    )


# --- API Gateway -----------------------------------------------------------------------------------


def test_every_route_is_a_method_and_nothing_else_is(resources):
    expected = {(route.method, route.path) for function in FUNCTIONS for route in function.routes}
    assert set(methods(resources)) == expected


def test_resources_are_shared_between_routes(resources):
    paths = list(resource_paths(resources).values())
    assert len(paths) == len(set(paths))
    assert "/exams/{tenantId}" in paths and "/exams/{tenantId}/{id}" in paths


def test_each_method_is_custom_authorized_and_proxies_to_its_own_function(resources):
    by_module = function_by_module(resources)
    authorizer = next(iter(of_type(resources, "AWS::ApiGateway::Authorizer")))
    found = methods(resources)
    for function in FUNCTIONS:
        for route in function.routes:
            props = found[(route.method, route.path)]
            assert props["AuthorizationType"] == "CUSTOM", route
            assert props["AuthorizerId"] == {"Ref": authorizer}, route
            assert props["Integration"]["Type"] == "AWS_PROXY", route
            assert props["Integration"]["IntegrationHttpMethod"] == "POST", route
            assert mentions(props["Integration"]["Uri"], by_module[function.module]), route
            others = [name for module, name in by_module.items() if module != function.module]
            assert not any(mentions(props["Integration"]["Uri"], other) for other in others), route


def test_authorizer_keys_its_cache_on_the_api_key_and_tenant(resources, template):
    template.has_resource_properties(
        "AWS::ApiGateway::Authorizer",
        {
            "Type": "REQUEST",
            "IdentitySource": "method.request.header.Authorization,method.request.path.tenantId",
            "AuthorizerResultTtlInSeconds": 300,
        },
    )
    assert AUTHORIZER_RESULTS_TTL.to_seconds() == 300
    authorizer = next(iter(of_type(resources, "AWS::ApiGateway::Authorizer").values()))
    assert mentions(authorizer["Properties"]["AuthorizerUri"], function_by_module(resources)[AUTHORIZER_MODULE])


def test_a_route_outside_a_tenant_is_refused(monkeypatch, stub_asset):
    """The tenantId identity source would be missing there, so API Gateway would answer 401."""
    stray = Function("health", "functions.health.handler", operations=(), extra_routes=(Route("GET", "/health"),))
    monkeypatch.setattr("infra.stack.FUNCTIONS", (*FUNCTIONS, stray))
    with pytest.raises(ValueError, match="/health"):
        ExamRegistrationStack(cdk.App(), "Stray", stage="dev", asset_dir=stub_asset)


def gateway_responses(resources: dict) -> dict[str, dict[str, Any]]:
    """Response type -> Gateway Response properties."""
    found = of_type(resources, "AWS::ApiGateway::GatewayResponse").values()
    return {res["Properties"]["ResponseType"]: res["Properties"] for res in found}


def _problem_body(problem: tuple[int, str, str, str]) -> dict:
    """The body infra/gateway.py sends locally for the same error."""
    return json.loads(gateway._problem(*problem)[2])


@pytest.mark.parametrize(
    ("response_type", "status_code", "local_problem"),
    [
        ("UNAUTHORIZED", "401", gateway.UNAUTHORIZED),
        ("ACCESS_DENIED", "403", gateway.DENIED),
        ("MISSING_AUTHENTICATION_TOKEN", "404", gateway.NO_ROUTE),
        ("THROTTLED", "429", None),
    ],
)
def test_gateway_errors_send_the_local_problem_bodies(resources, response_type, status_code, local_problem):
    props = gateway_responses(resources)[response_type]
    assert props["StatusCode"] == status_code
    assert props["ResponseParameters"] == {"gatewayresponse.header.Content-Type": f"'{PROBLEM_JSON}'"}
    body = json.loads(props["ResponseTemplates"]["application/json"])
    assert body["status"] == int(status_code)
    assert body["type"].startswith(PROBLEM_TYPE_BASE)
    if local_problem is not None:
        assert body == _problem_body(local_problem)


@pytest.mark.parametrize("response_type", ["DEFAULT_4XX", "DEFAULT_5XX"])
def test_catch_all_gateway_errors_are_problem_json_with_api_gateways_message(resources, response_type):
    props = gateway_responses(resources)[response_type]
    assert "StatusCode" not in props  # API Gateway keeps the status it chose
    assert props["ResponseParameters"] == {"gatewayresponse.header.Content-Type": f"'{PROBLEM_JSON}'"}
    template = props["ResponseTemplates"]["application/json"]
    # $context.error.messageString renders as a quoted JSON string.
    body = json.loads(template.replace("$context.error.messageString", '"Request too large"'))
    assert body["type"].startswith(PROBLEM_TYPE_BASE) and body["detail"] == "Request too large"


def test_stage_is_throttled_traced_and_access_logged_as_json(resources, stage):
    stages = list(of_type(resources, "AWS::ApiGateway::Stage").values())
    assert len(stages) == 1
    props = stages[0]["Properties"]
    assert props["StageName"] == stage
    assert props["TracingEnabled"] is True
    throttling = next(s for s in props["MethodSettings"] if s["ResourcePath"] == "/*" and s["HttpMethod"] == "*")
    assert throttling["ThrottlingRateLimit"] > 0 and throttling["ThrottlingBurstLimit"] > 0
    access_log = props["AccessLogSetting"]
    access_log_group = next(name for name in of_type(resources, "AWS::Logs::LogGroup") if "ApiAccessLogs" in name)
    assert mentions(access_log["DestinationArn"], access_log_group)
    fields = json.loads(access_log["Format"])
    assert fields["requestId"] == "$context.requestId" and fields["tenantId"] == "$context.authorizer.tenantId"


def test_outputs(template):
    assert {"ApiUrl", "TableName", "BucketName"} <= set(template.find_outputs("*"))


# --- data ------------------------------------------------------------------------------------------


def test_table_matches_the_shared_schema(resources):
    tables = of_type(resources, "AWS::DynamoDB::Table")
    assert len(tables) == 1
    props = next(iter(tables.values()))["Properties"]
    local = create_table_request("unused")
    assert props["KeySchema"] == local["KeySchema"]
    assert sorted(props["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == local["AttributeDefinitions"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"] == {"SSEEnabled": True}
    assert props["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}
    indexes = {index["IndexName"] for index in props.get("GlobalSecondaryIndexes", [])}
    assert indexes == set(GLOBAL_SECONDARY_INDEXES)


def test_bucket_blocks_public_access_encrypts_versions_and_requires_tls(template):
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
            },
            "VersioningConfiguration": {"Status": "Enabled"},
        },
    )
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Action": "s3:*",
                                "Principal": {"AWS": "*"},
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            }
        },
    )


@pytest.mark.parametrize(
    "resource_type", ["AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup"]
)
def test_stateful_resources_are_retained_only_in_prod(resources, stage, resource_type):
    expected = "Retain" if stage == "prod" else "Delete"
    found = of_type(resources, resource_type)
    assert found
    for name, res in found.items():
        assert res["DeletionPolicy"] == expected, name
        assert res["UpdateReplacePolicy"] == expected, name


def test_prod_table_has_deletion_protection_and_dev_bucket_empties_itself(resources, stage):
    table = next(iter(of_type(resources, "AWS::DynamoDB::Table").values()))["Properties"]
    assert table.get("DeletionProtectionEnabled", False) is (stage == "prod")
    assert bool(of_type(resources, "Custom::S3AutoDeleteObjects")) is (stage != "prod")


# --- least privilege -------------------------------------------------------------------------------


def policy_statements(resources: dict) -> list[dict[str, Any]]:
    """Every statement of every identity policy (separate and role-inline)."""
    documents = [res["Properties"]["PolicyDocument"] for res in of_type(resources, "AWS::IAM::Policy").values()]
    for role in of_type(resources, "AWS::IAM::Role").values():
        documents += [policy["PolicyDocument"] for policy in role["Properties"].get("Policies", [])]
    return [statement for document in documents for statement in document["Statement"]]


def actions(statement: dict) -> list[str]:
    return statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]


def test_no_policy_grants_every_action(resources):
    statements = policy_statements(resources)
    assert statements
    for statement in statements:
        assert "*" not in actions(statement), statement
        assert not any(action.endswith(":*") for action in actions(statement)), statement


def function_actions(resources: dict, function_id: str) -> set[str]:
    role = our_functions(resources)[function_id]["Role"]["Fn::GetAtt"][0]
    return {
        action
        for policy in of_type(resources, "AWS::IAM::Policy").values()
        if {"Ref": role} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        for action in actions(statement)
    }


def test_authorizer_may_only_read_items(resources):
    granted = function_actions(resources, function_by_module(resources)[AUTHORIZER_MODULE])
    assert {a for a in granted if a.startswith("dynamodb:")} == {"dynamodb:GetItem"}
    assert not any(a.startswith(("secretsmanager:", "s3:")) for a in granted)


def test_resource_functions_read_write_the_table_and_read_the_secret(resources):
    by_module = function_by_module(resources)
    for function in FUNCTIONS:
        granted = function_actions(resources, by_module[function.module])
        assert {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"} <= granted
        assert "secretsmanager:GetSecretValue" in granted
        assert not any(a.startswith("s3:") for a in granted)


# --- app configuration and the code asset ----------------------------------------------------------


def test_cdk_json_runs_the_app_with_dev_as_the_default_stage():
    assert CDK_JSON["app"] == "python3 infra/app.py"
    assert CDK_JSON["context"]["stage"] == "dev"


def test_runtime_dependencies_come_from_pyproject():
    names = [bundle._distribution_name(req) for req in bundle.runtime_dependencies(REPO_ROOT)]
    assert "pydantic" in names and "aws-lambda-powertools" in names


@pytest.fixture
def project(tmp_path) -> Path:
    """A minimal repository: a pyproject and the two packages the asset copies."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pydantic==2.14.3"]\n')
    for package in bundle.SOURCE_PACKAGES:
        (tmp_path / package / "__pycache__").mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("VERSION = 1\n")
        (tmp_path / package / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"")
    return tmp_path


def test_asset_runs_pip_once_per_dependency_list_and_always_recopies_source(project, monkeypatch):
    pip_runs = []
    monkeypatch.setattr(bundle, "_pip_install", lambda reqs, target: pip_runs.append(list(reqs)))

    asset = bundle.build_asset(project)
    assert pip_runs == [["pydantic==2.14.3"]]
    assert (asset / "shared" / "__init__.py").read_text() == "VERSION = 1\n"
    assert not list(asset.rglob("__pycache__"))

    (project / "shared" / "__init__.py").write_text("VERSION = 2\n")
    bundle.build_asset(project)
    assert len(pip_runs) == 1  # same dependencies: pip skipped
    assert (asset / "shared" / "__init__.py").read_text() == "VERSION = 2\n"

    (project / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pydantic==2.14.4"]\n')
    bundle.build_asset(project)
    assert pip_runs[-1] == ["pydantic==2.14.4"]
