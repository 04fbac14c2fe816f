"""Item 2: warm overhead per request, storage excluded. Each handler is invoked in-process with an
API Gateway event (authorizer context included) and botocore's Stubber answers DynamoDB, so the
figure is the API's own work: routing, validation, the engine, botocore's request building, JSON.
Beside each route, the time botocore alone takes for the very calls the route made (same
parameters, same stubbed answers): the part of the overhead that is the SDK's."""

from __future__ import annotations

import copy
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from bench import env
from shared import keys

WARMUP = 200
MAX_SAMPLES = 3000
SECONDS_PER_ROUTE = 2.5
TENANT = "demo"
RECORD_ID = "01JBENCH000000000000000001"
PAGE_SIZE = 100
ENGINE_SAMPLES = 600


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def stored_exam(record_id: str = RECORD_ID, name: str = "Certified Widget Inspector") -> dict[str, Any]:
    """An exam as the engine stores it."""
    return {
        **keys.record_key(TENANT, "exams", record_id),
        "id": record_id,
        "name": name,
        "code": "CWI-1",
        "description": "Inspection of widgets",
        "domains": [{"code": "D1", "name": "Safety", "weight": 40}, {"code": "D2", "name": "QA", "weight": 60}],
        "passing_score": 70,
        "is_active": True,
        "sys_version": 3,
        "sys_created_at": "2026-01-05T10:00:00.000Z",
        "sys_created_by_id": "01JKEY0000000000000000CLNT",
        "sys_last_modified_at": "2026-01-06T10:00:00.000Z",
        "sys_last_modified_by_id": "01JKEY0000000000000000CLNT",
        "sys_last_security_context": {
            "key_id": "01JKEY0000000000000000CLNT",
            "role": "client",
            "source_ip": "127.0.0.1",
            "request_id": "r",
        },
    }


