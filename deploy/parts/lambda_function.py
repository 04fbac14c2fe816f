"""How every Lambda of the stack is made: its runtime, its own log group, and a role holding only what
its code uses (table actions, the indexes it queries, its files, the page-token secret, X-Ray)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aws_cdk import Annotations, Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs

from deploy.config import StackConfig
from deploy.parts.data import Data

SERVICE_NAME = "exam-registration-api"
METRICS_NAMESPACE = "ExamRegistration"

# The newest Python Lambda offers (cdk-nag AwsSolutions-L1 wants the newest the CDK knows); the
# bundle's wheels are picked for the same version (a test keeps the two equal).
LAMBDA_RUNTIME = lambda_.Runtime.PYTHON_3_14  # must match deploy.bundle.LAMBDA_PYTHON_VERSION
LAMBDA_ARCHITECTURE = lambda_.Architecture.ARM_64  # must match deploy.bundle.LAMBDA_MACHINE
HANDLER_FUNCTION = "lambda_handler"
FUNCTION_MEMORY_MB = 512  # CPU scales with memory; pydantic and Powertools imports dominate cold starts
LIVE_ALIAS = "live"  # with SnapStart, the alias API Gateway invokes (a snapshot belongs to a version)

# HeadObject needs GetObject; multipart needs PutObject; PutObject with `Tagging` (the expiry tag)
# needs PutObjectTagging too, which also covers the worker tagging presigned uploads.
FILE_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:PutObjectTagging")


class LambdaFactory:
    """Makes the stack's Lambdas from one code asset, in the stack's own scope, and keeps what
    API Gateway and deploy/compliance.py need to know about each, by construct id."""

    def __init__(self, stack: Stack, config: StackConfig, data: Data, asset_dir: Path | str):
        self.stack = stack
        self.config = config
        self.data = data
        self.code = lambda_.Code.from_asset(str(asset_dir))  # one asset shared by every function
        self.roles: dict[str, iam.Role] = {}
        self.invoke_targets: dict[str, lambda_.IFunction] = {}  # function id -> what API Gateway invokes
        self.file_grants: dict[str, tuple[str, ...]] = {}  # function id -> object key patterns it may use

    def base_environment(self) -> dict[str, str]:
        return {
            "TABLE_NAME": self.data.table.table_name,
            "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
            "POWERTOOLS_LOG_LEVEL": self.config.log_level,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
        }

    def resource_environment(self) -> dict[str, str]:
        environment = {
            **self.base_environment(),
            "BUCKET_NAME": self.data.bucket.bucket_name,
            "TENANT_MAX_RECORDS_PER_RESOURCE": str(self.config.tenant_max_records_per_resource),
            "PAGE_TOKEN_SECRET_ARN": self.data.page_token_secret.secret_arn,
        }
        if self.config.cors_origins:
            environment["CORS_ALLOWED_ORIGINS"] = ",".join(self.config.cors_origins)
        return environment

    def function(
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
        statements: Sequence[iam.PolicyStatement] = (),
        memory_size: int = FUNCTION_MEMORY_MB,
        snap_start: bool = False,
        **options: Any,
    ) -> lambda_.Function:
        """A Lambda with its own role, holding only what its code uses, and its own log group.

        `statements` are what else its code uses (the webhook key and queue: deploy/parts/webhooks.py).
        With `snap_start`, its versions start from a snapshot and callers must invoke a version:
        `self.invoke_targets[function_id]` is then its `live` alias (else the function itself)."""
        stack, table = self.stack, self.data.table
        log_group = logs.LogGroup(
            stack,
            f"{function_id}Logs",
            retention=self.config.log_retention,
            removal_policy=self.config.data_removal_policy,
        )
        role = iam.Role(
            stack,
            f"{function_id}Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"{function_id} ({self.config.stage}): its log group, table actions, files, X-Ray",
        )
        # Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): its own group only.
        log_group.grant(role, "logs:CreateLogStream", "logs:PutLogEvents")
        role.add_to_policy(
            iam.PolicyStatement(
                sid="Table",
                actions=list(table_actions),
                resources=[table.table_arn, *(f"{table.table_arn}/index/{name}" for name in indexes)],
            )
        )
        if reads_page_token_secret:
            role.add_to_policy(
                iam.PolicyStatement(
                    sid="PageTokenSecret",
                    actions=["secretsmanager:GetSecretValue"],
                    resources=[self.data.page_token_secret.secret_arn],
                )
            )
        if file_prefixes:
            role.add_to_policy(
                iam.PolicyStatement(
                    sid="TenantFiles",
                    actions=list(FILE_ACTIONS),
                    resources=[self.data.bucket.arn_for_objects(prefix) for prefix in file_prefixes],
                )
            )
            self.file_grants[function_id] = file_prefixes
        for statement in statements:
            role.add_to_policy(statement)
        self.roles[function_id] = role
        function = lambda_.Function(
            stack,
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
                stack, f"{function_id}Live", alias_name=LIVE_ALIAS, version=function.current_version
            )
            Annotations.of(function).acknowledge_warning(
                "@aws-cdk/aws-lambda:snapStartRequirePublish",
                "current_version publishes a version on every deploy, and API Gateway invokes its alias",
            )
        # CDK makes the function depend on both the role and its policy; the role is already implied
        # by the GetAtt of its ARN (cfn-lint W3005), so keep only the policy.
        policy = role.node.find_child("DefaultPolicy").node.default_child
        function.node.default_child.add_override("DependsOn", [stack.get_logical_id(policy)])
        return function
