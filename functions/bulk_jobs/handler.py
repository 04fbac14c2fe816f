"""Lambda run by S3 ObjectCreated notifications: bulk-load sources and export requests."""

from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger

from shared.bulk import handle_object_created
from shared.settings import get_settings

logger = Logger()
get_settings()


@logger.inject_lambda_context
def lambda_handler(event: dict, context) -> dict:
    outcomes = []
    for record in event.get("Records", []):
        if not str(record.get("eventName", "")).startswith("ObjectCreated"):
            continue
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        outcome = handle_object_created(bucket, key, context.get_remaining_time_in_millis)
        logger.info("object handled", key=key, outcome=outcome)
        outcomes.append(outcome)
    return {"outcomes": outcomes}
