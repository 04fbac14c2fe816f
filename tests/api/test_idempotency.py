"""Idempotency-Key in-process (moto): what the header takes, what is stored and what is not (a 5xx, an
API key's secret), a request still in progress, an expired key. Over HTTP on both backends:
tests/integration/test_idempotency.py."""

from __future__ import annotations

import copy
import importlib
import os
import time

import pytest

from shared import engine, keys, store
from tests.conftest import exam_body

TABLE = os.environ["TABLE_NAME"]


def idempotency_items(tenant: str = "demo") -> list[dict]:
    answer = store.client().query(
        TableName=TABLE,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": keys.idempotency_pk(tenant)}},
        ConsistentRead=True,
    )
    return answer["Items"]


def exam_count(api) -> int:
    return len(api.get("/exams/demo", params={"limit": 1000}).json())


@pytest.mark.parametrize(
    "value",
    ["", "x" * 256, "caf\u00e9", "tab\there", " leading", "trailing "],
    ids=["empty", "256-characters", "not-ascii", "control-character", "leading-space", "trailing-space"],
)
def test_a_key_that_is_not_1_to_255_printable_ascii_characters_is_a_400_naming_the_header(api, value):
    before = exam_count(api)
    reply = api.post("/exams/demo", exam_body("BADKEY"), headers={"Idempotency-Key": value})
    assert reply.status == 400
    assert reply.header("Content-Type") == "application/problem+json"
    assert [e["field"] for e in reply.json()["errors"]] == ["Idempotency-Key"]
    assert exam_count(api) == before and not idempotency_items()


def test_255_printable_characters_with_inner_spaces_are_a_key(api):
    value = "k " + "~" * 253
    first = api.post("/exams/demo", exam_body("LONGKEY"), headers={"Idempotency-Key": value})
    again = api.post("/exams/demo", exam_body("LONGKEY"), headers={"Idempotency-Key": value})
    assert first.status == again.status == 200
    assert again.raw == first.raw and again.header("Idempotent-Replayed") == "true"


def test_without_the_header_nothing_is_stored_and_nothing_replays(api):
    first = api.post("/exams/demo", exam_body("NOKEY"))
    again = api.post("/exams/demo", exam_body("NOKEY"))
    assert first.status == 200 and again.status == 409  # the code is taken: the create ran twice
    assert first.header("Idempotent-Replayed") is None and not idempotency_items()


def test_api_key_creates_refuse_the_header_and_store_no_secret(api, keys):
    admin = api.as_key(keys["demo"]["admin"])
    before = len(admin.get("/apiKeys/demo").json())
    body = {"name": "LMS", "role": "client"}
    reply = admin.post("/apiKeys/demo", body, headers={"Idempotency-Key": "key-1"})
    assert reply.status == 400
    assert [e["field"] for e in reply.json()["errors"]] == ["Idempotency-Key"]
    assert len(admin.get("/apiKeys/demo").json()) == before and not idempotency_items()
    assert "key" in admin.post("/apiKeys/demo", body).json()  # without the header: the secret, once


def test_a_5xx_stores_nothing_and_a_retry_runs_again(api, monkeypatch):
    real_create = engine.create

    def failing(*args, **kwargs):
        raise RuntimeError("the store is down")

    monkeypatch.setattr(engine, "create", failing)
    failed = api.post("/exams/demo", exam_body("FIVE"), headers={"Idempotency-Key": "retry-me"})
    assert failed.status == 500 and not idempotency_items()
    monkeypatch.setattr(engine, "create", real_create)
    retried = api.post("/exams/demo", exam_body("FIVE"), headers={"Idempotency-Key": "retry-me"})
    assert retried.status == 200 and retried.header("Idempotent-Replayed") is None
    assert [r["code"] for r in api.get("/exams/demo").json()] == ["FIVE"]


def test_a_4xx_is_stored_and_replayed(api):
    api.post("/exams/demo", exam_body("TAKEN"))
    first = api.post("/exams/demo", exam_body("TAKEN"), headers={"Idempotency-Key": "dup"})
    assert first.status == 409
    api.delete(f"/exams/demo/{api.get('/exams/demo').json()[0]['id']}")
    again = api.post("/exams/demo", exam_body("TAKEN"), headers={"Idempotency-Key": "dup"})
    assert again.status == 409 and again.raw == first.raw and again.header("Idempotent-Replayed") == "true"
    assert exam_count(api) == 0  # the code is free now, but the replay wrote nothing


