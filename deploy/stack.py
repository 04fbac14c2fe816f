"""The deployed API, built from the route table: API Gateway (REST) -> one Lambda per resource ->
one DynamoDB table, plus the bulk-file bucket (with its access-log bucket), the page-token signing
secret, alarms and a dashboard.

Routes, key attributes and indexes come from `shared/`: adding a Lambda to
`shared.routes.LAMBDAS` adds its Lambda, role, methods, alarms and dashboard graphs, and adding an
index to `shared.table_schema` adds it to the table. What the route table does not say about the
code (which indexes a function queries, the DynamoDB and S3 actions it performs, the tenant-file key
layout) is declared below, and tests/deploy checks it against the source.
Deployment settings come from CDK context (deploy/config.py); findings of cdk-nag and checkov that
are accepted on purpose are listed, with their reasons, in deploy/compliance.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from aws_cdk import Annotations, Aws, CfnOutput, Duration, NestedStack, RemovalPolicy, Stack, Tags
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from deploy import compliance
from deploy.config import PRODUCTION_STAGE, StackConfig
from deploy.monitoring import Monitoring, alarm_id
from shared.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE
from shared.gateway_contract import (
    BINARY_MEDIA_TYPES,
    CORS_ALLOW_HEADERS,
    CORS_EXPOSE_HEADERS,
    DENIED,
    NO_ROUTE,
    UNAUTHORIZED,
)
from shared.routes import AUTHORIZER_MODULE, BULK_WORKER_MODULE, LAMBDAS, TENANT, Lambda
from shared.table_schema import GLOBAL_SECONDARY_INDEXES, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE

__all__ = ["PRODUCTION_STAGE", "ExamRegistrationStack", "stack_name"]

SERVICE_NAME = "exam-registration-api"
METRICS_NAMESPACE = "ExamRegistration"

# The newest Python Lambda offers (cdk-nag AwsSolutions-L1 wants the newest the CDK knows); the
# bundle's wheels are picked for the same version (a test keeps the two equal).
LAMBDA_RUNTIME = lambda_.Runtime.PYTHON_3_14  # must match deploy.bundle.LAMBDA_PYTHON_VERSION
LAMBDA_ARCHITECTURE = lambda_.Architecture.ARM_64  # must match deploy.bundle.LAMBDA_MACHINE
HANDLER_FUNCTION = "lambda_handler"
FUNCTION_MEMORY_MB = 512  # CPU scales with memory; pydantic and Powertools imports dominate cold starts
FUNCTION_TIMEOUT = Duration.seconds(15)  # below API Gateway's 29 s integration limit
LIVE_ALIAS = "live"  # with SnapStart, the alias API Gateway invokes (a snapshot belongs to a version)
AUTHORIZER_TIMEOUT = Duration.seconds(10)

# API Gateway caches each authorizer decision per Authorization header for
# `authorizerCacheTtlSeconds` (default 300), so a revoked key keeps working that long. The header
# alone is enough: the authorizer's policy allows the key's own tenant's paths only, whatever path it
# was asked about (functions/authorizer/handler.py), so a cached answer never covers another tenant.
AUTHORIZER_IDENTITY_SOURCES = (apigw.IdentitySource.header("Authorization"),)

# --- least privilege: the DynamoDB actions each kind of function performs ----------------------------
# shared/store.py is the only code that calls DynamoDB. What a resource function's code can reach
# there: get_item, batch_get_item, query, put_item, update_item, delete_item, and
# transact_write_items of Put/Update/Delete (a transaction needs the item actions; there is no
# TransactWriteItems action). tests/deploy derives the same set from the source and fails if it changes.
RESOURCE_TABLE_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
)
AUTHORIZER_TABLE_ACTIONS = ("dynamodb:GetItem",)  # looks an API key up by its hash, nothing else
# The bulk worker (shared/bulk.py via shared/engine.py and shared/store.py) also writes rows and error
# entries with BatchWriteItem; exports of examResults query gsi1.
BULK_WORKER_TABLE_ACTIONS = (*RESOURCE_TABLE_ACTIONS, "dynamodb:BatchWriteItem")
BULK_WORKER_INDEXES = ("gsi1",)

# --- S3: tenant files -------------------------------------------------------------------------------
# shared/bulk.py keys: <tenantId>/bulk-loads/<resource>/<jobId>/... and <tenantId>/exports/<resource>/...
# A function that serves bulk-load or export routes may read and write (and presign URLs for) the
# files of its own resource only, in any tenant (the tenant is per request; handlers check it).
FILE_FOLDERS = {"bulkLoad": "bulk-loads", "export": "exports"}  # operation-name prefix -> key folder
# HeadObject needs GetObject; multipart needs PutObject; PutObject with `Tagging` (the expiry tag)
# needs PutObjectTagging too, which also covers the worker tagging presigned uploads.
FILE_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:PutObjectTagging")
# The bulk worker reads sources and writes error reports and export files of every resource.
BULK_WORKER_FILE_PREFIXES = tuple(f"*/{folder}/*" for folder in sorted(set(FILE_FOLDERS.values())))

# --- the bulk worker: asynchronous, run by S3 ObjectCreated notifications -------------------------
AUTHORIZER_ID = "AuthorizerFunction"
BULK_WORKER_ID = "BulkLoaderFunction"
BULK_WORKER_TIMEOUT = Duration.minutes(15)  # a 100,000-row file loads within one invocation
BULK_WORKER_MEMORY_MB = 1024
# A failed invocation (a crash, a timeout, or a load that stopped to checkpoint) is retried by Lambda
# (twice, about 1 and 2 minutes later) and resumes from the checkpoint; an event that still fails, or
# waits longer than the maximum age (throttled by the reserved concurrency), goes to the DLQ.
BULK_WORKER_RETRY_ATTEMPTS = 2
BULK_WORKER_MAX_EVENT_AGE = Duration.hours(6)
DLQ_RETENTION = Duration.days(14)  # the longest SQS keeps a message


def file_prefixes(function: Lambda) -> tuple[str, ...]:
    """Object key patterns of the files `function`'s routes handle (none for plain record routes)."""
    folders = sorted(
        {
            folder
            for operation in function.operations
            for start, folder in FILE_FOLDERS.items()
            if operation.startswith(start)
        }
    )
    return tuple(f"*/{folder}/{function.name}/*" for folder in folders)


