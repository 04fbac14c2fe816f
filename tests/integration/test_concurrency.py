"""Concurrent writers over HTTP: conditional writes on sys_version, no lost update, one winner."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.helpers import create_exam, exam_body, unique_code

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]

WRITERS = 10


def run_together(count: int, call):
    """Run `call(i)` for i in range(count) in threads released at the same moment."""
    barrier = threading.Barrier(count)

    def go(index: int):
        barrier.wait(timeout=30)
        return call(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(go, range(count)))


def test_concurrent_patches_without_if_match_all_apply(client):
    record = create_exam(client, domains=[])
    path = f"/exams/demo/{record['id']}"

    def add_domain(index: int):
        value = {"code": f"C{index}", "name": f"Concurrent {index}", "weight": index}
        return client.patch(path, [{"op": "add", "path": "/domains/-", "value": value}])

    responses = run_together(WRITERS, add_domain)
    final = client.get(path, params={"consistentRead": "true"}).json()
    applied = [i for i, r in enumerate(responses) if r.status_code == 200]
    # whatever was acknowledged is kept (no lost update) ...
    assert sorted(d["code"] for d in final["domains"]) == sorted(f"C{i}" for i in applied)
    assert final["sys_version"] == 1 + len(applied)
    # ... and every writer was acknowledged
    assert [r.status_code for r in responses] == [200] * WRITERS, [
        (r.status_code, r.text) for r in responses if r.status_code != 200
    ]
    assert final["sys_version"] == 1 + WRITERS
    assert sorted(r.json()["sys_version"] for r in responses) == list(range(2, 2 + WRITERS))


def test_concurrent_patches_of_a_process_all_apply(client):
    exam = create_exam(client)
    body = {
        "name": "Concurrent",
        "type": "register",
        "exam_ids": [exam["id"]],
        "contact_form_options": {},
        "checkout_settings": {},
        "confirmation_email": {},
    }
    process = client.post("/examRegProcesses/demo", body).json()
    path = f"/examRegProcesses/demo/{process['id']}"

    def add_option(index: int):
        return client.patch(path, [{"op": "add", "path": f"/contact_form_options/field{index}", "value": index}])

    responses = run_together(WRITERS, add_option)
    final = client.get(path, params={"consistentRead": "true"}).json()
    applied = [i for i, r in enumerate(responses) if r.status_code == 200]
    assert final["contact_form_options"] == {f"field{i}": i for i in applied}
    assert final["sys_version"] == 1 + len(applied)
    assert [r.status_code for r in responses] == [200] * WRITERS, [r.text for r in responses if r.status_code != 200]
    assert final["sys_version"] == 1 + WRITERS


def test_concurrent_puts_with_same_if_match_have_one_winner(client):
    record = create_exam(client)
    path = f"/exams/demo/{record['id']}"

    def replace(index: int):
        body = {**exam_body(code=record["code"], name=f"Writer {index}"), "id": record["id"]}
        return client.put(path, body, headers={"If-Match": '"1"'})

    responses = run_together(WRITERS, replace)
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {200: 1, 412: WRITERS - 1}, [(r.status_code, r.text) for r in responses]
    winner = next(r.json() for r in responses if r.status_code == 200)
    final = client.get(path, params={"consistentRead": "true"}).json()
    assert final["sys_version"] == 2
    assert final["name"] == winner["name"]


def test_concurrent_creates_of_one_code_have_one_winner(client):
    code = unique_code("RACE")

    def create(index: int):
        return client.post("/exams/demo", exam_body(code=code, name=f"Racer {index}"))

    responses = run_together(WRITERS, create)
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {200: 1, 409: WRITERS - 1}, [(r.status_code, r.text) for r in responses]
    winner = next(r.json() for r in responses if r.status_code == 200)
    assert client.get(f"/exams/demo/{winner['id']}").status_code == 200


def test_concurrent_creates_of_different_codes_all_succeed(client):
    """Independent creates share only the tenant's record counter: none may be refused for that."""

    def create(_index: int):
        return client.post("/exams/demo", exam_body())

    responses = run_together(WRITERS, create)
    assert [r.status_code for r in responses] == [200] * WRITERS, [
        (r.status_code, r.text) for r in responses if r.status_code != 200
    ]


def test_concurrent_requests_do_not_share_state(server, client, other_tenant):
    """The local server answers requests in threads: each must see only its own event (path, key, body)."""
    tenant, key = other_tenant
    theirs = server.client(key)
    mine_exam = create_exam(client)
    their_exam = create_exam(theirs, tenant=tenant)

    def call(index: int):
        kind = index % 5
        if kind == 0:
            path = f"/exams/demo/{mine_exam['id']}"
            return path, client.get(path), 200
        if kind == 1:
            path = f"/exams/{tenant}/{their_exam['id']}"
            return path, theirs.get(path), 200
        if kind == 2:
            path = f"/exams/demo/missing-{index}"
            return path, client.get(path), 404
        if kind == 3:
            path = f"/exams/{tenant}"
            return path, theirs.post(path, exam_body()), 200
        path = "/exams/demo"
        return path, client.post(path, {"name": "no code"}), 400

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(call, range(150)))
    wrong = []
    for path, response, expected in results:
        body = response.json()
        if response.status_code != expected:
            wrong.append((path, response.status_code, response.text[:200]))
        elif expected == 200 and path.count("/") == 3 and body["id"] != path.rsplit("/", 1)[1]:
            wrong.append((path, "wrong record", body["id"]))
        elif expected != 200 and body.get("instance") != path:
            wrong.append((path, "wrong instance", body.get("instance")))
    assert not wrong, f"{len(wrong)} of {len(results)} requests saw another request's state: {wrong[:8]}"
