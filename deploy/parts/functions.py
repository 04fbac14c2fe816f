"""The stack's Lambdas, from the route table: the authorizer, one per `shared.routes.LAMBDAS` entry,
the bulk worker (run by S3 notifications) with its dead-letter queue, and the webhook fan-out and
dispatcher (deploy/parts/webhooks.py).

What the route table does not say about the code (which indexes a function queries, the DynamoDB and
S3 actions it performs, the tenant-file key layout) is declared here, and tests/deploy checks it
against the source.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aws_cdk import Duration, Stack
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from aws_cdk import aws_sqs as sqs

from deploy.config import StackConfig
from deploy.parts.data import Data
from deploy.parts.lambda_function import LambdaFactory
from deploy.parts.webhooks import WEBHOOK_ACCESS, WebhookAccess, Webhooks
from shared.routes import AUTHORIZER_MODULE, BULK_WORKER_MODULE, Lambda
from shared.table_schema import GLOBAL_SECONDARY_INDEXES

FUNCTION_TIMEOUT = Duration.seconds(15)  # below API Gateway's 29 s integration limit
AUTHORIZER_TIMEOUT = Duration.seconds(10)

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
# Route-table functions whose code reaches fewer actions than that, by name.
TABLE_ACTIONS: dict[str, tuple[str, ...]] = {
    "events": ("dynamodb:Query",),  # reads the tenant's event feed, nothing else
}
AUTHORIZER_TABLE_ACTIONS = ("dynamodb:GetItem",)  # looks an API key up by its hash, nothing else
# The bulk worker (shared/bulk/ via shared/engine/ and shared/store.py) also writes rows and error
# entries with BatchWriteItem; exports of examResults query gsi1.
BULK_WORKER_TABLE_ACTIONS = (*RESOURCE_TABLE_ACTIONS, "dynamodb:BatchWriteItem")
BULK_WORKER_INDEXES = ("gsi1",)

# The global secondary indexes each function queries, by route-table name; only these index ARNs
# enter its role (writes keep an index current without any index permission). A route-table entry
# that declares `indexes` itself overrides this. tests/deploy derives the same from the code (which
# handler reaches which `query_index(..., "<index>")`) and fails when the two differ.
INDEX_QUERIES: dict[str, tuple[str, ...]] = {
    "examRegistrations": ("gsi1", "gsi2"),  # calendar by center (gsi1), registrations by candidate (gsi2)
    "examRegProcesses": ("gsi2",),  # eligibility reads the candidate's last registration
    "examResults": ("gsi1", "gsi2"),  # results completed since (gsi1), the feed of written results (gsi2)
}

# --- S3: tenant files -------------------------------------------------------------------------------
# shared/keys.py: <tenantId>/bulk-loads/<resource>/<jobId>/... and <tenantId>/exports/<resource>/...
# A function that serves bulk-load or export routes may read and write (and presign URLs for) the
# files of its own resource only, in any tenant (the tenant is per request; handlers check it).
FILE_FOLDERS = {"bulkLoad": "bulk-loads", "export": "exports"}  # operation-name prefix -> key folder
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


def function_construct_id(function: Lambda) -> str:
    """`examRegProcesses` -> `ExamRegProcessesFunction`."""
    return function.name[:1].upper() + function.name[1:] + "Function"


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


def indexes_used_by(
    function: Lambda, table_indexes: Mapping[str, tuple[str, str]] = GLOBAL_SECONDARY_INDEXES
) -> tuple[str, ...]:
    """The indexes `function` may query: its own `indexes` declaration, else INDEX_QUERIES.
    An index the table does not have fails synthesis."""
    declared = getattr(function, "indexes", None)
    names = tuple(declared) if declared is not None else INDEX_QUERIES.get(function.name, ())
    unknown = sorted(set(names) - set(table_indexes))
    if unknown:
        raise ValueError(f"{function.name}: indexes {unknown} are not in shared.table_schema.GLOBAL_SECONDARY_INDEXES")
    return names


class Functions:
    """Every Lambda of the stack, in the stack's own scope (see deploy/parts/__init__.py).

    `route_table` is `shared.routes.LAMBDAS` and `table_indexes` the table's indexes, both passed by
    the stack (tests add an entry or an index there)."""

    def __init__(
        self,
        stack: Stack,
        config: StackConfig,
        data: Data,
        webhooks: Webhooks,
        *,
        asset_dir: Path | str,
        route_table: tuple[Lambda, ...],
        table_indexes: Mapping[str, tuple[str, str]],
    ):
        self.stack = stack
        self.data = data
        self.route_table = route_table
        self.factory = factory = LambdaFactory(stack, config, data, asset_dir)
        self.roles = factory.roles  # function id -> its role (filled as functions are made)
        self.file_grants = factory.file_grants  # function id -> object key patterns it may use
        self.authorizer = factory.function(
            AUTHORIZER_ID,
            AUTHORIZER_MODULE,
            factory.base_environment(),
            AUTHORIZER_TIMEOUT,
            table_actions=AUTHORIZER_TABLE_ACTIONS,
            indexes=(),
            reads_page_token_secret=False,
            snap_start=config.snap_start,
        )
        self.resource_functions: dict[str, lambda_.Function] = {}
        for function in route_table:
            webhook_access = WEBHOOK_ACCESS.get(function.name, WebhookAccess())
            self.resource_functions[function.name] = factory.function(
                function_construct_id(function),
                function.module,
                {**factory.resource_environment(), **webhooks.environment(webhook_access)},
                FUNCTION_TIMEOUT,
                table_actions=TABLE_ACTIONS.get(function.name, RESOURCE_TABLE_ACTIONS),
                indexes=indexes_used_by(function, table_indexes),
                reads_page_token_secret=True,
                file_prefixes=file_prefixes(function),
                statements=webhooks.statements(webhook_access),
                snap_start=config.snap_start,
            )
        self.bulk_worker_dlq, self.bulk_worker = self._bulk_worker()
        self.webhook_fanout, self.webhook_dispatcher = webhooks.add_functions(factory)

    def invoke_target(self, function_id: str) -> lambda_.IFunction:
        """What API Gateway invokes for `function_id`: the function, or its `live` alias with SnapStart."""
        return self.factory.invoke_targets[function_id]

    def _bulk_worker(self) -> tuple[sqs.Queue, lambda_.Function]:
        """The bulk loader and exporter (functions/bulk_jobs): run by S3 ObjectCreated notifications
        on the bulk-file bucket; events that fail every attempt land in its dead-letter queue."""
        stack, factory = self.stack, self.factory
        dlq = sqs.Queue(
            stack,
            "BulkLoaderDlq",
            encryption=sqs.QueueEncryption.KMS_MANAGED,  # alias/aws/sqs: Lambda's sender needs no key grant
            enforce_ssl=True,
            retention_period=DLQ_RETENTION,
            removal_policy=factory.config.data_removal_policy,
        )
        environment = factory.resource_environment()
        environment.pop("CORS_ALLOWED_ORIGINS", None)  # answers no browser
        worker = factory.function(
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
        self.data.bucket.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(worker))
        # CDK's notification handler depends on its role, which its GetAtt already implies (cfn-lint W3005).
        handler = next(c for c in stack.node.children if c.node.id.startswith("BucketNotificationsHandler"))
        handler.node.find_child("Resource").add_deletion_override("DependsOn")
        return dlq, worker
