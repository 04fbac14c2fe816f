"""Every cdk-nag (AwsSolutions) and checkov finding the stack accepts on purpose, with the reason.

Nothing is waived for a whole stack or a whole rule:

- a cdk-nag acknowledgment names one rule (and, for IAM4/IAM5, the one finding, e.g.
  `AwsSolutions-IAM5[Resource::*]`) on one resource, through CDK's `Validations.of(x).acknowledge`
  (cdk-nag 3.x);
- a checkov skip is written into the `Metadata.checkov.skip` of each resource it is about, with
  its reason as the comment, so `checkov -f <template>` shows it as skipped, with the reason.

tests/deploy checks both ways: with these in place cdk-nag and checkov report nothing, and
without them each one would report exactly what it waives (no waiver is stale or too broad).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aws_cdk import Acknowledgment, CfnResource, Validations
from constructs import IConstruct

from deploy.parts.functions import BULK_WORKER_ID

if TYPE_CHECKING:
    from deploy.stack import ExamRegistrationStack

# --- cdk-nag (AwsSolutions pack) ---------------------------------------------------------------------

BUCKET_NOTIFICATIONS_HANDLER = "BucketNotificationsHandler"  # CDK's construct id prefix

XRAY_WILDCARD = "AwsSolutions-IAM5[Resource::*]"
LAMBDA_BASIC_MANAGED_POLICY = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]"
)
APIGW_LOGS_MANAGED_POLICY = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]"
)

NAG_REASONS: dict[str, str] = {
    XRAY_WILDCARD: (
        "Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level "
        "permissions (the X-Ray service authorization reference lists no resource types for them), so "
        "Resource must be '*'. No other statement of this role has Resource '*'."
    ),
    APIGW_LOGS_MANAGED_POLICY: (
        "The account-wide API Gateway CloudWatch role (AWS::ApiGateway::Account) must let API Gateway "
        "create and write the execution and access log groups of every API in the account and region; "
        "this AWS-managed policy is the one AWS documents for it and AWS keeps it current."
    ),
    LAMBDA_BASIC_MANAGED_POLICY: (
        "CDK's own BucketNotificationsHandler (it sets the bucket's S3 -> bulk worker notification while "
        "CloudFormation deploys) is a CDK singleton whose role CDK builds with this AWS-managed policy "
        "(writing its logs); it runs only during deployments and touches no tenant data."
    ),
    "AwsSolutions-APIG2": (
        "Each handler validates the body and parameters against its pydantic model and answers 400 "
        "application/problem+json listing every problem; an API Gateway request validator would answer "
        "in another format, and only for a subset of those rules."
    ),
    "AwsSolutions-APIG3": (
        "WAF is optional: context wafAclArn associates a regional web ACL with the stage (recommended "
        "for prod). Without it, stage throttling and the API-key authorizer are the guard rails."
    ),
    "AwsSolutions-COG4": (
        "Callers are tenant systems with the project's own API keys (random, SHA-256-hashed, revocable), "
        "checked by the REQUEST Lambda authorizer on every method; there are no Cognito users."
    ),
    "AwsSolutions-SQS3": (
        "This queue is the on-failure destination of the webhook fan-out's stream event source mapping "
        "(DestinationConfig.OnFailure), so it is a dead-letter queue; cdk-nag only recognises queues named "
        "in another queue's RedrivePolicy. Its depth alarm fires on any message."
    ),
    "AwsSolutions-SMG4": (
        "The secret is the HMAC key of opaque page tokens (no access to data): rotating it would only "
        "invalidate the page tokens clients hold. Rotate by hand if it leaks (see docs/deploy.md)."
    ),
}


TENANT_FILES_REASON = (
    "Object keys start with the tenant id and end with a job id, both known only per request "
    "(<tenantId>/bulk-loads/<resource>/<jobId>/...). The wildcard is confined to this function's own "
    "resource folder and to GetObject/PutObject/PutObjectTagging; the handler checks the caller's tenant "
    "against the path."
)
BULK_WORKER_FILES_REASON = (
    "The bulk worker is run by S3 notifications for any tenant's bulk-load source or export request "
    "(<tenantId>/bulk-loads/<resource>/<jobId>/..., <tenantId>/exports/...): it reads the source, writes "
    "error reports and export files and tags uploads for expiry, for every resource. The wildcard is "
    "confined to those two folders and to GetObject/PutObject/PutObjectTagging; the tenant comes from "
    "the key, whose job item the worker must find first."
)


def acknowledge(construct: IConstruct, rule: str, reason: str | None = None) -> None:
    """Acknowledge one cdk-nag finding on one construct (and what it contains), with its reason."""
    Validations.of(construct).acknowledge(Acknowledgment(id=rule, reason=reason or NAG_REASONS[rule]))


def _bucket_notifications_handler(stack: ExamRegistrationStack) -> IConstruct | None:
    """CDK's singleton that puts bucket notifications in place (a custom resource), if the stack has one."""
    return next((c for c in stack.node.children if c.node.id.startswith(BUCKET_NOTIFICATIONS_HANDLER)), None)


