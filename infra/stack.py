"""The deployed API, built from the route table: API Gateway (REST) -> one Lambda per resource ->
one DynamoDB table, plus the bulk-file bucket and the page-token signing secret.

Nothing here names a route, key attribute or environment variable the code does not already
define in `shared/`; adding a Function to `shared.routes.FUNCTIONS` adds its Lambda and methods.
"""

from __future__ import annotations

import json
from pathlib import Path

from aws_cdk import CfnOutput, Duration, RemovalPolicy, Stack, Tags
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.apigw import BINARY_TYPES as BINARY_MEDIA_TYPES  # the local gateway's list, kept in one place
from infra.gateway import DENIED, NO_ROUTE, UNAUTHORIZED
from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE
from shared.routes import AUTHORIZER_MODULE, FUNCTIONS, TENANT, Function
from shared.table_schema import GLOBAL_SECONDARY_INDEXES, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE

PRODUCTION_STAGE = "prod"
SERVICE_NAME = "exam-registration-api"
METRICS_NAMESPACE = "ExamRegistration"

LAMBDA_RUNTIME = lambda_.Runtime.PYTHON_3_12  # must match infra.bundle.LAMBDA_PYTHON_VERSION
LAMBDA_ARCHITECTURE = lambda_.Architecture.ARM_64  # must match infra.bundle.LAMBDA_PLATFORM
HANDLER_FUNCTION = "lambda_handler"
FUNCTION_MEMORY_MB = 512  # CPU scales with memory; pydantic and Powertools imports dominate cold starts
FUNCTION_TIMEOUT = Duration.seconds(15)  # below API Gateway's 29 s integration limit
AUTHORIZER_TIMEOUT = Duration.seconds(10)

# API Gateway caches each authorizer decision per (Authorization, tenantId) for this long, so a
# revoked or deleted API key keeps working for up to this many seconds after revocation.
AUTHORIZER_RESULTS_TTL = Duration.seconds(300)
AUTHORIZER_IDENTITY_SOURCES = (
    apigw.IdentitySource.header("Authorization"),
    f"method.request.path.{TENANT.strip('{}')}",
)

# Stage-wide steady-state and burst limits (requests per second), across all tenants.
THROTTLING_RATE_LIMIT = 100
THROTTLING_BURST_LIMIT = 200
DEFAULT_TENANT_MAX_RECORDS_PER_RESOURCE = 100_000


def stack_name(stage: str) -> str:
    return f"ExamRegistration-{stage}"


def function_construct_id(function: Function) -> str:
    """`examRegProcesses` -> `ExamRegProcessesFunction`."""
    return function.name[:1].upper() + function.name[1:] + "Function"


def problem_template(status: int | None, title: str, detail: str, code: str) -> str:
    """A Gateway Response body: the problem+json document infra/gateway.py sends locally.

    `detail` may be a VTL expression that yields a quoted JSON string (e.g. `$context.error.messageString`);
    `status` is None for the catch-all responses, whose status API Gateway decides.
    """
    body: dict[str, object] = {"type": PROBLEM_TYPE_BASE + code, "title": title}
    if status is not None:
        body["status"] = status
    body["detail"] = "__DETAIL__"
    detail_json = detail if detail.startswith("$context.") else json.dumps(detail)
    return json.dumps(body).replace('"__DETAIL__"', detail_json)


# API Gateway's own errors, by response type: (status code to send, problem body).
GATEWAY_RESPONSES: dict[apigw.ResponseType, tuple[str | None, str]] = {
    apigw.ResponseType.UNAUTHORIZED: ("401", problem_template(*UNAUTHORIZED)),
    apigw.ResponseType.ACCESS_DENIED: ("403", problem_template(*DENIED)),
    # Sent for unknown paths (and, unlike locally, for a known path with a method it lacks).
    apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN: ("404", problem_template(*NO_ROUTE)),
    # Stage throttling; without this it would fall to DEFAULT_4XX.
    apigw.ResponseType.THROTTLED: (
        "429",
        problem_template(429, "Too Many Requests", "request rate limit exceeded; retry later", "limit-exceeded"),
    ),
    apigw.ResponseType.DEFAULT_4_XX: (
        None,
        problem_template(None, "Bad Request", "$context.error.messageString", "bad-request"),
    ),
    apigw.ResponseType.DEFAULT_5_XX: (
        None,
        problem_template(None, "Internal Server Error", "$context.error.messageString", "internal-error"),
    ),
}

