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
