"""Property tests of the input pipeline (issue 9): whatever JSON a client sends to a write route —
POST, PUT, PATCH, batch, of every resource — the answer is the stored record (2xx) or a 4xx
problem+json (a 400 names each offending field), never a 5xx, and a 4xx never echoes a value sent.

In-process through the gateway (authorizer, then the handler), moto behind it. Bodies are JSON text
built from hypothesis' recursive JSON values plus hostile shapes written raw into the text: non-finite
and out-of-range numbers (NaN, Infinity, 1e400, 5,000-digit integers), deep nesting, long strings,
odd Unicode (lone surrogates, NUL, controls), empty keys, arrays where objects are expected, nulls.
The example count and determinism come from the hypothesis profile (tests/conftest.py)."""

from __future__ import annotations

import copy
import json
import re
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generators.events import SAMPLE_BODIES
from tests.conftest import InProcessClient

PROBLEM = "application/problem+json"
RECORD_RESOURCES = [r for r in SAMPLE_BODIES if r != "apiKeys"]
UNIQUE = {"exams": "code", "candidates": "candidate_id", "testingCenters": "code", "proctors": "username"}
# Fields the models take as free-form JSON: what is stored must be what was sent.
FREE_FORM = {
    "examRegProcesses": ("contact_form_options", "checkout_settings", "confirmation_email", "custom_field_values")
}

# ---- JSON text with raw tokens ----------------------------------------------------------------------
# A leaf string "\0raw:<token>" becomes <token> itself in the body text (json.dumps cannot write them).
RAW = "\x00raw:"
RAW_NUMBERS = (
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e400",
    "1e-400",
    "1E+308",
    "-0",
    "0.0000000000000000000000000000000000000000001",
    "123456789012345678901234567890123456789012",  # 42 digits: beyond DynamoDB's 38
    "digits:5000",  # 5,000 digits: beyond Python's default int-from-text limit (4,300)
)
_RAW_TOKEN = re.compile(r'"\\u0000raw:([^"]*)"')


def _expand(token: str) -> str:
    kind, _, size = token.partition(":")
    if kind == "deep-array":
        return "[" * int(size) + "]" * int(size)
    if kind == "deep-object":
        return '{"a":' * int(size) + "1" + "}" * int(size)
    if kind == "digits":
        return "1" * int(size)
    return token


def body_text(value: Any) -> bytes:
    text = _RAW_TOKEN.sub(lambda m: _expand(m.group(1)), json.dumps(value))
    return text.encode("utf-8", "surrogatepass")


odd_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
long_text = st.integers(1_000, 450_000).map(lambda n: "é" * n)  # past 400 KB as UTF-8 at the top
keys = st.one_of(
    st.text(max_size=10),
    odd_text,
    st.sampled_from(["", " ", "id", "sys_version", "sys_locked", "__proto__", "$where", "a.b", "#", "k" * 300]),
)
raw_numbers = st.sampled_from(RAW_NUMBERS).map(lambda t: RAW + t)
deep = st.tuples(st.sampled_from(["deep-array", "deep-object"]), st.integers(30, 5_000)).map(
    lambda t: f"{RAW}{t[0]}:{t[1]}"
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    odd_text,
    raw_numbers,
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)
hostile = st.one_of(json_values, deep, long_text, raw_numbers)


def sent_strings(value: Any) -> list[str]:
    """The long string values of a body (not keys), which an error must not repeat."""
    if isinstance(value, str):
        return [value] if len(value) >= 16 and not value.startswith(RAW) else []
    if isinstance(value, list):
        return [s for v in value for s in sent_strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in sent_strings(v)]
    return []


# ---- a tenant with one record of each resource -------------------------------------------------------