ACCESS_LOG_FIELDS = {
    "requestId": apigw.AccessLogField.context_request_id(),
    "requestTime": apigw.AccessLogField.context_request_time(),
    "ip": apigw.AccessLogField.context_identity_source_ip(),
    "method": apigw.AccessLogField.context_http_method(),
    "resourcePath": apigw.AccessLogField.context_resource_path(),
    "path": apigw.AccessLogField.context_path(),
    "status": apigw.AccessLogField.context_status(),
    "responseLength": apigw.AccessLogField.context_response_length(),
    "integrationLatency": apigw.AccessLogField.context_integration_latency(),
    "tenantId": apigw.AccessLogField.context_authorizer("tenantId"),
    "keyId": apigw.AccessLogField.context_authorizer("keyId"),
    "error": apigw.AccessLogField.context_error_message(),
    "errorType": apigw.AccessLogField.context_error_response_type(),
}


class ExamRegistrationStack(Stack):
    """One stage (dev, prod, ...) of the API. `asset_dir` is the built Lambda code (infra.bundle)."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: str, asset_dir: Path | str, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        self.stage = stage
        self.is_production = stage == PRODUCTION_STAGE
        # Production data outlives the stack; anything else is disposable.
        self.data_removal_policy = RemovalPolicy.RETAIN if self.is_production else RemovalPolicy.DESTROY
        self.log_retention = logs.RetentionDays.THREE_MONTHS if self.is_production else logs.RetentionDays.ONE_WEEK
        Tags.of(self).add("project", SERVICE_NAME)
        Tags.of(self).add("stage", stage)

        self.table = self._table()
        self.bucket = self._bucket()
        self.page_token_secret = self._page_token_secret()
        self.code = lambda_.Code.from_asset(str(asset_dir))  # one asset shared by every function

        self.authorizer_function = self._function(
            "AuthorizerFunction", AUTHORIZER_MODULE, self._base_environment(), AUTHORIZER_TIMEOUT
        )
        # The authorizer only looks API keys up by their hash.
        self.table.grant(self.authorizer_function, "dynamodb:GetItem")

        self.resource_functions: dict[str, lambda_.Function] = {}
        for function in FUNCTIONS:
            handler = self._function(
                function_construct_id(function), function.module, self._resource_environment(), FUNCTION_TIMEOUT
            )
            self.table.grant_read_write_data(handler)  # includes the table's indexes
            self.page_token_secret.grant_read(handler)
            self.resource_functions[function.name] = handler

        self.api = self._rest_api()
        self._routes()

        CfnOutput(self, "ApiUrl", value=self.api.url, description="Base URL of the deployed stage")
        CfnOutput(self, "TableName", value=self.table.table_name)
        CfnOutput(self, "BucketName", value=self.bucket.bucket_name)

    # --- data ---------------------------------------------------------------------------------------

    def _table(self) -> dynamodb.Table:
        table = dynamodb.Table(
            self,
            "Table",
            partition_key=dynamodb.Attribute(name=PARTITION_KEY, type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name=SORT_KEY, type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            time_to_live_attribute=TTL_ATTRIBUTE,
            removal_policy=self.data_removal_policy,
            deletion_protection=self.is_production,
        )
        for index_name, (index_partition_key, index_sort_key) in GLOBAL_SECONDARY_INDEXES.items():
            table.add_global_secondary_index(
                index_name=index_name,
                partition_key=dynamodb.Attribute(name=index_partition_key, type=dynamodb.AttributeType.STRING),
                sort_key=dynamodb.Attribute(name=index_sort_key, type=dynamodb.AttributeType.STRING),
                projection_type=dynamodb.ProjectionType.ALL,  # as shared.table_schema.create_table_request
            )
        return table

    def _bucket(self) -> s3.Bucket:
        return s3.Bucket(
            self,
            "BulkFilesBucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            encryption=s3.BucketEncryption.S3_MANAGED,
            versioned=True,
            # Versioning guards against overwrites; old versions need not be kept (and paid for) forever.
            lifecycle_rules=[
                s3.LifecycleRule(
                    noncurrent_version_expiration=Duration.days(30),
                    abort_incomplete_multipart_upload_after=Duration.days(7),
                )
            ],
            removal_policy=self.data_removal_policy,
            auto_delete_objects=not self.is_production,  # else CloudFormation cannot delete a non-empty bucket
        )

    def _page_token_secret(self) -> secretsmanager.Secret:
        return secretsmanager.Secret(
            self,
            "PageTokenSecret",
            description=f"HMAC key signing pagination tokens ({self.stage})",
            generate_secret_string=secretsmanager.SecretStringGenerator(password_length=64, exclude_punctuation=True),
            removal_policy=self.data_removal_policy,
        )

    # --- functions ----------------------------------------------------------------------------------

    def _base_environment(self) -> dict[str, str]:
        return {
            "TABLE_NAME": self.table.table_name,
            "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
            "POWERTOOLS_LOG_LEVEL": "INFO",
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
        }

    def _resource_environment(self) -> dict[str, str]:
        max_records = self.node.try_get_context("tenantMaxRecordsPerResource")
        return {
            **self._base_environment(),
            "BUCKET_NAME": self.bucket.bucket_name,
            "TENANT_MAX_RECORDS_PER_RESOURCE": str(max_records or DEFAULT_TENANT_MAX_RECORDS_PER_RESOURCE),
            "PAGE_TOKEN_SECRET_ARN": self.page_token_secret.secret_arn,
        }

    def _function(
        self, function_id: str, module: str, environment: dict[str, str], timeout: Duration
    ) -> lambda_.Function:
        """A Lambda with its own role (CDK's default) and its own log group, so retention is ours."""
        log_group = logs.LogGroup(
            self, f"{function_id}Logs", retention=self.log_retention, removal_policy=self.data_removal_policy
        )
        return lambda_.Function(
            self,
            function_id,
            runtime=LAMBDA_RUNTIME,
            architecture=LAMBDA_ARCHITECTURE,
            code=self.code,
            handler=f"{module}.{HANDLER_FUNCTION}",
            memory_size=FUNCTION_MEMORY_MB,
            timeout=timeout,
            tracing=lambda_.Tracing.ACTIVE,
            log_group=log_group,
            environment=environment,
        )

    # --- API ----------------------------------------------------------------------------------------

    def _rest_api(self) -> apigw.RestApi:
        access_logs = logs.LogGroup(
            self, "ApiAccessLogs", retention=self.log_retention, removal_policy=self.data_removal_policy
        )
        api = apigw.RestApi(
            self,
            "Api",
            rest_api_name=f"exam-registration-{self.stage}",
            description="Multi-tenant exam registration API",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            binary_media_types=list(BINARY_MEDIA_TYPES),
            # Access logging needs the account-wide API Gateway CloudWatch role. CDK keeps (retains)
            # it on teardown since other APIs in the account may rely on it.
            cloud_watch_role=True,
            deploy_options=apigw.StageOptions(
                stage_name=self.stage,
                tracing_enabled=True,
                throttling_rate_limit=THROTTLING_RATE_LIMIT,
                throttling_burst_limit=THROTTLING_BURST_LIMIT,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FIELDS)),
            ),
        )
        api.node.try_remove_child("Endpoint")  # CDK's own URL output; the stack outputs ApiUrl instead
        for response_type, (status_code, template) in GATEWAY_RESPONSES.items():
            api.add_gateway_response(
                f"{response_type.response_type}Response",
                type=response_type,
                status_code=status_code,
                response_headers={"Content-Type": f"'{PROBLEM_JSON}'"},
                templates={"application/json": template},
            )
        return api

    def _routes(self) -> None:
        """One method per route, on resources shared between functions (`resource_for_path` reuses them)."""
        authorizer = apigw.RequestAuthorizer(
            self,
            "ApiKeyAuthorizer",
            handler=self.authorizer_function,
            identity_sources=list(AUTHORIZER_IDENTITY_SOURCES),
            results_cache_ttl=AUTHORIZER_RESULTS_TTL,
        )
        for function in FUNCTIONS:
            integration = apigw.LambdaIntegration(
                self.resource_functions[function.name],
                proxy=True,
                allow_test_invoke=False,  # halves the Lambda resource policy; test-invoke is not used
            )
            for route in function.routes:
                if TENANT not in route.path:
                    # The tenantId identity source would be missing, so API Gateway would answer 401.
                    raise ValueError(f"{route.method} {route.path}: every route must be below a {TENANT} segment")
                self.api.root.resource_for_path(route.path).add_method(
                    route.method,
                    integration,
                    authorizer=authorizer,
                    authorization_type=apigw.AuthorizationType.CUSTOM,
                )
