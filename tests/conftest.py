"""Test setup: fake credentials, settings, and helpers to call the API the way clients do."""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, settings

from emulator.apigw import Reply
from tests.bodies import exam_body, process_body  # noqa: F401 - the unit tests import them from here

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "TABLE_NAME": "exam-registration-test",
        "BUCKET_NAME": "exam-registration-test-bucket",
        "PAGE_TOKEN_SECRET": "test-page-token-secret-0123456789",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_SERVICE_NAME": "exam-registration-api",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "POWERTOOLS_METRICS_NAMESPACE": "ExamRegistration",
        # moto's SQS and KMS (the `aws` fixture makes both); receivers in tests listen on 127.0.0.1
        "WEBHOOK_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/webhooks-test",
        "WEBHOOK_KMS_KEY_ID": "alias/exam-registration-local-webhooks",
        "WEBHOOK_ALLOW_LOOPBACK": "true",
        "WEBHOOK_RETRY_SCHEDULE": "0,1,1,1",
        "WEBHOOK_TIMEOUT_SECONDS": "3",
    }
)
# Hypothesis (tests/api/test_input_fuzz.py): `ci`, the default, runs the same bounded set of examples on
# every run (derandomized, no example database); HYPOTHESIS_PROFILE=explore draws many new ones.
_FIXTURES_ACROSS_EXAMPLES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_FIXTURES_ACROSS_EXAMPLES,
)
settings.register_profile("explore", max_examples=500, deadline=None, suppress_health_check=_FIXTURES_ACROSS_EXAMPLES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

for _name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE"):
    os.environ.pop(_name, None)


class InProcessClient:
    """Calls the API through emulator.gateway (authorizer then handler), with moto behind it."""

    def __init__(self, gateway, key: str | None = None):
        self.gateway, self.key = gateway, key

    def as_key(self, key: str | None) -> InProcessClient:
        return InProcessClient(self.gateway, key)

    def request(
        self,
        method: str,
        path: str,
        json_body: Any = None,
        params: dict | None = None,
        headers: dict | None = None,
        data: bytes | None = None,
    ) -> Reply:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if self.key is not None:
            all_headers.setdefault("Authorization", self.key)
        body = json.dumps(json_body).encode() if json_body is not None else data
        status, out_headers, raw = self.gateway.handle(method, path, all_headers, urlencode(params or {}), body)
        return Reply(status, out_headers, raw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json_body=None, **kw):
        return self.request("POST", path, json_body, **kw)

    def put(self, path, json_body=None, **kw):
        return self.request("PUT", path, json_body, **kw)

    def patch(self, path, json_body=None, **kw):
        return self.request("PATCH", path, json_body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture
def aws():
    """moto in-process: DynamoDB and S3 with the project's table and bucket."""
    from moto import mock_aws

    from emulator import moto_speedups
    from emulator.bootstrap import ensure_bucket, ensure_table, ensure_webhook_key, ensure_webhook_queue
    from shared import store, webhooks

    moto_speedups.apply()

    with mock_aws():
        store.reset_client()
        webhooks.reset_clients()
        ensure_table(os.environ["TABLE_NAME"])
        ensure_bucket(os.environ["BUCKET_NAME"])
        ensure_webhook_queue("webhooks-test", visibility_timeout=2)  # a crashed attempt returns in 2 s
        ensure_webhook_key()
        yield
    store.reset_client()
    webhooks.reset_clients()


class WebhookPump:
    """Runs the webhook machinery in-process, as `make run` does (emulator/dispatcher.py)."""

    def __init__(self) -> None:
        from emulator.dispatcher import QueuePoller, StreamReader

        self.reader = StreamReader(os.environ["TABLE_NAME"])
        self.poller = QueuePoller(os.environ["WEBHOOK_QUEUE_URL"])

    def run(self, until=lambda: False, seconds: float = 10.0) -> None:
        """Fan out new events and make the attempts due, until `until()` or `seconds` pass."""
        import time

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.reader.pump()
            self.poller.pump(wait_seconds=0)
            self.poller.drain()
            if until():
                return
            time.sleep(0.05)


@pytest.fixture
def webhook_pump(aws) -> WebhookPump:
    return WebhookPump()


@pytest.fixture
def keys(aws) -> dict[str, dict[str, str]]:
    from emulator.bootstrap import bootstrap_tenant

    return {
        tenant: bootstrap_tenant(tenant, {"admin": None, "client": None, "delivery": None})
        for tenant in ("demo", "other")
    }


@pytest.fixture
def api(keys) -> InProcessClient:
    """A client of tenant `demo` with its `client` key."""
    from emulator.gateway import Gateway

    return InProcessClient(Gateway(), keys["demo"]["client"])


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Make `--dist loadgroup` group these tests again under pytest >= 9.2.

    pytest-xdist 3.8 groups a test by renaming its node id to `<nodeid>@<group>` (setting
    `item._nodeid`); pytest 9.2 derives `nodeid` from `item._id` instead, so the rename is lost and
    the `xdist_group` mark has no effect: both workers would start their own servers and synthesize
    the stack each (racing on the asset and its import twin). Apply the
    same rename to `_id` (on xdist workers, only when xdist's own rename did not take)."""
    if not getattr(config.option, "loadgroup", False):
        return
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # an older pytest, where xdist's rename works
        return
    for item in items:
        marks = item.iter_markers("xdist_group")
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks})
        if not names or "@" in item.nodeid.rpartition("]")[2]:
            continue
        item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")
