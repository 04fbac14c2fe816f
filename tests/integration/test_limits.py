"""DynamoDB's limits over HTTP, on moto and on DynamoDB Local (which enforces them as AWS does):
what the API cannot store is a 4xx naming the place, and what DynamoDB holds reads back as written."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.bodies import LONG_ID_ROUTES, RENAME_PATCH, nested
from tests.integration.helpers import assert_problem, create_exam, create_process, error_fields, unique_code

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("integration")]


@pytest.mark.parametrize("method,path", LONG_ID_ROUTES)
def test_an_id_longer_than_a_dynamodb_key_is_a_404(client, method, path):
    body = RENAME_PATCH if method == "PATCH" else None
    assert_problem(client.request(method, path, json=body), 404)


def test_a_record_over_400_kb_is_a_413_and_leaves_nothing(client):
    exam = create_exam(client)
    code = unique_code("BIG")
    body = {"name": "Big", "type": "register", "exam_ids": [exam["id"]], "checkout_settings": {}}
    body |= {"confirmation_email": {}, "contact_form_options": {"text": "x" * 1024 * 1024}, "sys_external_id": code}
    assert_problem(client.post("/examRegProcesses/demo", json=body), 413)
    process = create_process(client, [exam["id"]])
    patch = [{"op": "add", "path": "/description", "value": "y" * 3000}]
    patch += [{"op": "add", "path": f"/checkout_settings/k{i}", "value": "z" * 4000} for i in range(110)]
    assert_problem(client.patch(f"/examRegProcesses/demo/{process['id']}", json=patch), 413)
    assert client.get(f"/examRegProcesses/demo/{process['id']}").json()["sys_version"] == 1
    assert client.delete(f"/exams/demo/{exam['id']}").status_code == 409, "the refused writes counted no reference"


def test_a_record_just_under_the_limit_is_stored(client):
    exam = create_exam(client)
    process = create_process(client, [exam["id"]], contact_form_options={"text": "x" * 380_000})
    assert len(client.get(f"/examRegProcesses/demo/{process['id']}").json()["contact_form_options"]["text"]) == 380_000


def test_nesting_at_dynamodbs_depth_is_stored_and_one_more_level_refused(client):
    exam = create_exam(client)
    stored = create_process(client, [exam["id"]], contact_form_options=nested(30))
    assert client.get(f"/examRegProcesses/demo/{stored['id']}").json()["contact_form_options"] == nested(30)
    body = {"name": "Deep", "type": "register", "exam_ids": [exam["id"]], "checkout_settings": {}}
    body |= {"confirmation_email": {}, "contact_form_options": nested(31)}
    problem = assert_problem(client.post("/examRegProcesses/demo", json=body), 400)
    assert all(field.startswith("contact_form_options") for field in error_fields(problem))


@pytest.mark.parametrize("number", ["1e400", "NaN", "-Infinity", "1e126", "1e-131", "1" * 39])
def test_numbers_dynamodb_refuses_are_a_400_naming_the_field(client, number):
    exam = create_exam(client)
    body = {"name": "N", "type": "register", "exam_ids": [exam["id"]], "confirmation_email": {}}
    body |= {"contact_form_options": {}, "checkout_settings": {"fee": "MARK"}}
    text = json.dumps(body).replace('"MARK"', number)
    response = client.post("/examRegProcesses/demo", data=text, headers={"Content-Type": "application/json"})
    assert error_fields(assert_problem(response, 400)) == {"checkout_settings.fee"}


def test_numbers_at_dynamodbs_edges_read_back_as_the_write_returned_them(client):
    exam = create_exam(client)
    edges = {"big": 1e125, "tiny": -1e-130, "exact": int("9" * 38), "round": 10**50, "ratio": 0.1, "whole": 40.0}
    process = create_process(client, [exam["id"]], checkout_settings=edges)
    read = client.get(f"/examRegProcesses/demo/{process['id']}").json()
    assert read["checkout_settings"] == process["checkout_settings"]
    assert read["checkout_settings"]["exact"] == int("9" * 38) and read["checkout_settings"]["whole"] == 40
    assert "40.0" not in json.dumps(process["checkout_settings"])


def test_unusual_unicode_is_stored_faithfully_and_empty_keys_refused(client):
    exam = create_exam(client)
    odd = {"emoji 🎓": "👩🏽‍🎓", "rtl": "\u202eabc", "nul": "a\u0000b", "combining": "e\u0301", "cjk": "試験"}
    process = create_process(client, [exam["id"]], checkout_settings=odd)
    assert client.get(f"/examRegProcesses/demo/{process['id']}").json()["checkout_settings"] == odd
    body = {"name": "E", "type": "register", "exam_ids": [exam["id"]], "confirmation_email": {}}
    body |= {"contact_form_options": {"inner": {"": 1}}, "checkout_settings": {}}
    assert error_fields(assert_problem(client.post("/examRegProcesses/demo", json=body), 400)) == {
        "contact_form_options.inner"
    }


def test_an_empty_external_id_is_a_400(client):
    body = {"name": "X", "code": unique_code(), "sys_external_id": ""}
    assert error_fields(assert_problem(client.post("/exams/demo", json=body), 400)) == {"sys_external_id"}


def test_concurrent_patches_of_other_fields_keep_the_server_set_fields(client, delivery):
    """Many clients patch one registration after its result is posted: every patch lands, and the
    score the result set is never lost."""
    exam = create_exam(client)
    candidate = client.post(
        "/candidates/demo", json={"candidate_id": unique_code("C"), "first_name": "A", "last_name": "B"}
    ).json()
    registration = client.post(
        "/examRegistrations/demo",
        json={
            "candidate_id": candidate["id"],
            "exam_id": exam["id"],
            "delivery_mode": "remote",
            "scheduled_at": "2026-12-01T10:00:00Z",
        },
    ).json()
    result = {"registration_id": registration["id"], "overall_score": 82, "passed": True}
    result["completed_at"] = "2026-12-01T12:00:00Z"
    assert delivery.post("/examResults/demo", json=result).status_code == 200
    path = f"/examRegistrations/demo/{registration['id']}"

    def add(i: int) -> int:
        return client.patch(path, json=[{"op": "add", "path": "/accommodations/-", "value": f"a{i}"}]).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(add, range(16)))
    assert statuses == [200] * 16
    final = client.get(path, params={"consistentRead": "true"}).json()
    assert final["score"] == 82 and final["status"] == "passed"
    assert sorted(final["accommodations"]) == sorted(f"a{i}" for i in range(16))