def _acknowledge_nag_findings(stack: ExamRegistrationStack) -> None:
    bucket = stack.resolve(stack.get_logical_id(stack.data.bucket.node.default_child))
    api = stack.api.rest_api

    for function_id, role in stack.functions.roles.items():
        policy = role.node.find_child("DefaultPolicy")
        acknowledge(policy, XRAY_WILDCARD)
        reason = BULK_WORKER_FILES_REASON if function_id == BULK_WORKER_ID else TENANT_FILES_REASON
        for prefix in stack.functions.file_grants.get(function_id, ()):
            acknowledge(policy, f"AwsSolutions-IAM5[Resource::<{bucket}.Arn>/{prefix}]", reason)
    notifications = _bucket_notifications_handler(stack)
    if notifications is not None:
        acknowledge(notifications.node.find_child("Role"), LAMBDA_BASIC_MANAGED_POLICY)
    cloud_watch_role = api.node.try_find_child("CloudWatchRole")
    if cloud_watch_role is not None:
        acknowledge(cloud_watch_role, APIGW_LOGS_MANAGED_POLICY)
    acknowledge(api.node.default_child, "AwsSolutions-APIG2")
    if stack.api.web_acl_association is None:
        acknowledge(api.deployment_stage, "AwsSolutions-APIG3")
    for method in stack.api.methods.values():
        acknowledge(method, "AwsSolutions-COG4")
    # CORS preflights (OPTIONS, no authorizer) need nothing: cdk-nag exempts OPTIONS methods that only
    # answer CORS headers from APIG4 and COG4.
    acknowledge(stack.data.page_token_secret, "AwsSolutions-SMG4")
    acknowledge(stack.webhooks.fanout_dead_letters.node.default_child, "AwsSolutions-SQS3")


# --- checkov -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckovSkip:
    check: str
    resource_type: str
    reason: str
    # Narrows the skip to some resources of the type; None = every resource of the type.
    only: Callable[[ExamRegistrationStack, CfnResource], bool] | None = None
    where: str = ""  # says in words what `only` selects


def _is_cdk_helper(stack: ExamRegistrationStack, resource: CfnResource) -> bool:
    """CDK's own custom-resource handlers (S3 auto-delete in non-prod stages, the bucket notification
    setter), not project functions."""
    return resource.node.path.startswith(
        (f"{stack.node.path}/Custom::", f"{stack.node.path}/{BUCKET_NOTIFICATIONS_HANDLER}")
    )


def _is_project_function(stack: ExamRegistrationStack, resource: CfnResource) -> bool:
    return not _is_cdk_helper(stack, resource)


def _is_invoked_synchronously(stack: ExamRegistrationStack, resource: CfnResource) -> bool:
    """Every function but the bulk worker (S3 invokes it asynchronously; it has its DLQ)."""
    return resource.node.path != stack.functions.bulk_worker.node.default_child.node.path


def _is_access_log_bucket(stack: ExamRegistrationStack, resource: CfnResource) -> bool:
    return resource.node.path == stack.data.access_log_bucket.node.default_child.node.path


