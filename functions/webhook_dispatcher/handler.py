"""Lambda on the webhook queue: one delivery attempt per message (Powertools' batch processing: a
message that fails returns to the queue, the others are deleted)."""

import json
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from shared.settings import get_settings
from shared.webhooks.delivery import attempt

logger = Logger()
processor = BatchProcessor(event_type=EventType.SQS)
get_settings()


def handle(record: SQSRecord) -> str:
    return attempt(json.loads(record.body))


@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=handle, processor=processor, context=context))
