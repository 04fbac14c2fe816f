"""Lambda on the table's stream: new event items -> one queue message per receiving endpoint.
A failure fails the batch, which the stream retries (and, when it keeps failing, sends to its
on-failure queue): no event is dropped silently."""

from typing import Any

from aws_lambda_powertools import Logger

from shared.settings import get_settings
from shared.webhooks.fanout import fan_out, items_of_stream

logger = Logger()
get_settings()


@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    items = items_of_stream(event.get("Records", []))
    queued = fan_out(items)
    logger.info("events fanned out", extra={"events": len(items), "queued": queued})
    return {"events": len(items), "queued": queued}
