"""Webhooks (issue 13): the key that encrypts signing secrets, the queue of delivery attempts (with its
dead-letter queue), the stream fan-out and the dispatcher, and what the route table's functions need
of them.

    table stream (new `event` items) --> fan-out --> attempts queue --> dispatcher --> receiver
                                           |              | (5 receives)     | (re-queues the next
                                   on-failure DLQ   attempts DLQ             |  attempt, delayed)

The outbox event item is written in the same transaction as the record (shared/engine/records.py),
so an event exists exactly when its write committed; the stream carries it to the fan-out, which
queues one message per receiving endpoint. Each queue message is one attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

import jsii
from aws_cdk import Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sqs as sqs

from deploy.config import LOG_LEVELS, StackConfig
from deploy.parts.data import Data
from deploy.parts.lambda_function import LambdaFactory
from shared.routes import WEBHOOK_DISPATCHER_MODULE, WEBHOOK_FANOUT_MODULE

WEBHOOK_KEY_ID = "WebhookSecretsKey"
WEBHOOK_QUEUE_ID = "WebhookAttemptsQueue"
WEBHOOK_DLQ_ID = "WebhookAttemptsDlq"
FANOUT_DLQ_ID = "WebhookFanoutDlq"
FANOUT_ID = "WebhookFanoutFunction"
DISPATCHER_ID = "WebhookDispatcherFunction"

# shared/webhooks/secrets.py binds each ciphertext to its tenant and endpoint with this context.
ENCRYPTION_CONTEXT_KEYS = ("tenant", "webhookEndpoint")

# --- the fan-out: the table's stream -> one queue message per (event, endpoint) ----------------------
EVENT_ITEM_TYPE = "event"  # shared.events.ITEM_TYPE (a test keeps the two equal)
# Only new event items invoke it (Lambda filters before invoking; other writes cost nothing).
STREAM_FILTER = {
    "eventName": lambda_.FilterRule.is_equal("INSERT"),
    "dynamodb": {"NewImage": {"item_type": {"S": lambda_.FilterRule.is_equal(EVENT_ITEM_TYPE)}}},
}
FANOUT_TIMEOUT = Duration.seconds(60)  # a batch of 100 events: one Query per tenant, SendMessageBatch per 10
FANOUT_BATCH_SIZE = 100
# A failing batch is split in two (bisect) and retried, this many times; what still fails is recorded
# (shard and sequence numbers, not the records) in the on-failure queue. The events themselves stay
# in the table 35 days, so `replay` with a time range re-delivers them.
FANOUT_RETRY_ATTEMPTS = 10
FANOUT_TABLE_ACTIONS = ("dynamodb:Query",)  # lists the tenant's webhookEndpoints records
STREAM_READ_ACTIONS = (
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
)

# --- the dispatcher: one delivery attempt per queue message --------------------------------------------
RECEIVER_TIMEOUT_SECONDS = 15  # WEBHOOK_TIMEOUT_SECONDS: a receiver that has not answered by then failed
DISPATCHER_TIMEOUT = Duration.seconds(30)  # the receiver's 15 s, KMS, DynamoDB and SQS calls around it
# AWS's rule for an SQS event source: at least 6 times the function's timeout, so a message whose
# invocation is retried (throttled, timed out) is not handed out again while it still runs.
QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(6 * DISPATCHER_TIMEOUT.to_seconds())
# A message that fails to process 5 times (the dispatcher crashed or timed out each time: a failed
# delivery is not a failed message, it queues its retry itself) goes to the attempts DLQ.
MAX_RECEIVE_COUNT = 5


# GetItem: endpoint, event and delivery-state items, and records.modify's read when it disables an
# endpoint; PutItem: the attempt's log item; UpdateItem: the state item, the endpoint's failure stamp
# and the disabling write (shared/webhooks/delivery.py; no Query, no Delete).
def per_endpoint_slots(reserved_concurrency: int) -> int:
    """Attempts in flight to one endpoint at most: a fifth of the dispatcher's reserved concurrency
    (at most 4, at least 1), so that one receiver that is slow or down holds no more than that and
    the others' attempts keep running (shared/webhooks/delivery.py `_claim_slot`)."""
    return max(1, min(4, reserved_concurrency // 5))


DISPATCHER_TABLE_ACTIONS = ("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
# What Lambda's SQS poller does with the function's role (no ChangeMessageVisibility, no GetQueueUrl).
QUEUE_CONSUME_ACTIONS = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")
QUEUE_RETENTION = Duration.days(14)  # the longest SQS keeps a message (a dispatcher down for days loses none)


@dataclass(frozen=True)
class WebhookAccess:
    """What a function's code does with the webhook key and queue (tests/deploy checks it against
    the source: shared/webhooks/secrets.py calls KMS, shared/webhooks/queue.py SQS)."""

    encrypts_secrets: bool = False  # kms:Encrypt (create, rotateSecret)
    decrypts_secrets: bool = False  # kms:Decrypt (signing a delivery)
    sends_attempts: bool = False  # sqs:SendMessage (SendMessageBatch needs it too)


# Route-table functions that use the key or the queue, by name; the others get neither.
WEBHOOK_ACCESS: dict[str, WebhookAccess] = {
    "webhookEndpoints": WebhookAccess(encrypts_secrets=True, sends_attempts=True),  # replay, test
}
FANOUT_ACCESS = WebhookAccess(sends_attempts=True)
DISPATCHER_ACCESS = WebhookAccess(decrypts_secrets=True, sends_attempts=True)  # re-queues the next attempt


@jsii.implements(lambda_.IEventSourceDlq)
class _OnFailureQueue:
    """The stream mapping's on-failure destination. CDK's SqsDlq would also grant GetQueueAttributes
    and GetQueueUrl; Lambda only needs sqs:SendMessage, granted with the function's role."""

    def __init__(self, queue: sqs.IQueue):
        self.queue = queue

    def bind(
        self, target: lambda_.IEventSourceMapping, target_handler: lambda_.IFunction
    ) -> lambda_.DlqDestinationConfig:
        del target, target_handler  # the grant is in the role already (see above)
        return lambda_.DlqDestinationConfig(destination=self.queue.queue_arn)


class Webhooks:
    """The webhook resources, in the stack's own scope (see deploy/parts/__init__.py). Made before the
    functions (the route table's functions get their environment and grants from here), the fan-out
    and the dispatcher come after (`add_functions`)."""

    def __init__(self, stack: Stack, config: StackConfig, data: Data):
        self.stack = stack
        self.config = config
        self.data = data
        self.key = kms.Key(
            stack,
            WEBHOOK_KEY_ID,
            description=f"Encrypts webhook signing secrets ({config.stage}); context: tenant, webhookEndpoint",
            enable_key_rotation=True,
            removal_policy=config.data_removal_policy,  # deleted after the 30-day waiting period
        )
        self.dead_letters = self._queue(WEBHOOK_DLQ_ID)
        self.queue = self._queue(
            WEBHOOK_QUEUE_ID,
            visibility_timeout=QUEUE_VISIBILITY_TIMEOUT,
            dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=MAX_RECEIVE_COUNT, queue=self.dead_letters),
        )
        self.fanout_dead_letters = self._queue(FANOUT_DLQ_ID)

    def _queue(self, construct_id: str, **options: object) -> sqs.Queue:
        return sqs.Queue(
            self.stack,
            construct_id,
            encryption=sqs.QueueEncryption.KMS_MANAGED,  # alias/aws/sqs: senders and Lambda need no key grant
            enforce_ssl=True,
            retention_period=QUEUE_RETENTION,
            removal_policy=self.config.data_removal_policy,
            **options,
        )

    # --- what a function with `access` gets ------------------------------------------------------------

    def environment(self, access: WebhookAccess) -> dict[str, str]:
        environment = {}
        if access.encrypts_secrets or access.decrypts_secrets:
            environment["WEBHOOK_KMS_KEY_ID"] = self.key.key_arn
        if access.sends_attempts:
            environment["WEBHOOK_QUEUE_URL"] = self.queue.queue_url
        return environment

    def statements(self, access: WebhookAccess) -> list[iam.PolicyStatement]:
        # Only ciphertexts bound to a tenant and an endpoint: the context must be present and hold no
        # other key (ForAllValues alone would also match a request without any context).
        context = {
            "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": list(ENCRYPTION_CONTEXT_KEYS)},
            "Null": {"kms:EncryptionContextKeys": "false"},
        }
        found = []
        for sid, granted, action in (
            ("WebhookSecretsEncrypt", access.encrypts_secrets, "kms:Encrypt"),
            ("WebhookSecretsDecrypt", access.decrypts_secrets, "kms:Decrypt"),
        ):
            if granted:
                found.append(
                    iam.PolicyStatement(sid=sid, actions=[action], resources=[self.key.key_arn], conditions=context)
                )
        if access.sends_attempts:
            found.append(
                iam.PolicyStatement(
                    sid="WebhookQueueSend", actions=["sqs:SendMessage"], resources=[self.queue.queue_arn]
                )
            )
        return found

    # --- the two background functions -----------------------------------------------------------------

    def add_functions(self, factory: LambdaFactory) -> tuple[lambda_.Function, lambda_.Function]:
        return self._fanout(factory), self._dispatcher(factory)

    def _fanout(self, factory: LambdaFactory) -> lambda_.Function:
        table = self.data.table
        stream_arn = table.table_stream_arn
        assert stream_arn is not None  # the table is made with its stream (deploy/parts/data.py)
        fanout = factory.function(
            FANOUT_ID,
            WEBHOOK_FANOUT_MODULE,
            {**factory.base_environment(), **self.environment(FANOUT_ACCESS)},
            FANOUT_TIMEOUT,
            table_actions=FANOUT_TABLE_ACTIONS,
            indexes=(),
            reads_page_token_secret=False,  # walks the endpoints with raw DynamoDB keys, signs no token
            statements=[
                *self.statements(FANOUT_ACCESS),
                # Lambda's stream poller, with the function's role: this table's stream only (CDK's
                # DynamoEventSource would grant ListStreams on every resource).
                iam.PolicyStatement(sid="TableStream", actions=list(STREAM_READ_ACTIONS), resources=[stream_arn]),
                iam.PolicyStatement(
                    sid="OnFailureQueue", actions=["sqs:SendMessage"], resources=[self.fanout_dead_letters.queue_arn]
                ),
            ],
        )
        lambda_.EventSourceMapping(
            self.stack,
            "WebhookFanoutStream",
            target=fanout,
            event_source_arn=stream_arn,
            # From the oldest record the stream keeps (24 h): nothing written before the mapping
            # first polls, or while it is disabled, is skipped.
            starting_position=lambda_.StartingPosition.TRIM_HORIZON,
            batch_size=FANOUT_BATCH_SIZE,
            bisect_batch_on_error=True,
            retry_attempts=FANOUT_RETRY_ATTEMPTS,
            on_failure=_OnFailureQueue(self.fanout_dead_letters),
            filters=[lambda_.FilterCriteria.filter(STREAM_FILTER)],
        )
        return fanout

    def _dispatcher(self, factory: LambdaFactory) -> lambda_.Function:
        environment = {
            **factory.base_environment(),
            **self.environment(DISPATCHER_ACCESS),
            "WEBHOOK_TIMEOUT_SECONDS": str(RECEIVER_TIMEOUT_SECONDS),
            "WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT": str(per_endpoint_slots(self.config.reserved_concurrency)),
            # WEBHOOK_RETRY_SCHEDULE: the Standard Webhooks default (shared/settings.py).
            # WEBHOOK_ALLOW_LOOPBACK is never set: a deployed stage refuses loopback and private URLs.
        }
        # The failure-rate alarm counts the dispatcher's INFO line per attempt (deploy/parts/monitoring.py
        # watch_log_failure_rate): it logs at INFO at least, whatever `logLevel` says.
        if LOG_LEVELS.index(self.config.log_level) > LOG_LEVELS.index("INFO"):
            environment["POWERTOOLS_LOG_LEVEL"] = "INFO"
        # Not in a VPC: it must reach the receivers on the internet. shared/webhooks/urls.py refuses
        # loopback, private, link-local and multicast addresses before each attempt, and
        # delivery.post connects to the address it checked (see deploy/compliance.py, CKV_AWS_117).
        dispatcher = factory.function(
            DISPATCHER_ID,
            WEBHOOK_DISPATCHER_MODULE,
            environment,
            DISPATCHER_TIMEOUT,
            table_actions=DISPATCHER_TABLE_ACTIONS,
            indexes=(),
            reads_page_token_secret=False,
            statements=[
                *self.statements(DISPATCHER_ACCESS),
                iam.PolicyStatement(
                    sid="WebhookQueueConsume", actions=list(QUEUE_CONSUME_ACTIONS), resources=[self.queue.queue_arn]
                ),
            ],
        )
        concurrency = self.config.reserved_concurrency
        lambda_.EventSourceMapping(
            self.stack,
            "WebhookDispatcherQueue",
            target=dispatcher,
            event_source_arn=self.queue.queue_arn,
            # One message per invocation: each attempt runs on its own, so a receiver that is slow
            # (up to its 15 s) or down holds up only its own attempt, never another endpoint's or
            # another tenant's deliveries in the same batch (there is no batch).
            batch_size=1,
            # The handler returns batchItemFailures (Powertools' BatchProcessor): a failed message
            # returns to the queue alone.
            report_batch_item_failures=True,
            # No more pollers than the function may run (its reserved concurrency): throttled
            # invocations would count against the message's 5 receives.
            max_concurrency=concurrency if concurrency >= 2 else None,
        )
        return dispatcher