def test_a_request_arriving_while_the_first_runs_is_a_409_with_retry_after(api, monkeypatch):
    """The second request is sent from inside the first one's create, while its key is in progress."""
    from emulator.apigw import LambdaContext

    handler = importlib.import_module("functions.exams.handler").lambda_handler
    seen: dict = {}

    class Recording:
        @staticmethod
        def lambda_handler(event, context):
            seen.setdefault("event", copy.deepcopy(event))
            return handler(event, context)

    api.gateway._modules["functions.exams.handler"] = Recording
    real_create = engine.create

    def create_meanwhile_retried(*args, **kwargs):
        seen["second"] = handler(copy.deepcopy(seen["event"]), LambdaContext("exams"))
        return real_create(*args, **kwargs)

    monkeypatch.setattr(engine, "create", create_meanwhile_retried)
    first = api.post("/exams/demo", exam_body("BUSY"), headers={"Idempotency-Key": "busy"})
    assert first.status == 200
    second = seen["second"]
    assert second["statusCode"] == 409
    assert second["headers"]["Content-Type"] == "application/problem+json"
    assert second["headers"]["Retry-After"] == "1"
    assert '"request-in-progress"' in second["body"] or "request-in-progress" in second["body"]
    assert exam_count(api) == 1


def test_an_expired_key_runs_again(api):
    first = api.post("/exams/demo", exam_body("OLD-1"), headers={"Idempotency-Key": "yesterday"})
    (item,) = idempotency_items()
    # TTL deletes an expired item some time later; until then Powertools compares the expiry itself.
    store.client().update_item(
        TableName=TABLE,
        Key={"pk": item["pk"], "sk": item["sk"]},
        UpdateExpression="SET expires_at = :past",
        ExpressionAttributeValues={":past": {"N": str(int(time.time()) - 1)}},
    )
    again = api.post("/exams/demo", exam_body("OLD-2"), headers={"Idempotency-Key": "yesterday"})
    assert again.status == 200 and again.header("Idempotent-Replayed") is None
    assert again.json()["id"] != first.json()["id"] and exam_count(api) == 2


def test_stored_items_expire_after_24_hours_in_the_tenants_partition(api):
    api.post("/exams/demo", exam_body("TTL"), headers={"Idempotency-Key": "ttl"})
    (item,) = idempotency_items("demo")
    assert item["pk"]["S"] == "demo#_idempotency" and item["sk"]["S"].startswith("key#")
    assert "ttl" not in item["sk"]["S"]  # the key is hashed
    assert abs(int(item["expires_at"]["N"]) - (time.time() + 86_400)) < 60


def test_a_csv_file_is_compared_by_its_bytes(api):
    headers = {"Content-Type": "text/csv", "Idempotency-Key": "load-1"}
    csv_file = b"name,code\nExam A,CSV-A\n"
    first = api.post("/exams/demo/bulkLoads", data=csv_file, headers=headers)
    again = api.post("/exams/demo/bulkLoads", data=csv_file, headers=headers)
    other = api.post("/exams/demo/bulkLoads", data=csv_file + b"Exam B,CSV-B\n", headers=headers)
    assert first.status == again.status == 202 and again.raw == first.raw
    assert again.header("Idempotent-Replayed") == "true"
    assert other.status == 422
    assert len(api.get("/exams/demo/bulkLoads").json()) == 1


def test_json_bodies_are_compared_canonically(api):
    first = api.request(
        "POST", "/exams/demo", data=b'{"name": "Exam", "code": "CANON"}', headers={"Idempotency-Key": "canon"}
    )
    again = api.request(
        "POST", "/exams/demo", data=b'{ "code":"CANON","name":"Exam" }', headers={"Idempotency-Key": "canon"}
    )
    assert first.status == 200 and again.raw == first.raw and again.header("Idempotent-Replayed") == "true"


def test_routes_that_create_nothing_ignore_the_header(api):
    reply = api.get("/exams/demo", headers={"Idempotency-Key": "\u00e9 not even valid"})
    assert reply.status == 200 and not idempotency_items()
