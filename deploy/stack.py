"""The deployed API, built from the route table: API Gateway (REST) -> one Lambda per resource ->
one DynamoDB table, plus the bulk-file bucket (with its access-log bucket), the page-token signing
secret, the webhook delivery (the table's stream, a fan-out Lambda, an SQS queue of attempts and the
dispatcher Lambda, a KMS key for signing secrets), alarms and a dashboard.

Routes, key attributes and indexes come from `shared/`: adding a Lambda to
`shared.routes.LAMBDAS` adds its Lambda, role, methods, alarms and dashboard graphs, and adding an
index to `shared.table_schema` adds it to the table. Each concern is one module of deploy/parts/;
this stack composes them. Deployment settings come from CDK context (deploy/config.py); findings of
cdk-nag and checkov that are accepted on purpose are listed, with their reasons, in deploy/compliance.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk import CfnOutput, NestedStack, Stack, Tags
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_sns as sns
from constructs import Construct

from deploy import compliance
from deploy.config import PRODUCTION_STAGE, StackConfig
from deploy.parts.api import Api
from deploy.parts.data import Data
from deploy.parts.functions import Functions
from deploy.parts.lambda_function import SERVICE_NAME
from deploy.parts.monitoring import Monitoring
from deploy.parts.webhooks import Webhooks
from shared.routes import LAMBDAS
from shared.table_schema import GLOBAL_SECONDARY_INDEXES

__all__ = ["PRODUCTION_STAGE", "ExamRegistrationStack", "stack_name"]


def stack_name(stage: str) -> str:
    return f"ExamRegistration-{stage}"


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
        **kwargs: Any,
    ):
        super().__init__(scope, construct_id, **kwargs)
        self.config = config or StackConfig.from_context(self.node, stage)
        self.stage = self.config.stage
        Tags.of(self).add("project", SERVICE_NAME)
        Tags.of(self).add("stage", self.stage)

        # The route table and the table's indexes are read here, once (tests patch them on this module).
        self.data = Data(self, self.config, indexes=GLOBAL_SECONDARY_INDEXES)
        self.webhooks = Webhooks(self, self.config, self.data)
        self.functions = Functions(
            self,
            self.config,
            self.data,
            self.webhooks,
            asset_dir=asset_dir,
            route_table=LAMBDAS,
            table_indexes=GLOBAL_SECONDARY_INDEXES,
        )
        self.api = Api(self, self.config, self.functions)
        self.alarm_topic = self._alarm_topic()
        self.monitoring = self._monitoring()

        CfnOutput(self, "ApiUrl", value=self.api.rest_api.url, description="Base URL of the deployed stage")
        CfnOutput(self, "TableName", value=self.data.table.table_name)
        CfnOutput(self, "BucketName", value=self.data.bucket.bucket_name)
        CfnOutput(self, "AlarmTopicArn", value=self.alarm_topic.topic_arn, description="Where alarms notify")
        CfnOutput(self, "DashboardName", value=self.monitoring.dashboard.dashboard_name)

        compliance.apply(self)  # last: it marks resources every part above has made

    @property
    def table(self) -> dynamodb.Table:
        return self.data.table

    @property
    def roles(self) -> dict[str, iam.Role]:
        """Function construct id -> its role."""
        return self.functions.roles

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
        functions = self.functions
        monitoring.watch_api(
            api_name=self.api.rest_api.rest_api_name,
            stage=self.stage,
            routes=[route for function in functions.route_table for route in function.routes],
            latency_p99_threshold_ms=self.config.latency_p99_threshold_ms,
            server_error_rate_threshold_percent=self.config.server_error_rate_threshold_percent,
        )
        monitoring.watch_function("authorizer", functions.authorizer)
        for name, function in functions.resource_functions.items():
            monitoring.watch_function(name, function)
        monitoring.watch_function("bulkLoader", functions.bulk_worker)
        monitoring.watch_queue_depth("BulkLoaderDlq", functions.bulk_worker_dlq)
        monitoring.watch_function("webhookFanout", functions.webhook_fanout)
        monitoring.watch_function("webhookDispatcher", functions.webhook_dispatcher)
        monitoring.watch_queue_depth("WebhookFanoutDlq", self.webhooks.fanout_dead_letters)
        monitoring.watch_queue_depth("WebhookAttemptsDlq", self.webhooks.dead_letters)
        monitoring.watch_webhook_failure_rate(functions.webhook_dispatcher.log_group)
        monitoring.watch_table(self.data.table, GLOBAL_SECONDARY_INDEXES)
        monitoring.finish()
        return monitoring