# --- S3 object expiry ---------------------------------------------------------------------------------
# Bulk-load sources live at <tenantId>/bulk-loads/..., exports at <tenantId>/exports/...: the tenant
# comes first, so no lifecycle prefix can select them. The code that writes them tags each object
# (`Tagging=retention=bulk-load` on PutObject / in the presigned PUT, or PutObjectTagging when the
# loader picks a file up) and the lifecycle rules below expire by tag.
EXPIRY_TAG_KEY = "retention"
BULK_LOAD_TAG_VALUE = "bulk-load"  # source files and their errors.ndjson reports
EXPORT_TAG_VALUE = "export"
ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7)

CORS_MAX_AGE = Duration.hours(1)


def stack_name(stage: str) -> str:
    return f"ExamRegistration-{stage}"


def function_construct_id(function: Lambda) -> str:
    """`examRegProcesses` -> `ExamRegProcessesFunction`."""
    return function.name[:1].upper() + function.name[1:] + "Function"


# The global secondary indexes each function queries, by route-table name; only these index ARNs
# enter its role (writes keep an index current without any index permission). A route-table entry
# that declares `indexes` itself overrides this. tests/deploy derives the same from the code (which
# handler reaches which `query_index(..., "<index>")`) and fails when the two differ.
INDEX_QUERIES: dict[str, tuple[str, ...]] = {
    "examRegistrations": ("gsi1", "gsi2"),  # calendar by center (gsi1), registrations by candidate (gsi2)
    "examRegProcesses": ("gsi2",),  # eligibility reads the candidate's last registration
    "examResults": ("gsi1", "gsi2"),  # results completed since (gsi1), the feed of written results (gsi2)
}


