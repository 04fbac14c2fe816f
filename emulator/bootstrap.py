"""Make storage ready for the API: the table and bucket if absent, and a tenant with its keys."""

from __future__ import annotations

import boto3
from botocore.exceptions import ClientError

from shared.table_schema import create_table_request


def ensure_table(table_name: str) -> None:
    client = boto3.client("dynamodb")
    try:
        client.describe_table(TableName=table_name)
        return
    except ClientError as error:
        if error.response["Error"]["Code"] != "ResourceNotFoundException":
            raise
    client.create_table(**create_table_request(table_name))
    client.get_waiter("table_exists").wait(TableName=table_name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})


def ensure_bucket(bucket_name: str) -> None:
    client = boto3.client("s3")
    try:
        client.head_bucket(Bucket=bucket_name)
    except ClientError:
        client.create_bucket(Bucket=bucket_name)


def bootstrap_tenant(tenant: str, presets: dict[str, str | None]) -> dict[str, str]:
    """Ensure `tenant` exists and holds one key per role; `presets` fixes a role's secret."""
    from shared.tenants import ensure_tenant, issue_key

    ensure_tenant(tenant)
    return {role: issue_key(tenant, role, f"{tenant} {role} (bootstrap)", preset) for role, preset in presets.items()}


WEBHOOK_KEY_ALIAS = "alias/exam-registration-local-webhooks"


def ensure_webhook_queue(queue_name: str, visibility_timeout: int = 30) -> str:
    """The queue of webhook attempts (moto's SQS); its URL is also put in WEBHOOK_QUEUE_URL."""
    import os

    url = boto3.client("sqs").create_queue(
        QueueName=queue_name, Attributes={"VisibilityTimeout": str(visibility_timeout)}
    )["QueueUrl"]
    os.environ["WEBHOOK_QUEUE_URL"] = url
    return str(url)


def ensure_webhook_key() -> str:
    """The KMS key that encrypts signing secrets (moto's KMS); its alias goes in WEBHOOK_KMS_KEY_ID."""
    import os

    kms = boto3.client("kms")
    try:
        key_id = kms.describe_key(KeyId=WEBHOOK_KEY_ALIAS)["KeyMetadata"]["KeyId"]
    except ClientError:
        key_id = kms.create_key(Description="webhook signing secrets (local)")["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=WEBHOOK_KEY_ALIAS, TargetKeyId=key_id)
    os.environ["WEBHOOK_KMS_KEY_ID"] = WEBHOOK_KEY_ALIAS
    return WEBHOOK_KEY_ALIAS