class World:
    def __init__(self, api: InProcessClient, admin: InProcessClient):
        self.api, self.admin = api, admin
        self.ids: dict[str, str] = {}
        self.refs: dict[str, Any] = {}
        center = self._create("testingCenters", {**SAMPLE_BODIES["testingCenters"], "code": "FZ-CENTER"})
        exam = self._create("exams", {**SAMPLE_BODIES["exams"], "code": "FZ-EXAM"})
        candidate = self._create("candidates", {**SAMPLE_BODIES["candidates"], "candidate_id": "FZ-CAND"})
        self.refs.update(center=center["code"], exam=exam["id"], candidate=candidate["id"])
        self._create("examRegProcesses", self.valid_body("examRegProcesses"))
        self._create("proctors", self.valid_body("proctors"))
        registration = self._create("examRegistrations", self.valid_body("examRegistrations"))
        self._create("examResults", {**self.valid_body("examResults"), "registration_id": registration["id"]})
        self._create("webhookEndpoints", self.valid_body("webhookEndpoints"))

    def _create(self, resource: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = self.admin.post(f"/{resource}/demo", body)
        assert reply.status == 200, reply.raw
        self.ids[resource] = reply.json()["id"]
        return reply.json()

    def valid_body(self, resource: str) -> dict[str, Any]:
        """The sample body with its references pointing at this world's records, and fresh unique values."""
        body = copy.deepcopy(SAMPLE_BODIES[resource])
        if resource == "examRegProcesses":
            body["exam_ids"] = [self.refs["exam"]]
        elif resource == "proctors":
            body["testing_center_codes"] = [self.refs["center"]]
        elif resource == "examRegistrations":
            body.update(candidate_id=self.refs["candidate"], exam_id=self.refs["exam"])
            body["testing_center_code"] = self.refs["center"]
        elif resource == "examResults":
            body["registration_id"] = self.fresh_registration()
        elif resource == "exams":
            body["domains"] = []
        if resource in UNIQUE:
            body[UNIQUE[resource]] = f"FZ-{uuid.uuid4().hex[:10]}"
        return body

    def fresh_registration(self) -> str:
        """A registration without a result yet (one result per registration)."""
        body = self.valid_body("examRegistrations")
        reply = self.admin.post("/examRegistrations/demo", body)
        assert reply.status == 200, reply.raw
        return reply.json()["id"]


@pytest.fixture
def world(api, keys) -> World:
    return World(api, api.as_key(keys["demo"]["admin"]))


def mutated(base: dict[str, Any]):
    """The valid body with one field (a known one, or a new one) set to a hostile value, or removed,
    or the body replaced whole (an array, a scalar, the body wrapped in an array...)."""
    field = st.sampled_from([*base, "", "extra", "id", "sys_version", "sys_locked"])
    one_field = st.tuples(field, hostile).map(lambda t: ({**base, t[0]: t[1]}, t[0]))
    nulled = field.map(lambda f: ({**base, f: None}, f))
    removed = st.sampled_from(list(base)).map(lambda f: ({k: v for k, v in base.items() if k != f}, f))
    whole = st.one_of(hostile, st.just([base]), st.just([])).map(lambda v: (v, None))
    return st.one_of(one_field, nulled, removed, whole)


def check(reply, sent: Any) -> dict[str, Any] | None:
    """Never a 5xx; a 2xx is a record; a 4xx is problem+json, a 400 naming each field, no value echoed.
    Returns the record of a 2xx."""
    assert reply.status < 500, f"{reply.status}: {reply.raw[:2000]!r}"
    if reply.status < 300:
        return reply.json()
    assert reply.header("Content-Type") == PROBLEM, reply.headers
    problem = reply.json()
    assert problem["status"] == reply.status
    if reply.status == 400:
        assert problem.get("errors"), problem
        assert all(isinstance(e.get("field"), str) and e["field"] for e in problem["errors"]), problem
    text = json.dumps({k: v for k, v in problem.items() if k != "instance"})  # the path is not an echo
    for value in sent_strings(sent):
        assert json.dumps(value)[1:-1] not in text, f"a 4xx echoes a value sent: {problem}"
    return None


def assert_stored(world: World, resource: str, record: Any) -> None:
    assert isinstance(record, dict) and record.get("id"), record
    stored = world.admin.get(f"/{resource}/demo/{record['id']}", params={"consistentRead": "true"})
    assert stored.status == 200, stored.raw
    shown_once = ("key", "secret")  # an API key's and a webhook endpoint's secret: in the create answer only
    assert stored.json() == {k: v for k, v in record.items() if k not in shown_once}, "the answer is the stored record"


# ---- the routes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", [*RECORD_RESOURCES, "apiKeys"])
@given(data=st.data())
def test_create_answers_any_json_with_a_record_or_a_4xx(world, resource, data):
    base = world.valid_body(resource) if resource != "apiKeys" else dict(SAMPLE_BODIES["apiKeys"])
    body, field = data.draw(mutated(base), label="body")
    reply = world.admin.request("POST", f"/{resource}/demo", data=body_text(body))
    record = check(reply, body)
    if record is not None:
        assert_stored(world, resource, record)
        if field in FREE_FORM.get(resource, ()) and isinstance(body, dict):
            assert record.get(field) == body[field], "a free-form field is stored as sent"


@pytest.mark.parametrize("resource", RECORD_RESOURCES)
@given(data=st.data())
def test_replace_answers_any_json_with_a_record_or_a_4xx(world, resource, data):
    record_id = world.ids[resource]
    base = {**world.valid_body(resource), "id": record_id}
    if resource == "examResults":  # a result's registration cannot change
        base["registration_id"] = world.admin.get(f"/examResults/demo/{record_id}").json()["registration_id"]
    body, _ = data.draw(mutated(base), label="body")
    record = check(world.admin.request("PUT", f"/{resource}/demo/{record_id}", data=body_text(body)), body)
    if record is not None:
        assert_stored(world, resource, record)


patch_operation = st.fixed_dictionaries(
    {"op": st.sampled_from(["add", "remove", "replace", "move", "copy", "test"]) | scalars},
    optional={
        "path": st.sampled_from(["/name", "/sys_version", "/id", "/domains/0", "/domains/-", "/x/y", "", "/"])
        | odd_text
        | json_values,
        "from": st.sampled_from(["/name", "/description", "/nope"]) | json_values,
        "value": hostile,
        "extra": json_values,
    },
)
patch_bodies = st.one_of(st.lists(patch_operation, max_size=4), hostile)


@pytest.mark.parametrize("resource", RECORD_RESOURCES)
@given(body=patch_bodies)
def test_patch_answers_any_json_with_a_record_or_a_4xx(world, resource, body):
    reply = world.admin.request(
        "PATCH",
        f"/{resource}/demo/{world.ids[resource]}",
        data=body_text(body),
        headers={"Content-Type": "application/json-patch+json"},
    )
    record = check(reply, body)
    if record is not None:
        assert_stored(world, resource, record)


batch_operation = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["nope", "x" * 2000]) | odd_text | json_values,
        "operation": st.sampled_from(["patch", "delete", "replace"]) | scalars,
        "patch_directives": st.none() | st.lists(patch_operation, max_size=3) | hostile,
        "extra": json_values,
    },
)
batch_bodies = st.one_of(
    st.fixed_dictionaries({"operations": st.lists(batch_operation, max_size=4) | hostile}),
    st.lists(batch_operation, max_size=3),
    hostile,
)


@pytest.mark.parametrize("resource", RECORD_RESOURCES)
@given(body=batch_bodies)
def test_batch_answers_any_json_with_results_or_a_4xx(world, resource, body):
    reply = world.admin.request("POST", f"/{resource}/demo/batch", data=body_text(body))
    outcome = check(reply, body)
    if outcome is not None:
        assert set(outcome) == {"success_count", "error_count", "results"}, outcome
        for result in outcome["results"]:
            assert result["status"] < 500, result
