"""The webhook machinery of `make run`, as Lambda runs it deployed: the table's stream is read and
its records handed to the fan-out Lambda's handler (as an event source mapping would, filtered the
same way); the queue is polled and each message handed to the dispatcher Lambda's handler, one
message per invocation on a pool of threads. A slow receiver holds at most
WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT threads: the dispatcher's own per-endpoint slots (in the table)
bound it here as they bound Lambda invocations deployed.

Runs inside the local server (threads), or alone: `python -m emulator.dispatcher` against a running
server's storage (the tests kill that process mid-delivery and start another). The stream position
is kept in the table, so a restarted reader resumes where the last one committed."""

from __future__ import annotations

import importlib
import logging
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3

from shared import keys, store
from shared.routes import WEBHOOK_DISPATCHER_MODULE, WEBHOOK_FANOUT_MODULE

log = logging.getLogger(__name__)
WORKERS = int(os.environ.get("WEBHOOK_LOCAL_WORKERS", "32"))


class _Context:
    """What the handlers read of Lambda's context object."""

    function_name = "local-webhooks"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:local-webhooks"
    aws_request_id = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def _handler(module: str) -> Any:
    return importlib.import_module(module).lambda_handler


def streams_client() -> Any:
    """DynamoDB Streams at the same endpoint as DynamoDB (botocore would otherwise pick an
    account-specific host that moto and DynamoDB Local do not answer)."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB") or os.environ.get("AWS_ENDPOINT_URL")
    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    return boto3.client("dynamodbstreams", endpoint_url=endpoint or f"https://streams.dynamodb.{region}.amazonaws.com")


def _matches_filter(record: dict[str, Any]) -> bool:
    """The event source mapping's filter (deploy/parts): new items of type `event`."""
    image = (record.get("dynamodb") or {}).get("NewImage") or {}
    return record.get("eventName") == "INSERT" and image.get("item_type", {}).get("S") == "event"


class StreamReader:
    def __init__(self, table: str) -> None:
        self.client = streams_client()
        self.arn = boto3.client("dynamodb").describe_table(TableName=table)["Table"]["LatestStreamArn"]
        self.iterators: dict[str, str | None] = {}

    def _iterator(self, shard_id: str) -> str | None:
        if shard_id not in self.iterators:
            position = store.get(keys.stream_position_key(shard_id), consistent=True)
            kwargs: dict[str, Any] = {"ShardIteratorType": "TRIM_HORIZON"}
            if position:
                kwargs = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": position["sequence"]}
            self.iterators[shard_id] = self.client.get_shard_iterator(StreamArn=self.arn, ShardId=shard_id, **kwargs)[
                "ShardIterator"
            ]
        return self.iterators[shard_id]

    def pump(self) -> int:
        """Read every shard once; hand event records to the fan-out; commit the positions."""
        handled = 0
        shards = self.client.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]
        for shard in shards:
            shard_id = shard["ShardId"]
            iterator = self._iterator(shard_id)
            if iterator is None:
                continue  # a closed shard, read to its end
            response = self.client.get_records(ShardIterator=iterator, Limit=1000)
            records = response.get("Records", [])
            wanted = [_lambda_shape(r) for r in records if _matches_filter(r)]
            if wanted:
                _handler(WEBHOOK_FANOUT_MODULE)({"Records": wanted}, _Context())
                handled += len(wanted)
            if records:
                sequence = records[-1]["dynamodb"]["SequenceNumber"]
                store.write([store.overwrite({**keys.stream_position_key(shard_id), "sequence": sequence})])
            self.iterators[shard_id] = response.get("NextShardIterator")
        return handled


def _lambda_shape(record: dict[str, Any]) -> dict[str, Any]:
    """A stream record as Lambda delivers it (binary attributes base64-encoded, as in JSON)."""
    import base64

    def plain(value: Any) -> Any:
        if isinstance(value, bytes):
            return base64.b64encode(value).decode()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if hasattr(value, "isoformat"):
            return value.timestamp()
        return value

    return {"eventSource": "aws:dynamodb", **plain(record)}


class QueuePoller:
    def __init__(self, queue_url: str) -> None:
        self.sqs = boto3.client("sqs")
        self.url = queue_url
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="webhook-attempt")
        self.in_flight = threading.BoundedSemaphore(WORKERS)

    def pump(self, wait_seconds: int = 0) -> int:
        """One ReceiveMessage. No long polling: the embedded storage serves one request at a time,
        and a waiting receive would hold every other request up."""
        response = self.sqs.receive_message(
            QueueUrl=self.url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds, AttributeNames=["All"]
        )
        messages = response.get("Messages", [])
        for message in messages:
            self.in_flight.acquire()
            self.pool.submit(self._invoke, message)
        return len(messages)

    def _invoke(self, message: dict[str, Any]) -> None:
        try:
            record = {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": message.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": message.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:local:000000000000:webhooks",
                "awsRegion": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
            }
            result = _handler(WEBHOOK_DISPATCHER_MODULE)({"Records": [record]}, _Context())
            if not result.get("batchItemFailures"):
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
        except Exception:
            log.exception("webhook attempt failed; the message returns after its visibility timeout")
        finally:
            self.in_flight.release()

    def drain(self) -> None:
        """Wait for the attempts in flight (tests)."""
        for _ in range(WORKERS):
            self.in_flight.acquire()
        for _ in range(WORKERS):
            self.in_flight.release()


def run_forever(table: str, queue_url: str, stop: threading.Event) -> None:
    reader, poller = StreamReader(table), QueuePoller(queue_url)

    def read_stream() -> None:
        while not stop.is_set():
            try:
                if not reader.pump():
                    time.sleep(0.05)
            except Exception:
                log.exception("reading the table's stream failed; retrying")
                time.sleep(1)

    threading.Thread(target=read_stream, daemon=True, name="webhook-stream").start()
    while not stop.is_set():
        try:
            if not poller.pump():
                time.sleep(0.05)
        except Exception:
            log.exception("polling the webhook queue failed; retrying")
            time.sleep(1)


def start_in_background(table: str, queue_url: str) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run_forever, args=(table, queue_url, stop), daemon=True, name="webhooks").start()
    return stop


def main() -> None:
    """Alone, against the storage of a running `make run` (its state file)."""
    from emulator import local_state

    state = local_state.read()
    if state is None:
        raise SystemExit("no local server is running (no state file)")
    local_state.apply(state)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("dispatcher ready", flush=True)
    run_forever(os.environ["TABLE_NAME"], os.environ["WEBHOOK_QUEUE_URL"], stop)


if __name__ == "__main__":
    main()