CHECKOV_SKIPS: tuple[CheckovSkip, ...] = (
    CheckovSkip(
        "CKV_AWS_117",
        "AWS::Lambda::Function",
        "Lambda in a VPC: the functions reach public AWS endpoints (DynamoDB, Secrets Manager, KMS, SQS, "
        "X-Ray, CloudWatch) over TLS with IAM auth, and the webhook dispatcher also the tenants' receivers "
        "on the internet; a VPC would add NAT or endpoint costs and cold-start latency and protect nothing "
        "here. The dispatcher's SSRF guard is in its code (shared/webhooks/urls.py): https only, and before "
        "every attempt the host is resolved and a loopback, private, link-local (169.254.169.254 included) "
        "or multicast address refuses the URL; it connects to the address checked and follows no redirect.",
    ),
    CheckovSkip(
        "CKV_AWS_116",
        "AWS::Lambda::Function",
        "A Lambda DLQ catches failed asynchronous invocations only; these functions are invoked "
        "synchronously (API Gateway, the authorizer, CloudFormation custom resources, and event source "
        "mappings, whose failures go to the webhook fan-out's on-failure queue and the attempts queue's "
        "redrive DLQ), so errors go back to the caller. The asynchronous bulk worker has its DLQ; every "
        "DLQ has a depth alarm.",
        only=_is_invoked_synchronously,
        where="every function but the bulk worker",
    ),
    CheckovSkip(
        "CKV_AWS_173",
        "AWS::Lambda::Function",
        "Environment variables hold resource names, ARNs, a queue URL, limits and log settings, no secrets "
        "(the page-token key is read from Secrets Manager at run time, webhook signing secrets are stored "
        "KMS-encrypted in the table); Lambda encrypts them at rest with "
        "its AWS-managed key.",
        only=_is_project_function,
        where="the project's functions (CDK's helper has no environment)",
    ),
    CheckovSkip(
        "CKV_AWS_115",
        "AWS::Lambda::Function",
        "CDK's custom-resource handlers (S3 auto-delete, which runs only at stack deletion in non-prod "
        "stages; the bucket-notification setter, only during deployments): reserved concurrency would "
        "only take capacity from the account pool. Every project function has reserved concurrency.",
        only=_is_cdk_helper,
        where="CDK's custom-resource handlers only",
    ),
    CheckovSkip(
        "CKV_AWS_158",
        "AWS::Logs::LogGroup",
        "Logs are encrypted at rest by CloudWatch Logs; they carry no secrets (API keys are never "
        "logged, only key ids) so a customer-managed KMS key would add cost and a key policy to keep "
        "in step with every log group without protecting anything more.",
    ),
    CheckovSkip(
        "CKV_AWS_18",
        "AWS::S3::Bucket",
        "This is the access-log bucket itself; logging it into itself would loop, and into another "
        "bucket would only move the question.",
        only=_is_access_log_bucket,
        where="the access-log bucket only",
    ),
    CheckovSkip(
        "CKV_AWS_119",
        "AWS::DynamoDB::Table",
        "The table is encrypted with the AWS-managed key (aws/dynamodb, SSE type KMS); a customer-managed "
        "key costs more per request and only matters for cross-account key control, which this stack "
        "does not need.",
    ),
    CheckovSkip(
        "CKV_AWS_149",
        "AWS::SecretsManager::Secret",
        "Encrypted with the AWS-managed key aws/secretsmanager; only the functions' own roles may read "
        "it, and nothing outside the account needs to.",
    ),
    CheckovSkip(
        "CKV_AWS_26",
        "AWS::SNS::Topic",
        "The alarm topic carries alarm names and states, no tenant data; CloudWatch cannot publish to a "
        "topic encrypted with the AWS-managed SNS key, and a customer-managed key just for this adds "
        "cost. Publishers must use TLS (topic policy).",
    ),
    CheckovSkip(
        "CKV_AWS_120",
        "AWS::ApiGateway::Stage",
        "Response caching would serve one caller's tenant data from cache keyed by path; every answer "
        "depends on the caller's key and on current data. Authorizer results are cached instead.",
    ),
)


def _skip_checkov_findings(stack: ExamRegistrationStack) -> None:
    skips: dict[str, list[dict[str, str]]] = {}
    resources: dict[str, CfnResource] = {}
    for construct in stack.node.find_all():
        if not isinstance(construct, CfnResource):  # the stack's own and its nested stacks' resources
            continue
        for skip in CHECKOV_SKIPS:
            if construct.cfn_resource_type == skip.resource_type and (skip.only is None or skip.only(stack, construct)):
                resources[construct.node.path] = construct
                skips.setdefault(construct.node.path, []).append({"id": skip.check, "comment": skip.reason})
    for path, entries in skips.items():
        resources[path].add_metadata("checkov", {"skip": entries})


def apply(stack: ExamRegistrationStack) -> None:
    """Record every accepted finding on the resources it concerns; call last in the stack."""
    _acknowledge_nag_findings(stack)
    _skip_checkov_findings(stack)
