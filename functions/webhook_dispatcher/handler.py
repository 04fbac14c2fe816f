"""Lambda on the webhook queue: one delivery attempt per message (Powertools' batch processing: a
message that fails returns to the queue, the others are deleted). Each attempt counts in the
`WebhookAttempts` metric by outcome (succeeded, retried, failed; deferred while its endpoint has its
most attempts in flight), which dashboards read."""

import json
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from shared.settings import get_settings
from shared.webhooks.delivery import attempt

logger = Logger()
metrics = Metrics()
get_settings()

# attempt()'s outcome -> the metric it counts in (other outcomes made no attempt)
METRIC_OF = {
    "succeeded": "WebhookAttemptsSucceeded",
    "pending": "WebhookAttemptsRetried",
    "failed": "WebhookAttemptsFailed",
    "deferred": "WebhookAttemptsDeferred",  # the endpoint had its most attempts in flight: later
}


def handle(record: SQSRecord) -> str:
    outcome = attempt(json.loads(record.body))
    if outcome in METRIC_OF:
        metrics.add_metric(name=METRIC_OF[outcome], unit=MetricUnit.Count, value=1)
    return outcome


@metrics.log_metrics
@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    # A processor per call: it keeps the batch's failures on itself, and the local emulator calls this
    # handler from several threads at once (Lambda runs one call per environment at a time).
    processor = BatchProcessor(event_type=EventType.SQS)
    return dict(process_partial_response(event=event, record_handler=handle, processor=processor, context=context))