def indexes_used_by(function: Lambda) -> tuple[str, ...]:
    """The indexes `function` may query: its own `indexes` declaration, else INDEX_QUERIES.
    An index the table does not have fails synthesis."""
    declared = getattr(function, "indexes", None)
    names = tuple(declared) if declared is not None else INDEX_QUERIES.get(function.name, ())
    unknown = sorted(set(names) - set(GLOBAL_SECONDARY_INDEXES))
    if unknown:
        raise ValueError(f"{function.name}: indexes {unknown} are not in shared.table_schema.GLOBAL_SECONDARY_INDEXES")
    return names


def problem_template(status: int | None, title: str, detail: str, code: str) -> str:
    """A Gateway Response body: the problem+json document emulator/gateway.py sends locally.

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
    # Bodies over API Gateway's hard 10 MB limit.
    apigw.ResponseType.REQUEST_TOO_LARGE: (
        "413",
        problem_template(413, "Content Too Large", "$context.error.messageString", "request-too-large"),
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
    "userAgent": apigw.AccessLogField.context_identity_user_agent(),
    "method": apigw.AccessLogField.context_http_method(),
    "resourcePath": apigw.AccessLogField.context_resource_path(),
    "path": apigw.AccessLogField.context_path(),
    "status": apigw.AccessLogField.context_status(),
    "responseLength": apigw.AccessLogField.context_response_length(),
    "responseLatency": apigw.AccessLogField.context_response_latency(),
    "integrationLatency": apigw.AccessLogField.context_integration_latency(),
    "tenantId": apigw.AccessLogField.context_authorizer("tenantId"),
    "keyId": apigw.AccessLogField.context_authorizer("keyId"),
    "error": apigw.AccessLogField.context_error_message(),
    "errorType": apigw.AccessLogField.context_error_response_type(),
    "wafStatus": "$context.waf.status",
}


class ExamRegistrationStack(Stack):
    """One stage (dev, prod, ...) of the API. `asset_dir` is the built Lambda code (deploy.bundle).

    Settings come from `config`, or else from CDK context (`stage` overrides the context's stage).
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        asset_dir: Path | str,
        stage: str | None = None,
        config: StackConfig | None = None,
        **kwargs,
    ):
        super().__init__(scope, construct_id, **kwargs)
        self.config = config or StackConfig.from_context(self.node, stage)
        self.stage = self.config.stage
        self.is_production = self.config.is_production
        # Production data outlives the stack; anything else is disposable.
        self.data_removal_policy = RemovalPolicy.RETAIN if self.is_production else RemovalPolicy.DESTROY
        self.log_retention = self.config.log_retention
        Tags.of(self).add("project", SERVICE_NAME)
        Tags.of(self).add("stage", self.stage)

        self.table = self._table()
        self.access_log_bucket = self._access_log_bucket()
        self.bucket = self._bucket()
        self.page_token_secret = self._page_token_secret()
        self.code = lambda_.Code.from_asset(str(asset_dir))  # one asset shared by every function

        self.roles: dict[str, iam.Role] = {}
        self.invoke_targets: dict[str, lambda_.IFunction] = {}  # function id -> what API Gateway invokes
        self.file_grants: dict[str, tuple[str, ...]] = {}  # function id -> object key patterns it may use
        self.authorizer_function = self._function(
            AUTHORIZER_ID,
            AUTHORIZER_MODULE,
            self._base_environment(),
            AUTHORIZER_TIMEOUT,
            table_actions=AUTHORIZER_TABLE_ACTIONS,
            indexes=(),
            reads_page_token_secret=False,
            snap_start=self.config.snap_start,
        )
        self.functions: tuple[Lambda, ...] = LAMBDAS  # the route table this stack was built from
        self.resource_functions: dict[str, lambda_.Function] = {}
        for function in self.functions:
            self.resource_functions[function.name] = self._function(
                function_construct_id(function),
                function.module,
                self._resource_environment(),
                FUNCTION_TIMEOUT,
                table_actions=RESOURCE_TABLE_ACTIONS,
                indexes=indexes_used_by(function),
                reads_page_token_secret=True,
                file_prefixes=file_prefixes(function),
                snap_start=self.config.snap_start,
            )

        self.bulk_worker_dlq, self.bulk_worker = self._bulk_worker()

        self.api = self._rest_api()
        self.api_methods: dict[tuple[str, str], apigw.Method] = {}
        self.cors_methods: list[apigw.Method] = []
        self._routes()
        self.usage_plan = self.api.add_usage_plan(
            "UsagePlan",
            name=f"exam-registration-{self.stage}",
            description="Stage-wide limits; no API keys (tenants authenticate with the project's own keys)",
            throttle=apigw.ThrottleSettings(
                rate_limit=self.config.throttle_rate_limit, burst_limit=self.config.throttle_burst_limit
            ),
            api_stages=[apigw.UsagePlanPerApiStage(api=self.api, stage=self.api.deployment_stage)],
        )
        self.web_acl_association = None
        if self.config.waf_acl_arn:
            self.web_acl_association = wafv2.CfnWebACLAssociation(
                self,
                "WebAclAssociation",
                resource_arn=self.api.deployment_stage.stage_arn,
                web_acl_arn=self.config.waf_acl_arn,
            )

        self.alarm_topic = self._alarm_topic()
        self.monitoring = self._monitoring()

        CfnOutput(self, "ApiUrl", value=self.api.url, description="Base URL of the deployed stage")
        CfnOutput(self, "TableName", value=self.table.table_name)
        CfnOutput(self, "BucketName", value=self.bucket.bucket_name)
        CfnOutput(self, "AlarmTopicArn", value=self.alarm_topic.topic_arn, description="Where alarms notify")
        CfnOutput(self, "DashboardName", value=self.monitoring.dashboard.dashboard_name)

        self._drop_redundant_depends_on()
        compliance.apply(self)

    def _drop_redundant_depends_on(self) -> None:
        """CDK's S3 auto-delete handler (non-prod) depends on its role, which its GetAtt of the role's
        ARN already implies (cfn-lint W3005)."""
        provider = self.node.try_find_child("Custom::S3AutoDeleteObjectsCustomResourceProvider")
        if provider is not None:
            provider.node.find_child("Handler").add_deletion_override("DependsOn")

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

    def _private_bucket(self, construct_id: str, **kwargs) -> s3.Bucket:
        """No public access, TLS 1.2+ only, SSE-S3, versioned, owner-enforced (no ACLs)."""
        return s3.Bucket(
            self,
            construct_id,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            encryption=s3.BucketEncryption.S3_MANAGED,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True,
            removal_policy=self.data_removal_policy,
            auto_delete_objects=not self.is_production,  # else CloudFormation cannot delete a non-empty bucket
            **kwargs,
        )

    def _access_log_bucket(self) -> s3.Bucket:
        """Server access logs of the bulk-file bucket (S3 delivers them; SSE-S3 is what it supports)."""
        days = Duration.days(self.config.access_log_retention_days)
        return self._private_bucket(
            "AccessLogsBucket",
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-access-logs",
                    expiration=days,
                    noncurrent_version_expiration=Duration.days(1),
                    abort_incomplete_multipart_upload_after=ABORT_INCOMPLETE_UPLOADS_AFTER,
                )
            ],
        )

    def _bucket(self) -> s3.Bucket:
        config = self.config
        return self._private_bucket(
            "BulkFilesBucket",
            server_access_logs_bucket=self.access_log_bucket,
            server_access_logs_prefix="bulk-files/",
            lifecycle_rules=[
                # Tenant files expire after their retention; their old versions a day later.
                s3.LifecycleRule(
                    id="expire-bulk-load-files",
                    tag_filters={EXPIRY_TAG_KEY: BULK_LOAD_TAG_VALUE},
                    expiration=Duration.days(config.bulk_load_retention_days),
                    noncurrent_version_expiration=Duration.days(1),
                ),
                s3.LifecycleRule(
                    id="expire-exports",
                    tag_filters={EXPIRY_TAG_KEY: EXPORT_TAG_VALUE},
                    expiration=Duration.days(config.export_retention_days),
                    noncurrent_version_expiration=Duration.days(1),
                ),
                # Versioning guards against overwrites; old versions need not be kept (and paid for) forever.
                s3.LifecycleRule(
                    id="housekeeping",
                    noncurrent_version_expiration=Duration.days(config.noncurrent_version_retention_days),
                    abort_incomplete_multipart_upload_after=ABORT_INCOMPLETE_UPLOADS_AFTER,
                    expired_object_delete_marker=True,
                ),
            ],
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
            "POWERTOOLS_LOG_LEVEL": self.config.log_level,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
        }

    def _resource_environment(self) -> dict[str, str]:
        environment = {
            **self._base_environment(),
            "BUCKET_NAME": self.bucket.bucket_name,
            "TENANT_MAX_RECORDS_PER_RESOURCE": str(self.config.tenant_max_records_per_resource),
            "PAGE_TOKEN_SECRET_ARN": self.page_token_secret.secret_arn,
        }
        if self.config.cors_origins:
            environment["CORS_ALLOWED_ORIGINS"] = ",".join(self.config.cors_origins)
        return environment

    def _function(
        self,
        function_id: str,
        module: str,
        environment: dict[str, str],
        timeout: Duration,
        *,
        table_actions: tuple[str, ...],
        indexes: tuple[str, ...],
        reads_page_token_secret: bool,
        file_prefixes: tuple[str, ...] = (),
        memory_size: int = FUNCTION_MEMORY_MB,
        snap_start: bool = False,
        **options,
    ) -> lambda_.Function:
        """A Lambda with its own role, holding only what its code uses, and its own log group.

        With `snap_start`, its versions start from a snapshot and callers must invoke a version:
        `self.invoke_targets[function_id]` is then its `live` alias (else the function itself)."""
        log_group = logs.LogGroup(
            self, f"{function_id}Logs", retention=self.log_retention, removal_policy=self.data_removal_policy
        )
        role = iam.Role(
            self,
            f"{function_id}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"{function_id} ({self.stage}): its log group, table actions, files, X-Ray",
        )
        # Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): its own group only.
        log_group.grant(role, "logs:CreateLogStream", "logs:PutLogEvents")
        role.add_to_policy(
            iam.PolicyStatement(
                sid="Table",
                actions=list(table_actions),
                resources=[self.table.table_arn, *(f"{self.table.table_arn}/index/{name}" for name in indexes)],
            )
        )
        if reads_page_token_secret:
            role.add_to_policy(
                iam.PolicyStatement(
                    sid="PageTokenSecret",
                    actions=["secretsmanager:GetSecretValue"],
                    resources=[self.page_token_secret.secret_arn],
                )
            )
        if file_prefixes:
            role.add_to_policy(
                iam.PolicyStatement(
                    sid="TenantFiles",
                    actions=list(FILE_ACTIONS),
                    resources=[self.bucket.arn_for_objects(prefix) for prefix in file_prefixes],
                )
            )
            self.file_grants[function_id] = file_prefixes
        self.roles[function_id] = role
        function = lambda_.Function(
            self,
            function_id,
            runtime=LAMBDA_RUNTIME,
            architecture=LAMBDA_ARCHITECTURE,
            code=self.code,
            handler=f"{module}.{HANDLER_FUNCTION}",
            memory_size=memory_size,
            timeout=timeout,
            role=role,
            tracing=lambda_.Tracing.ACTIVE,  # adds xray:PutTraceSegments/PutTelemetryRecords (resource *)
            reserved_concurrent_executions=self.config.reserved_concurrency,
            log_group=log_group,
            environment=environment,
            snap_start=lambda_.SnapStartConf.ON_PUBLISHED_VERSIONS if snap_start else None,
            **options,
        )
        self.invoke_targets[function_id] = function
        if snap_start:
            self.invoke_targets[function_id] = lambda_.Alias(
                self, f"{function_id}Live", alias_name=LIVE_ALIAS, version=function.current_version
            )
            Annotations.of(function).acknowledge_warning(
                "@aws-cdk/aws-lambda:snapStartRequirePublish",
                "current_version publishes a version on every deploy, and API Gateway invokes its alias",
            )
        # CDK makes the function depend on both the role and its policy; the role is already implied
        # by the GetAtt of its ARN (cfn-lint W3005), so keep only the policy.
        policy = role.node.find_child("DefaultPolicy").node.default_child
        function.node.default_child.add_override("DependsOn", [self.get_logical_id(policy)])
        return function

    def _bulk_worker(self) -> tuple[sqs.Queue, lambda_.Function]:
        """The bulk loader and exporter (functions/bulk_jobs): run by S3 ObjectCreated notifications
        on the bulk-file bucket; events that fail every attempt land in its dead-letter queue."""
        dlq = sqs.Queue(
            self,
            "BulkLoaderDlq",
            encryption=sqs.QueueEncryption.KMS_MANAGED,  # alias/aws/sqs: Lambda's sender needs no key grant
            enforce_ssl=True,
            retention_period=DLQ_RETENTION,
            removal_policy=self.data_removal_policy,
        )
        environment = self._resource_environment()
        environment.pop("CORS_ALLOWED_ORIGINS", None)  # answers no browser
        worker = self._function(
            BULK_WORKER_ID,
            BULK_WORKER_MODULE,
            environment,
            BULK_WORKER_TIMEOUT,
            table_actions=BULK_WORKER_TABLE_ACTIONS,
            indexes=BULK_WORKER_INDEXES,
            reads_page_token_secret=True,  # exports page through records with signed page tokens
            file_prefixes=BULK_WORKER_FILE_PREFIXES,
            memory_size=BULK_WORKER_MEMORY_MB,
            dead_letter_queue=dlq,  # adds sqs:SendMessage on this queue to the role
            retry_attempts=BULK_WORKER_RETRY_ATTEMPTS,
            max_event_age=BULK_WORKER_MAX_EVENT_AGE,
        )
        # No prefix filter can match: keys start with the tenant id. The worker ignores other keys.
        self.bucket.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(worker))
        # CDK's notification handler depends on its role, which its GetAtt already implies (cfn-lint W3005).
        handler = next(c for c in self.node.children if c.node.id.startswith("BucketNotificationsHandler"))
        handler.node.find_child("Resource").add_deletion_override("DependsOn")
        return dlq, worker

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
                metrics_enabled=True,  # per-method (route) CloudWatch metrics: the p99 alarms need them
                logging_level=apigw.MethodLoggingLevel.ERROR,  # execution logs, errors only
                data_trace_enabled=False,  # never log request or response bodies
                throttling_rate_limit=self.config.throttle_rate_limit,
                throttling_burst_limit=self.config.throttle_burst_limit,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FIELDS)),
            ),
        )
        api.node.try_remove_child("Endpoint")  # CDK's own URL output; the stack outputs ApiUrl instead
        # API Gateway writes execution logs to this group; creating it first sets its retention.
        logs.LogGroup(
            self,
            "ApiExecutionLogs",
            log_group_name=f"API-Gateway-Execution-Logs_{api.rest_api_id}/{self.stage}",
            retention=self.log_retention,
            removal_policy=self.data_removal_policy,
        )
        cors_headers = {}
        if len(self.config.cors_origins) == 1:  # a static header can name one origin only
            cors_headers["Access-Control-Allow-Origin"] = f"'{self.config.cors_origins[0]}'"
        for response_type, (status_code, template) in GATEWAY_RESPONSES.items():
            api.add_gateway_response(
                f"{response_type.response_type}Response",
                type=response_type,
                status_code=status_code,
                response_headers={"Content-Type": f"'{PROBLEM_JSON}'", **cors_headers},
                templates={"application/json": template},
            )
        return api

    def _routes(self) -> None:
        """One method per route, on resources shared between functions (`resource_for_path` reuses them)."""
        ttl = self.config.authorizer_cache_ttl_seconds
        authorizer = apigw.RequestAuthorizer(
            self,
            "ApiKeyAuthorizer",
            handler=self.invoke_targets[AUTHORIZER_ID],
            identity_sources=list(AUTHORIZER_IDENTITY_SOURCES),
            results_cache_ttl=Duration.seconds(ttl),
        )
        methods_by_path: dict[str, list[str]] = {}
        for function in self.functions:
            handler = self.invoke_targets[function_construct_id(function)]
            integration = apigw.Integration(
                type=apigw.IntegrationType.AWS_PROXY,
                integration_http_method="POST",
                uri=f"arn:{Aws.PARTITION}:apigateway:{Aws.REGION}:lambda:path/2015-03-31/functions/"
                f"{handler.function_arn}/invocations",
            )
            # One invoke permission per function and top-level path, not one per method as
            # LambdaIntegration adds: the stack stays far below CloudFormation's 500 resources.
            for prefix in sorted({"/" + route.path.strip("/").split("/", 1)[0] for route in function.routes}):
                handler.add_permission(
                    f"ApiInvoke{alarm_id(prefix)}",
                    principal=iam.ServicePrincipal("apigateway.amazonaws.com"),
                    action="lambda:InvokeFunction",
                    source_arn=self.api.arn_for_execute_api("*", f"{prefix}/*", self.stage),
                )
            for route in function.routes:
                if TENANT not in route.path:
                    # The tenantId identity source would be missing, so API Gateway would answer 401.
                    raise ValueError(f"{route.method} {route.path}: every route must be below a {TENANT} segment")
                method = self.api.root.resource_for_path(route.path).add_method(
                    route.method,
                    integration,
                    authorizer=authorizer,
                    authorization_type=apigw.AuthorizationType.CUSTOM,
                )
                self.api_methods[(route.method, route.path)] = method
                methods_by_path.setdefault(route.path, []).append(route.method)

        if self.config.cors_origins:  # preflight only where routes are, and only when configured
            for path, methods in methods_by_path.items():
                self.cors_methods.append(
                    self.api.root.resource_for_path(path).add_cors_preflight(
                        allow_origins=list(self.config.cors_origins),
                        allow_methods=methods,
                        allow_headers=list(CORS_ALLOW_HEADERS),
                        expose_headers=list(CORS_EXPOSE_HEADERS),
                        max_age=CORS_MAX_AGE,
                    )
                )

    # --- alarms and dashboard -----------------------------------------------------------------------

    def _alarm_topic(self) -> sns.ITopic:
        if self.config.alarm_topic_arn:
            return sns.Topic.from_topic_arn(self, "AlarmTopic", self.config.alarm_topic_arn)
        return sns.Topic(
            self,
            "AlarmTopic",
            display_name=f"Exam registration API alarms ({self.stage})",
            enforce_ssl=True,
        )

    def _monitoring(self) -> Monitoring:
        # A nested stack of its own: one alarm per route would otherwise take the main template
        # towards CloudFormation's 500-resource limit as the route table grows.
        nested = NestedStack(self, "Monitoring", description=f"Alarms and dashboard of {self.stack_name}")
        monitoring = Monitoring(nested, "Monitoring", topic=self.alarm_topic, name_prefix=self.stack_name)
        monitoring.watch_api(
            api_name=self.api.rest_api_name,
            stage=self.stage,
            routes=[route for function in self.functions for route in function.routes],
            latency_p99_threshold_ms=self.config.latency_p99_threshold_ms,
            server_error_rate_threshold_percent=self.config.server_error_rate_threshold_percent,
        )
        monitoring.watch_function("authorizer", self.authorizer_function)
        for name, function in self.resource_functions.items():
            monitoring.watch_function(name, function)
        monitoring.watch_function("bulkLoader", self.bulk_worker)
        monitoring.watch_queue_depth("BulkLoaderDlq", self.bulk_worker_dlq)
        monitoring.watch_table(self.table, GLOBAL_SECONDARY_INDEXES)
        monitoring.finish()
        return monitoring