def main() -> int:
    env.apply()
    from bench import harness
    from shared import store

    client = store.client()
    authorizer = {"tenantId": TENANT, "role": "client", "keyId": "01JKEY0000000000000000CLNT", "principalId": "k"}
    item = store.serialize(stored_exam())
    page = [store.serialize(stored_exam(f"01JBENCH{n:018d}", f"Exam {n}")) for n in range(PAGE_SIZE)]
    last_key = {"pk": {"S": f"{TENANT}#exams"}, "sk": {"S": f"01JBENCH{PAGE_SIZE - 1:018d}"}}
    exam = {k: v for k, v in stored_exam().items() if k in ("name", "code", "description", "domains", "passing_score")}
    base, record = f"/exams/{TENANT}", f"/exams/{TENANT}/{RECORD_ID}"

    # name -> (DynamoDB answers in order, request builder for iteration i)
    routes: dict[str, tuple[list[tuple[str, dict]], Callable[[int], tuple]]] = {
        "GET": ([("get_item", {"Item": item})], lambda i: ("GET", record, None, None)),
        "POST": ([("transact_write_items", {})], lambda i: ("POST", base, {**exam, "code": f"C-{i}"}, None)),
        "PUT": (
            [("get_item", {"Item": item}), ("transact_write_items", {})],
            lambda i: ("PUT", record, {**exam, "id": RECORD_ID, "name": f"Renamed {i}"}, None),
        ),
        "PATCH": (
            [("get_item", {"Item": item}), ("transact_write_items", {})],
            lambda i: ("PATCH", record, [{"op": "replace", "path": "/name", "value": f"Renamed {i}"}], None),
        ),
        "DELETE": (
            [("get_item", {"Item": item}), ("transact_write_items", {})],
            lambda i: ("DELETE", record, None, None),
        ),
        f"list page ({PAGE_SIZE})": (
            [("query", {"Items": page, "Count": PAGE_SIZE, "LastEvaluatedKey": last_key})],
            lambda i: ("GET", base, None, {"limit": PAGE_SIZE}),
        ),
        # A new Idempotency-Key each time: the in-progress PutItem, the create, the stored answer.
        "POST with Idempotency-Key": (
            [("put_item", {}), ("transact_write_items", {}), ("update_item", {})],
            lambda i: ("POST", base, {**exam, "code": f"K-{i}"}, None, {"Idempotency-Key": f"bench-{i}"}),
        ),
    }

    # The same work without the HTTP layer (Powertools resolver, validation, Logger, JSON): the
    # engine call each route makes, for the split of the overhead.
    from shared import engine
    from shared.auth import Caller
    from shared.resources import EXAMS

    caller = Caller(tenant=TENANT, role="client", key_id=authorizer["keyId"], source_ip="127.0.0.1", request_id="r")
    valid = engine.validate(EXAMS, exam)
    engine_calls: dict[str, Callable[[int], Any]] = {
        "GET": lambda i: engine.get(EXAMS, caller, RECORD_ID),
        "POST": lambda i: engine.create(EXAMS, caller, {**valid, "code": f"C-{i}"}),
        "PUT": lambda i: engine.replace(EXAMS, caller, RECORD_ID, {**valid, "name": f"Renamed {i}"}, RECORD_ID, None),
        "PATCH": lambda i: engine.patch(
            EXAMS, caller, RECORD_ID, [{"op": "replace", "path": "/name", "value": f"Renamed {i}"}], None
        ),
        "DELETE": lambda i: engine.delete(EXAMS, caller, RECORD_ID, None),
        f"list page ({PAGE_SIZE})": lambda i: engine.list_page(EXAMS, caller, PAGE_SIZE, None),
        "POST with Idempotency-Key": lambda i: engine.create(EXAMS, caller, {**valid, "code": f"K-{i}"}),
    }

    sent: list[tuple[str, dict]] = []

    def record_params(params: dict, model: Any, **_kwargs: Any) -> None:
        sent.append((model.name, copy.deepcopy(params)))

    client.meta.events.register("provide-client-params.dynamodb", record_params, unique_id="bench-params")
    results: dict[str, Any] = {}
    with _stubber()(client) as stubber:
        for name, (answers, make) in routes.items():
            samples: list[float] = []
            started = time.monotonic()
            i = 0
            while i < WARMUP + MAX_SAMPLES and (i < WARMUP + 50 or time.monotonic() - started < SECONDS_PER_ROUTE):
                for operation, answer in answers:
                    stubber.add_response(operation, answer)
                method, path, body, params, *headers = make(i)
                lambda_handler, event, context = harness.build(
                    method, path, authorizer, body, params=params, headers=headers[0] if headers else None
                )
                sent.clear()
                t0 = time.perf_counter_ns()
                response = lambda_handler(event, context)
                elapsed = time.perf_counter_ns() - t0
                if response["statusCode"] != 200:
                    raise AssertionError(f"{name}: {response['statusCode']} {response.get('body')}")
                if i >= WARMUP:
                    samples.append(elapsed / 1000)
                i += 1
            calls = list(sent)
            sdk = _sdk_time(client, stubber, calls, dict(answers))
            engine_samples = []
            for n in range(ENGINE_SAMPLES):
                for operation, answer in answers:
                    if operation in ("put_item", "update_item") and name.endswith("Idempotency-Key"):
                        continue  # the engine's create alone: the idempotency items are the HTTP layer's
                    stubber.add_response(operation, answer)
                t0 = time.perf_counter_ns()
                engine_calls[name](n)
                engine_samples.append((time.perf_counter_ns() - t0) / 1000)
            results[name] = {
                "p50_us": round(percentile(samples, 0.50), 1),
                "p99_us": round(percentile(samples, 0.99), 1),
                "mean_us": round(sum(samples) / len(samples), 1),
                "samples": len(samples),
                "dynamodb_calls": [operation for operation, _ in calls],
                "sdk_p50_us": round(sdk, 1),
                "engine_p50_us": round(percentile(engine_samples[ENGINE_SAMPLES // 5 :], 0.5), 1),
            }
            print(f"warm {name}: p50 {results[name]['p50_us']} us", file=sys.stderr, flush=True)
        library = _library_floor(stubber, routes, authorizer)
    client.meta.events.unregister("provide-client-params.dynamodb", unique_id="bench-params")
    report = {"routes": results, "page_size": PAGE_SIZE, "query_parse": _parse_time(client, page)}
    print(json.dumps(report | {"library_floor": library}))
    return 0


def _library_floor(main_stubber: Any, routes: dict[str, tuple], authorizer: dict[str, str]) -> dict[str, Any]:
    """p50 (us) of GET and POST through `bench.library_floor` (the libraries with no project code)
    with the same events and the same DynamoDB calls: the least these routes can cost."""
    from bench import harness, library_floor

    floor_client = library_floor.client()
    answers = {"GET": ("get_item", {"Item": {}}), "POST": ("transact_write_items", {})}
    figures: dict[str, Any] = {}
    main_stubber.deactivate()
    with _stubber()(floor_client) as stubber:
        for name, (operation, answer) in answers.items():
            samples = []
            for i in range(WARMUP + MAX_SAMPLES // 2):
                stubber.add_response(operation, answer)
                method, path, body, _params = routes[name][1](i)
                _, event, context = harness.build(method, path, authorizer, body)
                t0 = time.perf_counter_ns()
                response = library_floor.lambda_handler(event, context)
                elapsed = time.perf_counter_ns() - t0
                if response["statusCode"] != 200:
                    raise AssertionError(f"library floor {name}: {response['statusCode']} {response.get('body')}")
                if i >= WARMUP:
                    samples.append(elapsed / 1000)
            figures[name] = {
                "p50_us": round(percentile(samples, 0.5), 1),
                "p99_us": round(percentile(samples, 0.99), 1),
            }
            print(f"warm library floor {name}: p50 {figures[name]['p50_us']} us", file=sys.stderr, flush=True)
    main_stubber.activate()
    return figures


def _parse_time(client: Any, page: list[dict]) -> dict[str, float]:
    """What the Stubber skips and a real list page pays: botocore parsing the Query answer (it walks
    the AttributeValue shape for every attribute), beside json.loads and the store's deserialize."""
    from botocore.parsers import create_parser

    from shared import store
    from shared.dynamodb_parser import DynamoDBJSONParser

    body = json.dumps({"Items": page, "Count": len(page), "ScannedCount": len(page)}).encode()
    shape = client.meta.service_model.operation_model("Query").output_shape
    parser = create_parser("json")
    store_parser = DynamoDBJSONParser()
    timings: dict[str, list[float]] = {
        "botocore_parse_ms": [],
        "store_parse_ms": [],
        "json_loads_ms": [],
        "store_deserialize_ms": [],
    }
    for _ in range(40):
        t0 = time.perf_counter()
        parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
        t1 = time.perf_counter()
        store_parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
        t2 = time.perf_counter()
        raw = json.loads(body)
        t3 = time.perf_counter()
        [store.deserialize(item) for item in raw["Items"]]
        t4 = time.perf_counter()
        for name, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            timings[name].append(value * 1000)
    return {name: round(percentile(values, 0.5), 2) for name, values in timings.items()} | {"items": len(page)}


def _stubber() -> type:
    """botocore's Stubber, validating each distinct answer once rather than on every add (the
    answers are reused thousands of times; validation happens outside the timed call anyway)."""
    from botocore.stub import Stubber

    class ReusingStubber(Stubber):
        _validated: set[tuple[str, int]] = set()

        def _validate_operation_response(self, operation_name: str, service_response: dict) -> None:
            key = (operation_name, id(service_response))
            if key not in self._validated:
                super()._validate_operation_response(operation_name, service_response)
                self._validated.add(key)

    return ReusingStubber


def _sdk_time(client: Any, stubber: Any, calls: list[tuple[str, dict]], answers: dict[str, dict]) -> float:
    """p50 (us) of botocore making `calls` (with the stub answering): the SDK's share of a route."""
    from botocore import xform_name

    samples = []
    for _ in range(500):
        for operation, _params in calls:
            snake = xform_name(operation)
            stubber.add_response(snake, answers[snake])
        t0 = time.perf_counter_ns()
        for operation, params in calls:
            getattr(client, xform_name(operation))(**params)
        samples.append((time.perf_counter_ns() - t0) / 1000)
    return percentile(samples, 0.5)


if __name__ == "__main__":
    sys.exit(main())
