"""Where the data lives: the DynamoDB table, the bulk-file bucket (with its access-log bucket) and
the page-token signing secret."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import Duration, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager

from deploy.config import StackConfig
from shared.table_schema import PARTITION_KEY, SORT_KEY, STREAM_VIEW_TYPE, TTL_ATTRIBUTE

# --- S3 object expiry ---------------------------------------------------------------------------------
# Bulk-load sources live at <tenantId>/bulk-loads/..., exports at <tenantId>/exports/...: the tenant
# comes first, so no lifecycle prefix can select them. The code that writes them tags each object
# (`Tagging=retention=bulk-load` on PutObject / in the presigned PUT, or PutObjectTagging when the
# loader picks a file up) and the lifecycle rules below expire by tag.
EXPIRY_TAG_KEY = "retention"
BULK_LOAD_TAG_VALUE = "bulk-load"  # source files and their errors.ndjson reports
EXPORT_TAG_VALUE = "export"
ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7)


class Data:
    """The stateful resources. Built in the stack's own scope (see deploy/parts/__init__.py)."""

    def __init__(self, stack: Stack, config: StackConfig, *, indexes: Mapping[str, tuple[str, str]]):
        self.stack = stack
        self.config = config
        self.table = self._table(indexes)
        self.access_log_bucket = self._access_log_bucket()
        self.bucket = self._bucket()
        self.page_token_secret = self._page_token_secret()
        self._drop_redundant_depends_on()

    def _table(self, indexes: Mapping[str, tuple[str, str]]) -> dynamodb.Table:
        """Keys, TTL, stream and indexes from shared/table_schema.py (`indexes`: its GLOBAL_SECONDARY_INDEXES)."""
        table = dynamodb.Table(
            self.stack,
            "Table",
            partition_key=dynamodb.Attribute(name=PARTITION_KEY, type=dynamodb.AttributeType.STRING),
            sort_key=dynamodb.Attribute(name=SORT_KEY, type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            time_to_live_attribute=TTL_ATTRIBUTE,
            # New event items reach the webhook fan-out through the stream (deploy/parts/webhooks.py).
            stream=dynamodb.StreamViewType[STREAM_VIEW_TYPE],
            removal_policy=self.config.data_removal_policy,
            deletion_protection=self.config.is_production,
        )
        for index_name, (index_partition_key, index_sort_key) in indexes.items():
            table.add_global_secondary_index(
                index_name=index_name,
                partition_key=dynamodb.Attribute(name=index_partition_key, type=dynamodb.AttributeType.STRING),
                sort_key=dynamodb.Attribute(name=index_sort_key, type=dynamodb.AttributeType.STRING),
                projection_type=dynamodb.ProjectionType.ALL,  # as shared.table_schema.create_table_request
            )
        return table

    def _private_bucket(self, construct_id: str, **kwargs: Any) -> s3.Bucket:
        """No public access, TLS 1.2+ only, SSE-S3, versioned, owner-enforced (no ACLs)."""
        return s3.Bucket(
            self.stack,
            construct_id,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            encryption=s3.BucketEncryption.S3_MANAGED,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True,
            removal_policy=self.config.data_removal_policy,
            # Else CloudFormation cannot delete a non-empty bucket.
            auto_delete_objects=not self.config.is_production,
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
            self.stack,
            "PageTokenSecret",
            description=f"HMAC key signing pagination tokens ({self.config.stage})",
            generate_secret_string=secretsmanager.SecretStringGenerator(password_length=64, exclude_punctuation=True),
            removal_policy=self.config.data_removal_policy,
        )

    def _drop_redundant_depends_on(self) -> None:
        """CDK's S3 auto-delete handler (non-prod) depends on its role, which its GetAtt of the role's
        ARN already implies (cfn-lint W3005)."""
        provider = self.stack.node.try_find_child("Custom::S3AutoDeleteObjectsCustomResourceProvider")
        if provider is not None:
            provider.node.find_child("Handler").add_deletion_override("DependsOn")
