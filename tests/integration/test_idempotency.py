"""Idempotency-Key over HTTP, on embedded moto and on DynamoDB Local (issue 12): a retried create
answers the first answer and writes nothing, also when the first answer was lost after the write
committed; the same key with another body is a 422; concurrent requests with one key make one record;
another tenant's or API key's same string is a new request; an expired key runs again."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from urllib.parse import urlsplit

import boto3
import pytest

from shared import keys
from tests.integration.helpers import create_exam, exam_body, list_all, process_body, unique_code

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


def new_key() -> str:
    return str(uuid.uuid4())


def exams_with_code(api, code: str, tenant: str = "demo") -> list[dict]:
    return [e for e in list_all(api, f"/exams/{tenant}") if e.get("code") == code]


def post_until_settled(api, path: str, body: dict, key: str):
    """What a client does: send again while the first request with the key is still running."""
    for _attempt in range(30):
        reply = api.post(path, body, headers={"Idempotency-Key": key})
        if reply.status_code != 409 or reply.json()["type"].rsplit("/", 1)[-1] != "request-in-progress":
            return reply
        time.sleep(int(reply.headers["Retry-After"]))
    raise AssertionError("the first request never finished")


def test_a_create_retried_with_the_same_key_answers_the_same_record_once(client):
    body, key = exam_body(), new_key()
    first = client.post("/exams/demo", body, headers={"Idempotency-Key": key})
    again = client.post("/exams/demo", body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 200
    assert "Idempotent-Replayed" not in first.headers and again.headers["Idempotent-Replayed"] == "true"
    assert again.content == first.content and again.json()["id"] == first.json()["id"]
    assert [e["id"] for e in exams_with_code(client, body["code"])] == [first.json()["id"]]


def test_a_lost_answer_is_answered_again_by_the_retry(server, client):
    """The first request's answer is lost after the write committed: the client reads one byte of it
    (so the server has answered) and drops the connection; its retry gets that answer."""
    body, key = exam_body(), new_key()
    payload = json.dumps(body).encode()
    where = urlsplit(server.base_url)
    request = (
        f"POST /exams/demo HTTP/1.1\r\nHost: {where.netloc}\r\nAuthorization: {server.client_key}\r\n"
        f"Content-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {len(payload)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + payload
    with socket.create_connection((where.hostname, where.port), timeout=30) as connection:
        connection.sendall(request)
        assert connection.recv(1) == b"H"  # the status line has begun: the record is written
    retry = post_until_settled(client, "/exams/demo", body, key)
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    (stored,) = exams_with_code(client, body["code"])
    assert retry.json()["id"] == stored["id"]


def test_the_same_key_with_another_body_is_a_422_and_writes_nothing(client):
    key = new_key()
    first = client.post("/exams/demo", exam_body(), headers={"Idempotency-Key": key})
    other = exam_body()
    reused = client.post("/exams/demo", other, headers={"Idempotency-Key": key})
    assert first.status_code == 200 and reused.status_code == 422
    assert reused.headers["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in reused.json()["errors"]] == ["Idempotency-Key"]
    assert exams_with_code(client, other["code"]) == []


def test_concurrent_requests_with_one_key_make_one_record(client):
    body, key = exam_body(), new_key()
    barrier = threading.Barrier(4)
    replies: list = [None] * 4

    def send(i: int) -> None:
        barrier.wait()
        replies[i] = client.post("/exams/demo", body, headers={"Idempotency-Key": key})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (stored,) = exams_with_code(client, body["code"])
    ran = [r for r in replies if r.status_code == 200 and "Idempotent-Replayed" not in r.headers]
    assert len(ran) == 1 and ran[0].json()["id"] == stored["id"]
    for reply in replies:
        if reply is ran[0]:
            continue
        if reply.status_code == 409:
            assert reply.json()["type"].endswith("/request-in-progress") and reply.headers["Retry-After"] == "1"
        else:
            assert reply.status_code == 200 and reply.headers["Idempotent-Replayed"] == "true"
            assert reply.content == ran[0].content


def test_another_tenant_or_api_key_sending_the_same_string_makes_a_new_request(server, client, other_tenant):
    key = new_key()
    exam = create_exam(client)
    body = process_body([exam["id"]])  # processes have no unique field: the same body may be created twice
    first = client.post("/examRegProcesses/demo", body, headers={"Idempotency-Key": key})
    admin = server.client(server.admin_key)
    by_other_key = admin.post("/examRegProcesses/demo", body, headers={"Idempotency-Key": key})
    assert first.status_code == by_other_key.status_code == 200
    assert "Idempotent-Replayed" not in by_other_key.headers and by_other_key.json()["id"] != first.json()["id"]

    tenant, tenant_key = other_tenant
    elsewhere = server.client(tenant_key)
    code = unique_code()
    mine = client.post("/exams/demo", exam_body(code), headers={"Idempotency-Key": key + "-exam"})
    theirs = elsewhere.post(f"/exams/{tenant}", exam_body(code), headers={"Idempotency-Key": key + "-exam"})
    assert mine.status_code == theirs.status_code == 200 and "Idempotent-Replayed" not in theirs.headers
    assert theirs.json()["id"] != mine.json()["id"] and len(exams_with_code(elsewhere, code, tenant)) == 1


def dynamodb(server):
    env = server.storage_env
    endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB") or env["AWS_ENDPOINT_URL"]
    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name=env.get("AWS_DEFAULT_REGION", "us-east-1"),
        aws_access_key_id=env.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY", "testing"),
    )


def test_an_expired_key_runs_again(server):
    """TTL deletes expired items some time after they expire; until then the expiry itself counts."""
    tenant, tenant_key = server.create_tenant("idem")
    api, key = server.client(tenant_key), new_key()
    first = api.post(f"/exams/{tenant}", exam_body(), headers={"Idempotency-Key": key})
    assert first.status_code == 200
    table = dynamodb(server)
    items = table.query(
        TableName=server.table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": keys.idempotency_pk(tenant)}},
        ConsistentRead=True,
    )["Items"]
    (item,) = items
    assert 0 < int(item["expires_at"]["N"]) - time.time() <= 86_400
    table.update_item(
        TableName=server.table,
        Key={"pk": item["pk"], "sk": item["sk"]},
        UpdateExpression="SET expires_at = :past",
        ExpressionAttributeValues={":past": {"N": str(int(time.time()) - 1)}},
    )
    second_body = exam_body()
    again = api.post(f"/exams/{tenant}", second_body, headers={"Idempotency-Key": key})
    assert again.status_code == 200 and "Idempotent-Replayed" not in again.headers
    assert again.json()["id"] != first.json()["id"]
    assert len(list_all(api, f"/exams/{tenant}")) == 2


def test_a_request_while_the_first_still_runs_is_a_409_on_the_real_store(server, monkeypatch):
    """Below the local gateway (which runs one handler at a time): while the first request with a key
    is held inside its run, the second gets 409 with Retry-After from the store's conditional write;
    once the first has answered, the second gets its answer."""
    from emulator.apigw import LambdaContext
    from shared import idempotency, store
    from shared.errors import RequestInProgress
    from shared.settings import get_settings

    for name, value in server.storage_env.items():
        if name.startswith("AWS_ENDPOINT_URL"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("TABLE_NAME", server.table)
    get_settings.cache_clear()
    store.reset_client()
    try:
        body = {"name": "x"}
        event = {
            "httpMethod": "POST",
            "resource": "/exams/{tenantId}",
            "path": "/exams/demo",
            "headers": {"Idempotency-Key": new_key(), "Content-Type": "application/json"},
            "body": json.dumps(body),
            "requestContext": {"authorizer": {"tenantId": "demo", "keyId": "it-idem", "role": "client"}},
        }
        answer = {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": '{"id": "1"}'}
        context = LambdaContext("exams")  # bounds the in-progress item by the remaining time
        started, release = threading.Event(), threading.Event()
        runs: list = []

        def resolve():
            runs.append(1)
            started.set()
            assert release.wait(30)
            return dict(answer)

        first: list = []
        worker = threading.Thread(target=lambda: first.append(idempotency.guard(event, context, body, resolve)))
        worker.start()
        assert started.wait(30)
        with pytest.raises(RequestInProgress) as in_progress:
            idempotency.guard(event, context, body, resolve)
        assert in_progress.value.headers == {"Retry-After": "1"}
        release.set()
        worker.join(30)
        replay = idempotency.guard(event, context, body, resolve)
        assert first == [answer] and runs == [1]
        assert replay["body"] == answer["body"] and replay["headers"]["Idempotent-Replayed"] == "true"
    finally:
        get_settings.cache_clear()
        store.reset_client()


def test_the_cli_retries_a_bulk_load_start_whose_answer_was_lost(server, monkeypatch):
    """`examreg bulk-load` sends its job start with an Idempotency-Key: when the first answer is lost
    after the job was made, the retry gets that job and no second one is started."""
    import urllib.request

    from cli import bulk

    tenant, tenant_key = server.create_tenant("cli-idem")
    real_urlopen = urllib.request.urlopen
    sent: list = []

    def lose_the_first_answer(request, timeout=None):
        sent.append(request.get_header("Idempotency-key"))
        answer = real_urlopen(request, timeout=timeout)
        if len(sent) == 1:
            answer.close()
            raise TimeoutError("the answer was lost")
        return answer

    monkeypatch.setattr(urllib.request, "urlopen", lose_the_first_answer)
    monkeypatch.setattr(bulk.time, "sleep", lambda _seconds: None)
    url = server.url(f"/exams/{tenant}/bulkLoads")
    job = bulk._call("POST", url, tenant_key, {"format": "csv", "file_name": "x.csv"}, idempotency_key=new_key())
    monkeypatch.setattr(urllib.request, "urlopen", real_urlopen)
    assert len(sent) == 2 and sent[0] == sent[1] is not None
    jobs = server.client(tenant_key).get(f"/exams/{tenant}/bulkLoads").json()
    assert [j["id"] for j in jobs] == [job["id"]]
