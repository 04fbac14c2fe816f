"""Lambda run by S3 ObjectCreated notifications: bulk-load sources and export requests."""

from collections.abc import Callable
from urllib.parse import unquote_plus

from aws_lambda_powertools import Logger

from shared import keys
from shared.bulk.export import run_export
from shared.bulk.load import run_load
from shared.settings import get_settings

logger = Logger()
get_settings()


def handle_object_created(bucket: str, key: str, remaining_ms: Callable[[], int]) -> str:
    """Route one ObjectCreated notification by its key; returns what was done (for logs and tests)."""
    parts = keys.parse_file_key(key)
    if parts and parts.folder == keys.BULK_LOAD_FOLDER and parts.name != keys.ERROR_REPORT:
        return run_load(bucket, key, remaining_ms)
    if parts and parts.folder == keys.EXPORT_FOLDER and parts.name == keys.EXPORT_REQUEST:
        return run_export(key)
    return "ignored"


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
