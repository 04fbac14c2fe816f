"""In-process invocation the way API Gateway does it: an event built by `emulator.apigw` handed to the
route's `lambda_handler`, with the authorizer's context already resolved (no authorizer call, so a
handler's DynamoDB requests are its own). Also: DynamoDB request counting with botocore hooks."""

from __future__ import annotations

import collections
import contextlib
import importlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from emulator import apigw
from emulator.apigw import Reply
from shared.routes import AUTHORIZER_MODULE, LAMBDAS


def authorizer_context(key: str, tenant: str) -> dict[str, str]:
    """What the REQUEST authorizer passes on for `key` (looked up once, outside any measurement)."""
    from shared.auth import decide

    decision = decide(key, tenant)
    if decision.effect != "Allow":
        raise RuntimeError(f"the key is not allowed on tenant {tenant}: {decision.effect}")
    return {**decision.context, "principalId": decision.context["keyId"]}


def handler(module: str):
    return importlib.import_module(module).lambda_handler


def build(
    method: str,
    path: str,
    authorizer: dict[str, str],
    body: Any = None,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[Any, dict[str, Any], apigw.LambdaContext]:
    """(lambda_handler, event, context) for one request."""
    found = apigw.resolve(LAMBDAS, method, path)
    if found is None:
        raise LookupError(f"no route for {method} {path}")
    function, route, path_params = found
    raw = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    event = apigw.build_event(method, path, route, path_params, all_headers, urlencode(params or {}), raw, authorizer)
    return handler(function.module), event, apigw.LambdaContext(function.name)


def call(method: str, path: str, authorizer: dict[str, str], body: Any = None, **kwargs: Any) -> Reply:
    lambda_handler, event, context = build(method, path, authorizer, body, **kwargs)
    return Reply.of(lambda_handler(event, context))


def call_authorizer(key: str, tenant: str) -> dict[str, Any]:
    event = apigw.authorizer_event({"Authorization": key}, {"tenantId": tenant}, "GET", f"/exams/{tenant}")
    return handler(AUTHORIZER_MODULE)(event, apigw.LambdaContext("authorizer"))


class RequestCounter:
    """Counts the DynamoDB API calls made through a client (`before-call.dynamodb`: once per call,
    retries excluded), by operation name."""

    def __init__(self, client: Any):
        self.client = client
        self.calls: list[str] = []
        self._active = False
        client.meta.events.register("before-call.dynamodb", self._seen, unique_id="bench-request-counter")

    def _seen(self, model: Any = None, **_kwargs: Any) -> None:
        if self._active:
            self.calls.append(model.name)

    @contextlib.contextmanager
    def counting(self) -> Iterator[collections.Counter]:
        seen: collections.Counter = collections.Counter()
        self.calls, self._active = [], True
        try:
            yield seen
        finally:
            self._active = False
            seen.update(self.calls)

    def close(self) -> None:
        self.client.meta.events.unregister("before-call.dynamodb", unique_id="bench-request-counter")
